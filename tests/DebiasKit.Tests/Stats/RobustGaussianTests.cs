using DebiasKit.Stats;
using MathNet.Numerics.Distributions;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Stats;

public class RobustGaussianTests
{
    /// <summary>Seeded points N(centre, spread² I).</summary>
    private static double[][] Blob(int count, double[] centre, double spread, int seed)
    {
        var normal = new Normal(0, spread, new Random(seed));
        return Enumerable.Range(0, count).Select(_ => centre.Select(c => c + normal.Sample()).ToArray()).ToArray();
    }

    /// <summary>Plain-loop sample mean and covariance (divisor n − 1).</summary>
    private static (double[] Mean, double[,] Covariance) LoopMoments(double[][] x)
    {
        int n = x.Length, d = x[0].Length;
        var mean = new double[d];
        foreach (var row in x) for (int j = 0; j < d; j++) mean[j] += row[j] / n;
        var cov = new double[d, d];
        foreach (var row in x)
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++) cov[a, b] += (row[a] - mean[a]) * (row[b] - mean[b]) / (n - 1);
        return (mean, cov);
    }

    private static void AssertMatrixClose(double[,] expected, double[,] actual, double tolerance)
    {
        for (int a = 0; a < expected.GetLength(0); a++)
            for (int b = 0; b < expected.GetLength(1); b++)
                Assert.True(Math.Abs(expected[a, b] - actual[a, b]) <= tolerance, $"[{a}, {b}]: expected {expected[a, b]}, got {actual[a, b]}");
    }

    [Fact]
    public void On_clean_gaussian_data_the_estimate_is_the_sample_mean_and_covariance()
    {
        var points = Blob(200, [1, -2, 0.5], 1.5, seed: 1);
        var (mean, cov) = LoopMoments(points);
        using var x = ToTensor(points);
        foreach (var estimate in new[] { RobustGaussian.Classical(x), RobustGaussian.Fit(x, support: 1.0) })
        {
            AllClose(mean, estimate.Mean, 1e-12);
            AssertMatrixClose(cov, estimate.Covariance, 1e-12);
            Assert.All(estimate.Weights, w => Assert.Equal(1.0, w));
        }
        // Trimming a clean sample keeps a share `support` of the points and the mean within three standard errors of a
        // mean of h = 160 points (3 · 1.5 / √160 ≈ 0.36; MCD's mean is less efficient than the sample mean).
        var trimmed = RobustGaussian.Fit(x, support: 0.8, seed: 3);
        Assert.Equal(160, trimmed.Support);
        for (int j = 0; j < 3; j++) Assert.True(Math.Abs(trimmed.Mean[j] - mean[j]) < 0.36, $"mean[{j}] {trimmed.Mean[j]} vs sample {mean[j]}");
    }

    [Fact]
    public void Mislabelled_points_from_another_cluster_are_down_weighted_and_do_not_pull_the_mean()
    {
        // 60 correctly labelled points around 0 and 30 mislabelled ones from a cluster around (6, 6, 6).
        var clean = Blob(60, [0, 0, 0], 1, seed: 2);
        var wrong = Blob(30, [6, 6, 6], 1, seed: 4);
        using var x = ToTensor(clean.Concat(wrong).ToArray());
        var robust = RobustGaussian.Fit(x, support: 0.5, seed: 1);
        var classical = RobustGaussian.Classical(x);
        Assert.All(Enumerable.Range(60, 30), i => Assert.Equal(0.0, robust.Weights[i]));   // every mislabelled point set aside
        Assert.Equal(45, robust.Support);
        Assert.All(robust.Mean, m => Assert.True(Math.Abs(m) < 0.5, $"robust mean component {m}"));
        Assert.All(classical.Mean, m => Assert.True(m > 1.5, $"classical mean component {m} should be pulled towards the wrong cluster"));
        // the kept points' moments are the returned ones
        var kept = Enumerable.Range(0, 90).Where(i => robust.Weights[i] > 0).Select(i => clean.Concat(wrong).ElementAt(i)).ToArray();
        var (keptMean, keptCov) = LoopMoments(kept);
        AllClose(keptMean, robust.Mean, 1e-12);
        AssertMatrixClose(keptCov, robust.Covariance, 1e-12);
    }

    [Fact]
    public void Correct_points_fewer_than_half_are_found_from_a_nearest_neighbour_start()
    {
        // A rare class under symmetric noise: 30 correct points (tight, at 0) and 3 × 25 mislabelled ones from other
        // clusters. The whole-sample start alone settles between clusters; the neighbour starts find the correct ones.
        var clean = Blob(30, [0, 0], 0.5, seed: 5);
        var others = Blob(25, [8, 0], 1, seed: 6).Concat(Blob(25, [0, 8], 1, seed: 7)).Concat(Blob(25, [-8, -8], 1, seed: 8));
        using var x = ToTensor(clean.Concat(others).ToArray());
        var robust = RobustGaussian.Fit(x, support: 0.25, starts: 10, seed: 0);
        Assert.Equal(27, robust.Support);   // ⌈0.25 · 105⌉
        Assert.All(Enumerable.Range(30, 75), i => Assert.Equal(0.0, robust.Weights[i]));
        Assert.All(robust.Mean, m => Assert.True(Math.Abs(m) < 0.4, $"mean component {m}"));
    }

    [Fact]
    public void The_kept_points_are_the_h_nearest_in_mahalanobis_distance_under_their_own_estimate()
    {
        // The concentration-step fixed point: no point left out is nearer (in (Σ + λI)⁻¹ distance) than a kept one.
        var points = Blob(50, [0, 0, 0, 0], 1, seed: 9).Concat(Blob(20, [3, -3, 3, -3], 2, seed: 10)).ToArray();
        using var x = ToTensor(points);
        var robust = RobustGaussian.Fit(x, support: 0.6, ridge: 1e-3, seed: 2);
        int d = 4;
        var all = RobustGaussian.Classical(x);
        double lambda = 1e-3 * Enumerable.Range(0, d).Sum(j => all.Covariance[j, j]) / d;
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(robust.Covariance)
            + MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(d) * lambda;
        var precision = matrix.Inverse();
        double Distance(double[] p)
        {
            var v = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfEnumerable(p.Select((value, j) => value - robust.Mean[j]));
            return v * precision * v;
        }
        double worstKept = Enumerable.Range(0, points.Length).Where(i => robust.Weights[i] > 0).Max(i => Distance(points[i]));
        double bestLeft = Enumerable.Range(0, points.Length).Where(i => robust.Weights[i] == 0).Min(i => Distance(points[i]));
        Assert.True(worstKept <= bestLeft + 1e-9, $"a kept point is at {worstKept}, a left-out one at {bestLeft}");
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        using var good = ToTensor(Blob(10, [0, 0], 1, seed: 1));
        using var nan = tensor(new[] { 0.0, double.NaN, 1, 2 }, [2, 2]);
        using var vector = zeros(5);
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => RobustGaussian.Fit(nan)).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => RobustGaussian.Classical(vector)).ParamName);
        Assert.Equal("support", Assert.Throws<ArgumentOutOfRangeException>(() => RobustGaussian.Fit(good, support: 0)).ParamName);
        Assert.Equal("ridge", Assert.Throws<ArgumentOutOfRangeException>(() => RobustGaussian.Fit(good, ridge: -1)).ParamName);
        Assert.Equal("starts", Assert.Throws<ArgumentOutOfRangeException>(() => RobustGaussian.Fit(good, starts: 0)).ParamName);
        Assert.Equal("maxSteps", Assert.Throws<ArgumentOutOfRangeException>(() => RobustGaussian.Fit(good, maxSteps: 0)).ParamName);
    }
}
