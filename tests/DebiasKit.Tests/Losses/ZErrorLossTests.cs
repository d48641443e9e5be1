using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Losses;

public class ZErrorLossTests
{
    [Fact]
    public void Mask_hand_computed()
    {
        // Values 0, 0, 0, 0, 10: mean 2, population sd √(4·4 + 64)/√5 = 4;  z = −0.5 ×4 and 2.  τ = 1.9 drops the last.
        using var scope = NewDisposeScope();
        var values = tensor(new double[] { 0, 0, 0, 0, 10 });
        Assert.Equal(new[] { true, true, true, true, false }, Functional.ZScoreMask(values, 1.9).data<bool>().ToArray());
        Assert.All(Functional.ZScoreMask(values, 2.1).data<bool>().ToArray(), Assert.True);
        // Equal values: nothing is an outlier.
        Assert.All(Functional.ZScoreMask(full(4, 3.0), 0.5).data<bool>().ToArray(), Assert.True);
    }

    [Fact]
    public void Loss_is_the_masked_mean_squared_error_and_masked_examples_get_no_gradient()
    {
        var predictions = Uniform(20, seed: 2);
        var targets = Uniform(20, seed: 3);
        targets[7] += 40;   // a gross outlier
        // Reference: errors, their population z-scores, kept where |z| ≤ 2.5, mean of the kept squared errors.
        var e = targets.Zip(predictions, (y, p) => y - p).ToArray();
        double mean = e.Average(), sd = Math.Sqrt(e.Average(v => (v - mean) * (v - mean)));
        var keep = e.Select(v => Math.Abs((v - mean) / (sd + 1e-8)) <= 2.5).ToArray();
        Assert.False(keep[7]);
        double expected = e.Where((v, i) => keep[i]).Average(v => v * v);

        using var scope = NewDisposeScope();
        var x = tensor(predictions, requires_grad: true);
        var loss = Functional.ZErrorLoss(x, tensor(targets), tau: 2.5);
        Assert.Equal(expected, loss.item<double>(), 12);
        loss.backward();
        var grad = ToDoubles(x.grad!);
        Assert.Equal(0.0, grad[7]);
        int kept = keep.Count(k => k);
        Assert.Equal(-2 * e[0] / kept, grad[0], 12);
    }

    [Fact]
    public void Infinite_tau_is_mse_and_the_classification_form_masks_by_loss()
    {
        using var scope = NewDisposeScope();
        var p = tensor(Uniform(10, seed: 4));
        var y = tensor(Uniform(10, seed: 5));
        Assert.Equal(nn.functional.mse_loss(p, y).item<double>(), Functional.ZErrorLoss(p, y, double.PositiveInfinity).item<double>(), 12);
        // Per-example losses 1, 1, 1, 1, 1, 1, 1, 1, 1, 50: mean 5.9, sd 14.7; z of 50 = 3.0 > 2 → dropped; mean of the rest 1.
        var losses = tensor(new double[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 50 });
        Assert.Equal(1.0, Functional.ZMaskedMean(losses, 2.0).item<double>(), 12);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>("values", () => Functional.ZScoreMask(zeros(0)));
        Assert.Throws<ArgumentException>("values", () => Functional.ZScoreMask(zeros(2, 2)));
        Assert.Throws<ArgumentException>("values", () => Functional.ZScoreMask(tensor(new[] { 1.0, double.NaN })));
        Assert.Throws<ArgumentOutOfRangeException>("tau", () => Functional.ZScoreMask(zeros(3), 0));
        Assert.Throws<ArgumentException>("targets", () => Functional.ZErrorLoss(zeros(3), zeros(4)));
        Assert.Throws<ArgumentException>("predictions", () => Functional.ZErrorLoss(zeros(3, 2), zeros(3, 2)));
    }
}
