using DebiasKit.Data;
using DebiasKit.Stats;
using Xunit;

namespace DebiasKit.Tests.Stats;

public class LaplaceMechanismTests
{
    [Fact]
    public void Noise_has_mean_zero_scale_sensitivity_over_epsilon_and_is_seeded()
    {
        // Laplace(0, b): mean 0, variance 2b², E|X| = b. b = 0.5 / 0.25 = 2.
        var released = LaplaceMechanism.Release(new double[40_000], sensitivity: 0.5, epsilon: 0.25, seed: 3);
        double mean = released.Average();
        double variance = released.Sum(v => (v - mean) * (v - mean)) / (released.Length - 1);
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(variance, 8 * 0.96, 8 * 1.04);
        Assert.InRange(released.Average(Math.Abs), 2 * 0.98, 2 * 1.02);
        Assert.Equal(released, LaplaceMechanism.Release(new double[40_000], 0.5, 0.25, seed: 3));
        Assert.NotEqual(released, LaplaceMechanism.Release(new double[40_000], 0.5, 0.25, seed: 4));
    }

    [Fact]
    public void Private_bag_means_are_clipped_bag_means_plus_noise_of_scale_range_over_k_epsilon()
    {
        double[] y = [-5, 0.5, 1.0, 9, 2, -1];                      // clipped to [−2, 2]: −2, 0.5, 1, 2, 2, −1
        var bags = new BagPartition(6, 3, [0, 1, 2, 3, 4, 5]);
        var nearlyExact = LaplaceMechanism.PrivateBagMeans(y, bags, -2, 2, epsilon: 1e9, seed: 1);
        Assert.Equal(-0.5 / 3, nearlyExact[0], 6);
        Assert.Equal(3.0 / 3, nearlyExact[1], 6);
        // the noise is exactly Release(clipped means, (upper − lower)/k, ε) with the same seed
        var noisy = LaplaceMechanism.PrivateBagMeans(y, bags, -2, 2, epsilon: 0.5, seed: 8);
        var expected = LaplaceMechanism.Release([-0.5 / 3, 1.0], 4.0 / 3, 0.5, seed: 8);
        Assert.Equal(expected[0], noisy[0], 12);
        Assert.Equal(expected[1], noisy[1], 12);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        string Param(Action act) => Assert.ThrowsAny<ArgumentException>(act).ParamName!;
        Assert.Equal("epsilon", Param(() => LaplaceMechanism.Release([1.0], 1, 0, 1)));
        Assert.Equal("sensitivity", Param(() => LaplaceMechanism.Release([1.0], -1, 1, 1)));
        Assert.Equal("values", Param(() => LaplaceMechanism.Release([double.NaN], 1, 1, 1)));
        var bags = Bags.Random(6, 2, 1);
        Assert.Equal("upper", Param(() => LaplaceMechanism.PrivateBagMeans(new double[6], bags, 1, 1, 1, 1)));
        Assert.Equal("responses", Param(() => LaplaceMechanism.PrivateBagMeans([1.0, double.PositiveInfinity, 0, 0, 0, 0], bags, 0, 1, 1, 1)));
        Assert.Equal("values", Param(() => LaplaceMechanism.PrivateBagMeans(new double[5], bags, 0, 1, 1, 1)));
    }
}
