using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class TemperatureScalingTests
{
    /// <summary>Logits whose true temperature is known: labels drawn from softmax(z), then z multiplied by <paramref name="sharpen"/>.</summary>
    private static (Tensor Logits, Tensor Labels) Sharpened(int n, double sharpen, int seed)
    {
        using var generator = new Generator((ulong)seed);
        var z = randn(n, 4, dtype: float64, generator: generator).mul(1.5);
        var labels = multinomial(softmax(z, 1), 1, generator: generator).squeeze(1);
        return (z.mul(sharpen), labels);
    }

    [Fact]
    public void Recovers_the_temperature_that_made_the_logits_over_confident()
    {
        using var scope = NewDisposeScope();
        var (logits, labels) = Sharpened(20_000, sharpen: 2.5, seed: 1);
        var scaling = TemperatureScaling.Fit(logits, labels);
        Assert.InRange(scaling.Temperature, 2.3, 2.7);
        // The fitted T is a minimum of the NLL: a little above or below is worse.
        double Nll(double t) => nn.functional.cross_entropy(logits / t, labels).item<double>();
        Assert.Equal(Nll(scaling.Temperature), scaling.NegativeLogLikelihood, 10);
        Assert.True(Nll(scaling.Temperature * 1.01) > scaling.NegativeLogLikelihood);
        Assert.True(Nll(scaling.Temperature / 1.01) > scaling.NegativeLogLikelihood);
    }

    [Fact]
    public void Calibrated_logits_keep_temperature_near_one_and_predictions_never_change()
    {
        using var scope = NewDisposeScope();
        var (logits, labels) = Sharpened(20_000, sharpen: 1.0, seed: 2);
        var scaling = TemperatureScaling.Fit(logits, labels);
        Assert.InRange(scaling.Temperature, 0.93, 1.07);
        var scaled = scaling.Apply(logits.to(float32));
        Assert.Equal(ScalarType.Float32, scaled.dtype);
        Assert.Equal(logits.argmax(1).data<long>().ToArray(), scaled.argmax(1).data<long>().ToArray());
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>("labels", () => TemperatureScaling.Fit(zeros(3, 2), zeros(new long[] { 4 }, dtype: int64)));
        Assert.Throws<ArgumentException>("logits", () => TemperatureScaling.Fit(full(2, 2, float.PositiveInfinity), zeros(new long[] { 2 }, dtype: int64)));
        Assert.Throws<ArgumentException>("logits", () => TemperatureScaling.Fit(zeros(0, 2), zeros(new long[] { 0 }, dtype: int64)));
    }
}
