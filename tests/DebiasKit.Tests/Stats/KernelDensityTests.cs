using DebiasKit.Stats;
using Xunit;

namespace DebiasKit.Tests.Stats;

public class KernelDensityTests
{
    private static double Phi(double u) => Math.Exp(-0.5 * u * u) / Math.Sqrt(2 * Math.PI);

    [Fact]
    public void Two_point_density_and_score_match_the_hand_computed_mixture()
    {
        // Sample {0, 2}, h = 1: p(x) = (φ(x) + φ(x − 2))/2, score = −(x·φ(x) + (x − 2)·φ(x − 2)) / (φ(x) + φ(x − 2)).
        var kde = KernelDensity.Fit([0.0, 2.0], bandwidth: 1.0);
        Assert.Equal(Phi(1), kde.Density(1), 12);               // midpoint: both kernels at distance 1
        Assert.Equal(0.24197072451914337, kde.Density(1), 12);
        Assert.Equal(0.0, kde.Score(1), 12);                    // symmetric: the score vanishes
        double x = 0.5;
        double expected = -(x * Phi(x) + (x - 2) * Phi(x - 2)) / (Phi(x) + Phi(x - 2));
        Assert.Equal(expected, kde.Score(x), 12);
        // By hand: φ(0.5) = 0.352065, φ(−1.5) = 0.129518 → −(0.176033 − 0.194277)/0.481583 = 0.037883.
        Assert.Equal(0.037883, kde.Score(x), 5);
        Assert.Equal(Math.Log((Phi(x) + Phi(x - 2)) / 2), kde.LogDensity(x), 12);
    }

    [Fact]
    public void Score_matches_a_central_difference_of_the_log_density_written_with_loops()
    {
        var sample = TestHelpers.Uniform(300, seed: 4, low: -2, high: 3).Select(v => v * v * Math.Sign(v)).ToArray();
        var kde = KernelDensity.Fit(sample);
        double h = kde.Bandwidth;
        double LogP(double x) => Math.Log(sample.Sum(xi => Phi((x - xi) / h)) / (sample.Length * h));
        foreach (double x in new[] { -3.0, -0.7, 0.0, 0.4, 2.5, 8.0 })
        {
            const double step = 1e-5;
            double difference = (LogP(x + step) - LogP(x - step)) / (2 * step);
            Assert.Equal(LogP(x), kde.LogDensity(x), 10);
            Assert.True(Math.Abs(difference - kde.Score(x)) <= 1e-6 * Math.Max(1, Math.Abs(difference)),
                $"x = {x}: finite difference {difference}, score {kde.Score(x)}");
        }
        var many = kde.Score([-0.7, 2.5]);
        Assert.Equal(kde.Score(-0.7), many[0], 14);
        Assert.Equal(kde.Score(2.5), many[1], 14);
    }

    [Fact]
    public void Scott_bandwidth_is_the_sample_sd_times_n_to_the_minus_one_fifth()
    {
        // {1, …, 5}: s = √2.5 = 1.581139, 5^(−1/5) = 0.724780 → h = 1.145977.
        Assert.Equal(1.145977, KernelDensity.ScottBandwidth([1.0, 2, 3, 4, 5]), 6);
        Assert.Equal(Math.Sqrt(2.5) * Math.Pow(5, -0.2), KernelDensity.Fit([5.0, 4, 3, 2, 1]).Bandwidth, 12);
    }

    [Fact]
    public void Far_tail_stays_finite_and_follows_the_nearest_kernel()
    {
        // Sample {0, 1}, h = 0.1, x = 50: the kernel at 1 dominates; log p = −49²/(2h²) + log(1 + e^{−(50² − 49²)/(2h²)}) − log(2h√2π).
        var kde = KernelDensity.Fit([0.0, 1.0], bandwidth: 0.1);
        double expected = -49.0 * 49 / 0.02 - Math.Log(2 * 0.1 * Math.Sqrt(2 * Math.PI));
        Assert.Equal(expected, kde.LogDensity(50), 1e-9 * Math.Abs(expected));
        Assert.Equal(-49 / 0.01, kde.Score(50), 1e-9);             // −(x − 1)/h²
        Assert.Equal(0.0, kde.Density(50));                      // underflows, but the log does not
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        Assert.Equal("sample", Assert.Throws<ArgumentException>(() => KernelDensity.Fit([1.0])).ParamName);
        Assert.Equal("sample", Assert.Throws<ArgumentException>(() => KernelDensity.Fit([1.0, double.NaN])).ParamName);
        Assert.Equal("sample", Assert.Throws<ArgumentException>(() => KernelDensity.Fit([2.0, 2.0, 2.0])).ParamName);
        Assert.Equal("bandwidth", Assert.Throws<ArgumentOutOfRangeException>(() => KernelDensity.Fit([1.0, 2.0], bandwidth: 0)).ParamName);
        Assert.Equal("bandwidth", Assert.Throws<ArgumentOutOfRangeException>(() => KernelDensity.Fit([1.0, 2.0], bandwidth: -1)).ParamName);
        var kde = KernelDensity.Fit([2.0, 2.0], bandwidth: 1);  // a given bandwidth makes a constant sample usable
        Assert.Equal(0.0, kde.Score(2), 12);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => kde.Score(double.NaN)).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => kde.Score([0.0, double.PositiveInfinity])).ParamName);
        Assert.Throws<ArgumentNullException>(() => KernelDensity.Fit(null!));
    }
}
