using DebiasKit.Data.Sampling;
using DebiasKit.Stats;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Data;

public class GaussianSamplerTests
{
    [Fact]
    public void Many_draws_have_the_target_mean_and_covariance()
    {
        var target = new GaussianEstimate([1, -2, 3], new double[,] { { 2, 0.6, -0.3 }, { 0.6, 1, 0.2 }, { -0.3, 0.2, 0.5 } }, []);
        using var generator = new Generator(7);
        using var draws = GaussianSampler.Sample(target, 200_000, generator, ScalarType.Float64);
        Assert.Equal(new long[] { 200_000, 3 }, draws.shape);
        var estimate = RobustGaussian.Classical(draws);
        // Standard errors at n = 200,000: mean ≈ √(2/n) ≈ 0.003, covariance entries ≈ 0.005; tolerance 0.02.
        AllClose(target.Mean, estimate.Mean, 0.02);
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                Assert.True(Math.Abs(target.Covariance[a, b] - estimate.Covariance[a, b]) < 0.02, $"[{a}, {b}]: {estimate.Covariance[a, b]} vs {target.Covariance[a, b]}");
    }

    [Fact]
    public void A_singular_covariance_is_sampled_on_its_subspace_and_the_same_seed_repeats_the_draws()
    {
        // Σ = [[1, 1], [1, 1]] (rank 1): every draw has x₀ − x₁ = μ₀ − μ₁ = 1, up to the tiny jitter.
        var line = new GaussianEstimate([1, 0], new double[,] { { 1, 1 }, { 1, 1 } }, []);
        using var g1 = new Generator(3);
        using var g2 = new Generator(3);
        using var a = GaussianSampler.Sample(line, 500, g1, ScalarType.Float64);
        using var b = GaussianSampler.Sample(line, 500, g2, ScalarType.Float64);
        Assert.Equal(ToDoubles(a), ToDoubles(b));
        var rows = ToRows(a);
        Assert.All(rows, r => Assert.True(Math.Abs(r[0] - r[1] - 1) < 1e-4, $"{r[0]} − {r[1]}"));
        Assert.True(rows.Select(r => r[0]).Distinct().Count() > 400);   // still random along the line
    }

    [Fact]
    public void Class_draws_come_stacked_with_their_labels()
    {
        var classes = new[]
        {
            new GaussianEstimate([0, 0], new double[,] { { 1, 0 }, { 0, 1 } }, []),
            new GaussianEstimate([50, 50], new double[,] { { 1, 0 }, { 0, 1 } }, []),
        };
        using var generator = new Generator(1);
        var (features, labels) = GaussianSampler.SampleClasses(classes, [3, 5], generator);
        using (features)
        using (labels)
        {
            Assert.Equal(new long[] { 8, 2 }, features.shape);
            Assert.Equal(new long[] { 0, 0, 0, 1, 1, 1, 1, 1 }, labels.data<long>().ToArray());
            var rows = ToRows(features);
            Assert.All(rows.Take(3), r => Assert.True(r[0] < 10));
            Assert.All(rows.Skip(3), r => Assert.True(r[0] > 40));
        }
    }

    [Fact]
    public void Sampling_leaves_no_tensor_behind_but_its_result()
    {
        var target = new GaussianEstimate([0, 1], new double[,] { { 1, 0.2 }, { 0.2, 1 } }, []);
        using var generator = new Generator(5);
        AssertLeavesOnlyItsResult(() => GaussianSampler.Sample(target, 10, generator));
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        using var generator = new Generator(1);
        var indefinite = new GaussianEstimate([0, 0], new double[,] { { 1, 2 }, { 2, 1 } }, []);
        var asymmetric = new GaussianEstimate([0, 0], new double[,] { { 1, 0.5 }, { 0, 1 } }, []);
        var good = new GaussianEstimate([0, 0], new double[,] { { 1, 0 }, { 0, 1 } }, []);
        Assert.Equal("gaussian", Assert.Throws<ArgumentException>(() => GaussianSampler.Sample(indefinite, 5, generator)).ParamName);
        Assert.Equal("gaussian", Assert.Throws<ArgumentException>(() => GaussianSampler.Sample(asymmetric, 5, generator)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianSampler.Sample(good, -1, generator)).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => GaussianSampler.SampleClasses([good, good], [1], generator)).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianSampler.SampleClasses([good], [-2], generator)).ParamName);
    }
}
