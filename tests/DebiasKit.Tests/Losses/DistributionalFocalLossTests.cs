using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Losses;

public class DistributionalFocalLossTests
{
    [Fact]
    public void Hand_computed_batch()
    {
        // TCP 0.95, 0.97, 1.0, 0.15: bins 9, 9, 9 (1.0 goes to the last bin), 1; shares 3/4 and 1/4.
        // γ = 2: weights (1/4)² = 1/16 for the three confident, (3/4)² = 9/16 for the rare one.
        // Predictions 0.9, 0.9, 0.9, 0.5: squared errors 0.0025, 0.0049, 0.01, 0.1225.
        // L = [ (0.0025 + 0.0049 + 0.01)/16 + 9·0.1225/16 ] / 4 = (0.0174 + 1.1025)/64 = 0.017498.
        using var scope = NewDisposeScope();
        var loss = Functional.DistributionalFocalLoss(tensor(new[] { 0.9, 0.9, 0.9, 0.5 }), tensor(new[] { 0.95, 0.97, 1.0, 0.15 }), gamma: 2);
        Assert.Equal((0.0174 + 1.1025) / 64, loss.item<double>(), 12);
    }

    [Fact]
    public void Gamma_zero_is_mean_squared_error_and_the_gradient_ignores_the_weights_derivative()
    {
        var predicted = Uniform(40, seed: 3, low: 0, high: 1);
        var target = Uniform(40, seed: 4, low: 0, high: 1);
        using var scope = NewDisposeScope();
        Assert.Equal(nn.functional.mse_loss(tensor(predicted), tensor(target)).item<double>(),
            Functional.DistributionalFocalLoss(tensor(predicted), tensor(target), gamma: 0).item<double>(), 12);
        // Gradient w.r.t. ĉ: 2 w_i (ĉ_i − c_i) / N with w from a plain histogram.
        var share = new double[10];
        foreach (var c in target) share[Math.Min((int)(c * 10), 9)] += 1.0 / 40;
        var x = tensor(predicted, requires_grad: true);
        Functional.DistributionalFocalLoss(x, tensor(target), gamma: 3).backward();
        var expected = predicted.Select((p, i) => 2 * Math.Pow(1 - share[Math.Min((int)(target[i] * 10), 9)], 3) * (p - target[i]) / 40).ToArray();
        AllClose(expected, ToDoubles(x.grad!), 1e-12);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>("trueClassProbability", () => Functional.DistributionalFocalLoss(zeros(3), zeros(4)));
        Assert.Throws<ArgumentOutOfRangeException>("trueClassProbability", () => Functional.DistributionalFocalLoss(zeros(2), tensor(new[] { 0.5f, 1.5f })));
        Assert.Throws<ArgumentException>("predictedConfidence", () => Functional.DistributionalFocalLoss(zeros(2, 2), zeros(4)));
        Assert.Throws<ArgumentOutOfRangeException>("gamma", () => Functional.DistributionalFocalLoss(zeros(2), zeros(2), gamma: -1));
    }
}
