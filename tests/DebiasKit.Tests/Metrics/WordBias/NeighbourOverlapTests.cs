using DebiasKit.Metrics;
using DebiasKit.Tests.Projections;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Metrics.WordBias;

/// <summary>Neighbour overlap: 1 under a rotation, near k/n under a scramble, hand-computed and loop-computed values.</summary>
public class NeighbourOverlapTests
{
    /// <summary>The k nearest rows by cosine (itself excluded), by sorting every cosine.</summary>
    private static HashSet<int> NaiveNeighbours(double[][] rows, int query, int k) =>
        Enumerable.Range(0, rows.Length).Where(i => i != query)
            .OrderByDescending(i => Naive.Cosine(rows[query], rows[i])).Take(k).ToHashSet();

    private static double NaiveOverlap(double[][] before, double[][] after, IReadOnlyList<long> queries, int k) =>
        queries.Average(q => (double)NaiveNeighbours(before, (int)q, k).Intersect(NaiveNeighbours(after, (int)q, k)).Count() / k);

    private static readonly long[] Queries = Enumerable.Range(0, 50).Select(i => (long)i).ToArray();

    [Fact]
    public void A_rotation_a_rescaling_or_extra_zero_dimensions_keep_every_neighbour()
    {
        using var scope = NewDisposeScope();
        var rows = Naive.Gaussian(300, 16, seed: 1);
        var rotation = Naive.GramSchmidt(Naive.Gaussian(16, 16, seed: 2));
        var rotated = Naive.Multiply(rows, rotation);
        var scales = Naive.Gaussian(300, 1, seed: 3);
        var rescaled = rows.Select((r, i) => Naive.Scale(r, 0.5 + Math.Abs(scales[i][0]))).ToArray();
        var padded = rows.Select(r => r.Concat(new double[4]).ToArray()).ToArray();
        var before = ToTensor(rows);
        Assert.Equal(1, NeighbourOverlap.Compute(before, ToTensor(rotated), Queries));
        Assert.Equal(1, NeighbourOverlap.Compute(before, ToTensor(rescaled, ScalarType.Float32), Queries, k: 5));
        Assert.Equal(1, NeighbourOverlap.Compute(before, ToTensor(padded), Queries, k: 20));
    }

    [Fact]
    public void A_random_scramble_drops_to_about_k_over_n()
    {
        using var scope = NewDisposeScope();
        var rows = Naive.Gaussian(300, 16, seed: 4);
        var order = Enumerable.Range(0, 300).ToArray();
        new Random(5).Shuffle(order);
        var scrambled = order.Select(i => rows[i]).ToArray();
        double overlap = NeighbourOverlap.Compute(ToTensor(rows), ToTensor(scrambled), Queries);
        Assert.True(overlap < 0.15, $"overlap {overlap} (k/n = {10.0 / 300:F3})");
    }

    [Fact]
    public void Hand_computed_example()
    {
        using var scope = NewDisposeScope();
        // Unit vectors at 0°, 10°, 25°, 90°, 100°, then at 0°, 15°, 25°, 90°, 100°. k = 1 nearest neighbours (by angle):
        // before 0→1, 1→0 (10° vs 15°), 2→1, 3→4, 4→3; after 0→1, 1→2 (10° vs 15°), 2→1, 3→4, 4→3: 4 of 5 kept.
        double[][] Circle(params double[] degrees) => degrees.Select(d => new[] { Math.Cos(d * Math.PI / 180), Math.Sin(d * Math.PI / 180) }).ToArray();
        var before = Circle(0, 10, 25, 90, 100);
        var after = Circle(0, 15, 25, 90, 100);
        Assert.Equal(0.8, NeighbourOverlap.Compute(ToTensor(before), ToTensor(after), [0, 1, 2, 3, 4], k: 1), 12);
        Assert.Equal(0.0, NeighbourOverlap.Compute(ToTensor(before), ToTensor(after), [1], k: 1));
    }

    [Fact]
    public void Matches_a_loop_under_noise()
    {
        using var scope = NewDisposeScope();
        var rows = Naive.Gaussian(120, 8, seed: 6);
        var noise = Naive.Gaussian(120, 8, seed: 7, scale: 0.4);
        var after = rows.Select((r, i) => Naive.Add(r, noise[i])).ToArray();
        long[] queries = [0, 3, 17, 42, 99, 119];
        double expected = NaiveOverlap(rows, after, queries, 7);
        Assert.InRange(expected, 0.2, 0.95);
        Assert.Equal(expected, NeighbourOverlap.Compute(ToTensor(rows), ToTensor(after), queries, k: 7), 12);
    }

    [Fact]
    public void Rejects_bad_input_naming_the_argument()
    {
        using var scope = NewDisposeScope();
        var x = ToTensor(Naive.Gaussian(5, 3, seed: 8));
        Assert.Equal("before", Assert.ThrowsAny<ArgumentException>(() => NeighbourOverlap.Compute(ToTensor([[1, 2]]), ToTensor([[1, 2]]), [0], 1)).ParamName);
        Assert.Equal("after", Assert.ThrowsAny<ArgumentException>(() => NeighbourOverlap.Compute(x, ToTensor(Naive.Gaussian(4, 3, 9)), [0], 1)).ParamName);
        Assert.Equal("after", Assert.ThrowsAny<ArgumentException>(() => NeighbourOverlap.Compute(x, null!, [0], 1)).ParamName);
        Assert.Equal("queryRows", Assert.ThrowsAny<ArgumentException>(() => NeighbourOverlap.Compute(x, x, [], 1)).ParamName);
        Assert.Equal("queryRows", Assert.ThrowsAny<ArgumentException>(() => NeighbourOverlap.Compute(x, x, [5], 1)).ParamName);
        Assert.Equal("queryRows", Assert.ThrowsAny<ArgumentException>(() => NeighbourOverlap.Compute(x, x, [-1], 1)).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => NeighbourOverlap.Compute(x, x, [0], 0)).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => NeighbourOverlap.Compute(x, x, [0], 5)).ParamName);
    }
}
