using DebiasKit.Metrics;
using Xunit;

namespace DebiasKit.Tests.Metrics;

public class RocConvexHullTests
{
    private static RocPoint P(double fpr, double tpr) => new(fpr, tpr);

    [Fact]
    public void Hand_computed_hull_vertices_and_area()
    {
        // (0.3, 0.6) lies below the edge (0.1, 0.5)–(0.4, 0.9), whose TPR at 0.3 is 0.5 + (0.2/0.3)·0.4 = 0.7667;
        // (0.6, 0.8) lies below the edge (0.4, 0.9)–(1, 1), whose TPR at 0.6 is 0.9 + (0.2/0.6)·0.1 = 0.9333.
        var points = new[] { P(0.1, 0.5), P(0.3, 0.6), P(0.4, 0.9), P(0.6, 0.8) };
        var hull = RocConvexHull.Of(points);
        Assert.Equal(new[] { P(0, 0), P(0.1, 0.5), P(0.4, 0.9), P(1, 1) }, hull.Vertices);
        // Area: 0.1·(0 + 0.5)/2 + 0.3·(0.5 + 0.9)/2 + 0.6·(0.9 + 1)/2 = 0.025 + 0.21 + 0.57 = 0.805.
        Assert.Equal(0.805, hull.Auc, 12);
        // The paper's curve AUC over the same points (sorted by FPR, (0,0) and (1,1) added):
        // 0.025 + 0.2·(0.5 + 0.6)/2 + 0.1·(0.6 + 0.9)/2 + 0.2·(0.9 + 0.8)/2 + 0.4·(0.8 + 1)/2
        // = 0.025 + 0.11 + 0.075 + 0.17 + 0.36 = 0.74.
        Assert.Equal(0.74, RocConvexHull.CurveAuc(points), 12);
        Assert.True(hull.IsOnHull(P(0.4, 0.9)));
        Assert.False(hull.IsOnHull(P(0.3, 0.6)));
        Assert.True(hull.IsOnHull(P(0.25, 0.7)));    // on the edge (0.1, 0.5)–(0.4, 0.9): 0.5 + 0.5·0.4 = 0.7
        Assert.Equal(0.7, hull.TruePositiveRateAt(0.25), 12);
    }

    [Fact]
    public void Points_below_the_diagonal_give_the_diagonal_and_a_perfect_point_gives_one()
    {
        var diagonal = RocConvexHull.Of([P(0.5, 0.2), P(0.9, 0.5)]);
        Assert.Equal(new[] { P(0, 0), P(1, 1) }, diagonal.Vertices);
        Assert.Equal(0.5, diagonal.Auc, 12);
        Assert.Equal(0.5, RocConvexHull.Of([]).Auc, 12);
        var perfect = RocConvexHull.Of([P(0, 1), P(0.3, 0.6)]);
        Assert.Equal(new[] { P(0, 1), P(1, 1) }, perfect.Vertices);
        Assert.Equal(1.0, perfect.Auc, 12);
        // Collinear points are not vertices: (0.2, 0.6) lies on the segment (0, 0.4)–(0.4, 0.8).
        Assert.Equal(new[] { P(0, 0.4), P(0.4, 0.8), P(1, 1) }, RocConvexHull.Of([P(0, 0.4), P(0.2, 0.6), P(0.4, 0.8)]).Vertices);
    }

    [Fact]
    public void Hull_equals_the_best_mix_of_two_points_at_every_fpr()
    {
        // Independent reference: the hull's TPR at x is the best TPR of any mixture of two classifiers (including the
        // trivial ones) whose FPRs bracket x; a 1-D upper envelope of a convex combination needs only two points.
        var rng = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            var points = Enumerable.Range(0, 12).Select(_ => P(Math.Round(rng.NextDouble(), 2), Math.Round(rng.NextDouble(), 2))).ToArray();
            var hull = RocConvexHull.Of(points);
            var all = points.Append(P(0, 0)).Append(P(1, 1)).ToArray();
            for (int step = 0; step <= 100; step++)
            {
                double x = step / 100.0;
                double best = 0;
                foreach (var a in all)
                    foreach (var b in all)
                    {
                        if (a.FalsePositiveRate > x || b.FalsePositiveRate < x) continue;
                        double t = b.FalsePositiveRate == a.FalsePositiveRate ? 0 : (x - a.FalsePositiveRate) / (b.FalsePositiveRate - a.FalsePositiveRate);
                        best = Math.Max(best, Math.Max(a.FalsePositiveRate == x ? a.TruePositiveRate : 0,
                            a.TruePositiveRate + t * (b.TruePositiveRate - a.TruePositiveRate)));
                    }
                Assert.Equal(best, hull.TruePositiveRateAt(x), 9);
            }
            Assert.All(points, p => Assert.True(p.TruePositiveRate <= hull.TruePositiveRateAt(p.FalsePositiveRate) + 1e-12));
            Assert.True(hull.Auc >= RocConvexHull.CurveAuc(points) - 1e-12);
        }
    }

    [Fact]
    public void Operating_point_from_predictions()
    {
        // labels 1,1,1,0,0,0,0 ; predicted 1,1,0,1,0,0,0 → TP 2 of 3, FP 1 of 4.
        var p = RocPoint.FromPredictions([1, 1, 0, 1, 0, 0, 0], [1, 1, 1, 0, 0, 0, 0]);
        Assert.Equal(0.25, p.FalsePositiveRate, 12);
        Assert.Equal(2.0 / 3, p.TruePositiveRate, 12);
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => RocConvexHull.Of([P(1.2, 0.5)])).ParamName);
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => RocConvexHull.CurveAuc([P(0.2, double.NaN)])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => RocPoint.FromPredictions([1, 0], [1, 1])).ParamName);
        Assert.Equal("predicted", Assert.ThrowsAny<ArgumentException>(() => RocPoint.FromPredictions([2, 0], [1, 0])).ParamName);
        Assert.Equal("predicted", Assert.Throws<ArgumentException>(() => RocPoint.FromPredictions([1], [1, 0])).ParamName);
        Assert.Equal("falsePositiveRate", Assert.ThrowsAny<ArgumentException>(() => RocConvexHull.Of([]).TruePositiveRateAt(-0.1)).ParamName);
    }
}
