using DebiasKit.Models;
using Xunit;

namespace DebiasKit.Tests.Models;

public class DecisionTreeTests
{
    private static (double[][] X, long[] Y) Blobs(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n][];
        var y = new long[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.Next(3);
            x[i] = [Math.Round(rng.NextDouble() + 0.6 * y[i], 2), Math.Round(rng.NextDouble(), 2), Math.Round(rng.NextDouble() - 0.4 * y[i], 2)];
        }
        return (x, y);
    }

    /// <summary>Plain reference: the best Gini split over all features and midpoints, by exhaustive search (first best kept).</summary>
    private static (int Feature, double Threshold) BruteForceStump(double[][] x, long[] y, int classes, int minLeaf)
    {
        double Weighted(IEnumerable<long> side)
        {
            var list = side.ToList();
            if (list.Count == 0) return 0;
            double g = 1 - Enumerable.Range(0, classes).Sum(c => Math.Pow(list.Count(v => v == c) / (double)list.Count, 2));
            return list.Count * g;
        }
        double best = double.MaxValue;
        (int, double) arg = (-1, 0);
        for (int j = 0; j < x[0].Length; j++)
        {
            var values = x.Select(r => r[j]).Distinct().OrderBy(v => v).ToArray();
            for (int k = 0; k + 1 < values.Length; k++)
            {
                double t = (values[k] + values[k + 1]) / 2;
                var leftY = y.Where((_, i) => x[i][j] <= t).ToArray();
                var rightY = y.Where((_, i) => x[i][j] > t).ToArray();
                if (leftY.Length < minLeaf || rightY.Length < minLeaf) continue;
                double score = Weighted(leftY) + Weighted(rightY);
                if (score < best - 1e-9) { best = score; arg = (j, t); }
            }
        }
        return arg;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(3, 20)]
    public void A_depth_one_tree_makes_the_exhaustive_best_gini_split(int seed, int minLeaf)
    {
        var (x, y) = Blobs(80, seed);
        var tree = DecisionTree.Fit(x, y, 3, new DecisionTreeOptions(MaxDepth: 1, MinSamplesLeaf: minLeaf));
        var (feature, threshold) = BruteForceStump(x, y, 3, minLeaf);
        Assert.Equal(3, tree.NodeCount);
        // The stump's two leaves hold the class frequencies on each side of the reference split.
        foreach (var row in x)
        {
            bool leftSide = row[feature] <= threshold;
            var side = Enumerable.Range(0, x.Length).Where(i => (x[i][feature] <= threshold) == leftSide).ToArray();
            var expected = Enumerable.Range(0, 3).Select(c => side.Count(i => y[i] == c) / (double)side.Length).ToArray();
            TestHelpers.AllClose(expected, tree.PredictProbabilities(row), 1e-12);
        }
    }

    [Fact]
    public void Xor_needs_depth_two_and_a_full_tree_fits_distinct_points()
    {
        double[][] x = [[0, 0], [0, 1], [1, 0], [1, 1], [0.1, 0.1], [0.1, 0.9], [0.9, 0.1], [0.9, 0.9]];
        long[] y = [0, 1, 1, 0, 0, 1, 1, 0];
        // No single split lowers XOR's Gini at all (every axis cut leaves half of each class on each side): a stump is a leaf.
        Assert.Equal(1, DecisionTree.Fit(x, y, 2, new DecisionTreeOptions(MaxDepth: 5, MinSamplesLeaf: 1)).NodeCount);
        // With the corners shifted so one cut helps, the full tree separates all eight points.
        double[][] shifted = x.Select((r, i) => new[] { r[0] + 0.01 * i, r[1] }).ToArray();
        var tree = DecisionTree.Fit(shifted, y, 2, new DecisionTreeOptions(MinSamplesLeaf: 1));
        Assert.Equal(y, tree.Predict(shifted));
    }

    [Fact]
    public void Growth_limits_hold_and_fits_are_deterministic()
    {
        var (x, y) = Blobs(300, 9);
        var options = new DecisionTreeOptions(MaxDepth: 4, MinSamplesLeaf: 7);
        var tree = DecisionTree.Fit(x, y, 3, options);
        Assert.True(tree.Depth <= 4);
        Assert.Equal(tree.NodeCount, 2 * tree.LeafCount - 1);     // binary splits
        // Each leaf holds at least 7 rows: count the rows reaching each distinct leaf distribution's leaf by routing.
        var leafSizes = x.GroupBy(r => string.Join(",", tree.PredictProbabilities(r))).Select(g => g.Count());
        Assert.All(leafSizes, s => Assert.True(s >= 7));
        Assert.Equal(tree.Predict(x), DecisionTree.Fit(x, y, 3, options).Predict(x));
        // Deeper trees fit the training data at least as well.
        double Accuracy(DecisionTree t) => t.Predict(x).Zip(y, (p, q) => p == q ? 1.0 : 0).Average();
        Assert.True(Accuracy(DecisionTree.Fit(x, y, 3, new DecisionTreeOptions(MaxDepth: 12, MinSamplesLeaf: 1))) >= Accuracy(tree));
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        double[][] x = [[0], [1]];
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => DecisionTree.Fit(x, [0, 3], 2)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => DecisionTree.Fit(x, [0], 2)).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => DecisionTree.Fit([[0], [double.PositiveInfinity]], [0, 1], 2)).ParamName);
        Assert.Equal("options", Assert.ThrowsAny<ArgumentException>(() => DecisionTree.Fit(x, [0, 1], 2, new DecisionTreeOptions(MinSamplesLeaf: 0))).ParamName);
        Assert.Equal("classes", Assert.ThrowsAny<ArgumentException>(() => DecisionTree.Fit(x, [0, 0], 1)).ParamName);
        Assert.Equal("row", Assert.Throws<ArgumentException>(() => DecisionTree.Fit(x, [0, 1], 2).PredictProbabilities([1, 2])).ParamName);
    }
}
