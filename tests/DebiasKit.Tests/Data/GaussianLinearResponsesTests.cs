using DebiasKit.Data.Synthetic;
using Xunit;

namespace DebiasKit.Tests.Data;

public class GaussianLinearResponsesTests
{
    [Fact]
    public void Responses_are_linear_plus_noise_of_the_given_scale_and_seeded()
    {
        var theta = GaussianLinearResponses.UnitParameter(8, seed: 1);
        Assert.Equal(1.0, theta.L2Norm(), 12);
        var sample = GaussianLinearResponses.Sample(theta, 20_000, noise: 0.5, seed: 2);
        var residuals = (sample.X * theta).Select((f, i) => sample.Y[i] - f).ToArray();
        double mean = residuals.Average();
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(residuals.Average(r => (r - mean) * (r - mean)), 0.25 * 0.96, 0.25 * 1.04);
        Assert.InRange(sample.X.Column(3).Average(v => v * v), 0.96, 1.04);
        Assert.Equal(sample.Y, GaussianLinearResponses.Sample(theta, 20_000, 0.5, seed: 2).Y);
        Assert.Equal("noise", Assert.ThrowsAny<ArgumentException>(() => GaussianLinearResponses.Sample(theta, 5, -1, 1)).ParamName);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => GaussianLinearResponses.Sample(theta, 0, 1, 1)).ParamName);
        Assert.Equal("dimension", Assert.ThrowsAny<ArgumentException>(() => GaussianLinearResponses.UnitParameter(0, 1)).ParamName);
    }
}
