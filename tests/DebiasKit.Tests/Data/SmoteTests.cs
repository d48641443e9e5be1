using DebiasKit.Data.Sampling;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Data;

public class SmoteTests
{
    /// <summary>A seeded 2-class set in 3-D: 40 of class 0, 9 of class 1 (shifted), coordinates uniform.</summary>
    private static (double[][] X, long[] Y) Imbalanced(int seed = 3)
    {
        var rng = new Random(seed);
        var x = new List<double[]>();
        var y = new List<long>();
        for (int i = 0; i < 40; i++) { x.Add([rng.NextDouble(), rng.NextDouble(), rng.NextDouble()]); y.Add(0); }
        for (int i = 0; i < 9; i++) { x.Add([2 + rng.NextDouble(), rng.NextDouble(), -rng.NextDouble()]); y.Add(1); }
        return (x.ToArray(), y.ToArray());
    }

    /// <summary>Brute force: indices of the k nearest other same-class rows of row i (ties by lower index).</summary>
    private static int[] BruteForceNeighbours(double[][] x, long[] y, int i, int k)
    {
        var others = new List<(double D, int J)>();
        for (int j = 0; j < x.Length; j++)
        {
            if (j == i || y[j] != y[i]) continue;
            double s = 0;
            for (int c = 0; c < x[i].Length; c++) s += (x[i][c] - x[j][c]) * (x[i][c] - x[j][c]);
            others.Add((s, j));
        }
        return others.OrderBy(o => o.D).ThenBy(o => o.J).Take(k).Select(o => o.J).ToArray();
    }

    /// <summary>True when s = a + u (b − a) for some u in [0, 1] (u by least squares, residual checked).</summary>
    private static bool OnSegment(double[] s, double[] a, double[] b)
    {
        double dot = 0, norm = 0;
        for (int c = 0; c < a.Length; c++) { dot += (s[c] - a[c]) * (b[c] - a[c]); norm += (b[c] - a[c]) * (b[c] - a[c]); }
        double u = norm == 0 ? 0 : dot / norm;
        if (u < -1e-12 || u > 1 + 1e-12) return false;
        for (int c = 0; c < a.Length; c++)
            if (Math.Abs(a[c] + u * (b[c] - a[c]) - s[c]) > 1e-9) return false;
        return true;
    }

    [Theory]
    [InlineData(5)]
    [InlineData(1)]
    [InlineData(3)]
    public void Every_synthetic_point_lies_on_a_segment_to_one_of_its_base_k_nearest_neighbours(int k)
    {
        var (x, y) = Imbalanced();
        var result = Smote.Oversample(x, y, new Dictionary<long, int> { [1] = 40 }, k, seed: 11);
        Assert.Equal(31, result.SyntheticCount);
        var minority = Enumerable.Range(0, x.Length).Where(i => y[i] == 1).ToArray();
        for (int s = result.OriginalCount; s < result.Features.Length; s++)
        {
            Assert.Equal(1, result.Labels[s]);
            bool found = minority.Any(i => BruteForceNeighbours(x, y, i, k).Any(j => OnSegment(result.Features[s], x[i], x[j])));
            Assert.True(found, $"synthetic row {s} lies on no segment from a minority point to one of its {k} nearest minority neighbours.");
        }
    }

    [Fact]
    public void Points_off_the_k_neighbour_segments_are_detected_by_the_check()
    {
        // The checker itself can fail: a point in the majority region lies on no minority segment.
        var (x, y) = Imbalanced();
        var minority = Enumerable.Range(0, x.Length).Where(i => y[i] == 1).ToArray();
        double[] outside = [0.5, 0.5, 0.5];
        Assert.DoesNotContain(minority, i => BruteForceNeighbours(x, y, i, 5).Any(j => OnSegment(outside, x[i], x[j])));
    }

    [Fact]
    public void Originals_come_first_unchanged_and_counts_equal_the_targets()
    {
        var (x, y) = Imbalanced();
        var result = Smote.Oversample(x, y, new Dictionary<long, int> { [1] = 30, [0] = 40 }, seed: 2);
        Assert.Equal(x.Length, result.OriginalCount);
        for (int i = 0; i < x.Length; i++) { Assert.Equal(x[i], result.Features[i]); Assert.Equal(y[i], result.Labels[i]); }
        Assert.Equal(40, result.Labels.Count(l => l == 0));
        Assert.Equal(30, result.Labels.Count(l => l == 1));
    }

    [Fact]
    public void Balance_brings_every_class_to_the_largest_count_and_percent_target_adds_n_percent()
    {
        var (x, y) = Imbalanced();
        var balanced = Smote.Balance(x, y, seed: 5);
        Assert.Equal(40, balanced.Labels.Count(l => l == 0));
        Assert.Equal(40, balanced.Labels.Count(l => l == 1));
        // 200 % SMOTE of 9 examples adds 18: each minority example is the base of exactly 2 (the paper's N/100).
        var targets = Smote.PercentTarget(y, 1, 200);
        Assert.Equal(27, targets[1]);
        Assert.Equal(27, Smote.Oversample(x, y, targets, seed: 1).Labels.Count(l => l == 1));
        Assert.Equal(9 + 5, Smote.PercentTarget(y, 1, 50)[1]); // 4.5 rounds away from zero to 5
    }

    [Fact]
    public void With_a_multiple_of_the_class_size_each_example_is_the_base_of_the_same_number()
    {
        // k = 1 on a class whose points are far apart pairs: each synthetic point lies on its base's only segment,
        // so the base is identifiable; 300 % must use each of the 4 bases exactly 3 times.
        double[][] x = [[0, 0], [0, 1], [10, 0], [10, 1], [50, 50]];
        long[] y = [1, 1, 1, 1, 0];
        var result = Smote.Oversample(x, y, new Dictionary<long, int> { [1] = 16 }, k: 1, seed: 9);
        var perPair = new int[2];
        for (int s = result.OriginalCount; s < result.Features.Length; s++)
            perPair[result.Features[s][0] < 5 ? 0 : 1]++;
        Assert.Equal([6, 6], perPair); // 2 bases × 3 per pair
    }

    [Fact]
    public void Same_seed_same_output_different_seed_different_output()
    {
        var (x, y) = Imbalanced();
        var targets = new Dictionary<long, int> { [1] = 25 };
        var a = Smote.Oversample(x, y, targets, seed: 4);
        var b = Smote.Oversample(x, y, targets, seed: 4);
        var c = Smote.Oversample(x, y, targets, seed: 5);
        Assert.Equal(a.Features.SelectMany(r => r), b.Features.SelectMany(r => r));
        Assert.NotEqual(a.Features.SelectMany(r => r), c.Features.SelectMany(r => r));
    }

    [Fact]
    public void Tensor_form_matches_the_array_form_and_keeps_dtype()
    {
        var (x, y) = Imbalanced();
        var targets = new Dictionary<long, int> { [1] = 20 };
        var expected = Smote.Oversample(x, y, targets, seed: 8);
        using var features = ToTensor(x);
        using var labels = tensor(y);
        var (f, l) = Smote.Oversample(features, labels, targets, seed: 8);
        using (f) using (l)
        {
            Assert.Equal(ScalarType.Float64, f.dtype);
            Assert.Equal([expected.Features.Length, 3L], f.shape);
            AllClose(expected.Features.SelectMany(r => r).ToArray(), ToDoubles(f), 0);
            Assert.Equal(expected.Labels, l.data<long>().ToArray());
        }
    }

    [Fact]
    public void Tensor_form_leaves_only_its_two_results()
    {
        var (x, y) = Imbalanced();
        using var features = ToTensor(x);
        using var labels = tensor(y);
        long before = LiveTensors();
        var (f, l) = Smote.Oversample(features, labels, new Dictionary<long, int> { [1] = 12 }, seed: 1);
        Assert.Equal(before + 2, LiveTensors());
        f.Dispose();
        l.Dispose();
        Assert.Equal(before, LiveTensors());
    }

    [Fact]
    public void Small_classes_and_bad_input_are_named()
    {
        var (x, y) = Imbalanced();
        // k ≥ class size: class 1 has 9 examples, k = 9 leaves fewer than k neighbours.
        var ex = Assert.Throws<ArgumentException>(() => Smote.Oversample(x, y, new Dictionary<long, int> { [1] = 20 }, k: 9));
        Assert.Equal("k", ex.ParamName);
        // A one-member class cannot be over-sampled, but is left alone when its target equals its count.
        double[][] single = [[0, 0], [1, 1], [2, 2], [3, 3]];
        long[] singleY = [0, 0, 0, 1];
        Assert.Equal("k", Assert.Throws<ArgumentException>(() => Smote.Oversample(single, singleY, new Dictionary<long, int> { [1] = 3 }, k: 1)).ParamName);
        Assert.Equal(4, Smote.Oversample(single, singleY, new Dictionary<long, int> { [1] = 1 }, k: 1).Features.Length);

        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => Smote.Oversample(x, y, new Dictionary<long, int>(), k: 0)).ParamName);
        Assert.Equal("targetCounts", Assert.Throws<ArgumentOutOfRangeException>(() => Smote.Oversample(x, y, new Dictionary<long, int> { [0] = 10 })).ParamName);
        Assert.Equal("targetCounts", Assert.Throws<ArgumentException>(() => Smote.Oversample(x, y, new Dictionary<long, int> { [7] = 10 })).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Smote.Oversample(x, y[..^1], new Dictionary<long, int>())).ParamName);
        var nan = x.Select(r => (double[])r.Clone()).ToArray();
        nan[3][1] = double.NaN;
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => Smote.Oversample(nan, y, new Dictionary<long, int>())).ParamName);
        var ragged = x.Select(r => (double[])r.Clone()).ToArray();
        ragged[2] = [1, 2];
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => Smote.Oversample(ragged, y, new Dictionary<long, int>())).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => Smote.Oversample(Array.Empty<double[]>(), [], new Dictionary<long, int>())).ParamName);
        Assert.Equal("minorityClass", Assert.Throws<ArgumentException>(() => Smote.PercentTarget(y, 5, 100)).ParamName);
        Assert.Equal("percent", Assert.Throws<ArgumentOutOfRangeException>(() => Smote.PercentTarget(y, 1, -1)).ParamName);

        using var intFeatures = tensor(new long[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var labels2 = tensor(new long[] { 0, 1 });
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => Smote.Oversample(intFeatures, labels2, new Dictionary<long, int>())).ParamName);
        using var floatFeatures = intFeatures.to(ScalarType.Float32);
        using var intLabels = tensor(new int[] { 0, 1 });
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Smote.Oversample(floatFeatures, intLabels, new Dictionary<long, int>())).ParamName);
    }
}
