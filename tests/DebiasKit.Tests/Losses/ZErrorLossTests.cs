using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Losses;

public class ZErrorLossTests
{
    [Fact]
    public void Mask_hand_computed_with_the_sample_standard_deviation()
    {
        // Values 0, 0, 0, 0, 10: mean 2, sample sd √((4·4 + 64)/4) = √20 = 4.472;  z = −0.447 ×4 and 8/4.472 = 1.789.
        // τ = 1.7 drops the last; τ = 1.8 keeps all (with the population sd, 4, the last z would be 2.0).
        using var scope = NewDisposeScope();
        var values = tensor(new double[] { 0, 0, 0, 0, 10 });
        Assert.Equal(new[] { true, true, true, true, false }, Functional.ZScoreMask(values, 1.7).data<bool>().ToArray());
        Assert.All(Functional.ZScoreMask(values, 1.8).data<bool>().ToArray(), Assert.True);
        // Equal values, or a single value: nothing is an outlier.
        Assert.All(Functional.ZScoreMask(full(4, 3.0), 0.5).data<bool>().ToArray(), Assert.True);
        Assert.Equal(new[] { true }, Functional.ZScoreMask(tensor(new[] { 7.0 }), 0.5).data<bool>().ToArray());
    }

    [Fact]
    public void Loss_is_the_masked_mean_squared_error_and_masked_examples_get_no_gradient()
    {
        var predictions = Uniform(20, seed: 2);
        var targets = Uniform(20, seed: 3);
        targets[7] += 40;   // a gross outlier
        // Reference: errors, their z-scores (sample sd), kept where |z| ≤ 2.5, mean of the kept squared errors.
        var e = targets.Zip(predictions, (y, p) => y - p).ToArray();
        double mean = e.Average(), sd = Math.Sqrt(e.Sum(v => (v - mean) * (v - mean)) / (e.Length - 1));
        var keep = e.Select(v => Math.Abs((v - mean) / (sd + 1e-8)) <= 2.5).ToArray();
        Assert.False(keep[7]);
        double expected = e.Where((v, i) => keep[i]).Average(v => v * v);

        using var scope = NewDisposeScope();
        var x = tensor(predictions, requires_grad: true);
        var loss = Functional.ZErrorLoss(x, tensor(targets), out var kept, tau: 2.5);
        Assert.Equal(expected, loss.item<double>(), 12);
        Assert.Equal(keep, kept.data<bool>().ToArray());
        loss.backward();
        var grad = ToDoubles(x.grad!);
        Assert.Equal(0.0, grad[7]);
        int count = keep.Count(k => k);
        Assert.Equal(-2 * e[0] / count, grad[0], 12);
        // With the mask held fixed the loss is smooth: autograd matches central differences.
        var numeric = NumericGradient(new[] { predictions }, rows =>
            rows[0].Select((p, i) => keep[i] ? (targets[i] - p) * (targets[i] - p) : 0).Sum() / count);
        AllClose(numeric, grad, 1e-6);
    }

    [Fact]
    public void Errors_and_losses_bases_differ_as_computed_by_hand()
    {
        // Errors −3, 3 and eight 0s. Errors basis: mean 0, sample sd √(18/9) = 1.414, |z| of ±3 = 2.12 > 2: both masked,
        // loss 0. Losses basis: 9, 9, 0 ×8: mean 1.8, sample sd √((2·7.2² + 8·1.8²)/9) = √14.4 = 3.795, z of 9 = 1.897 ≤ 2:
        // all kept, loss 18/10 = 1.8.
        using var scope = NewDisposeScope();
        var targets = tensor(new double[] { -3, 3, 0, 0, 0, 0, 0, 0, 0, 0 });
        var predictions = zeros(10, float64);
        Assert.Equal(0.0, Functional.ZErrorLoss(predictions, targets, out var byErrors, 2.0, ZScoreBasis.Errors).item<double>(), 12);
        Assert.Equal(2, byErrors.logical_not().sum().item<long>());
        Assert.Equal(1.8, Functional.ZErrorLoss(predictions, targets, out var byLosses, 2.0, ZScoreBasis.Losses).item<double>(), 12);
        Assert.True(byLosses.all().item<bool>());
    }

    [Fact]
    public void Infinite_tau_is_mse_and_the_classification_form_masks_by_loss()
    {
        using var scope = NewDisposeScope();
        var p = tensor(Uniform(10, seed: 4));
        var y = tensor(Uniform(10, seed: 5));
        Assert.Equal(nn.functional.mse_loss(p, y).item<double>(), Functional.ZErrorLoss(p, y, double.PositiveInfinity).item<double>(), 12);
        Assert.Equal(nn.functional.mse_loss(p, y).item<double>(), Functional.ZErrorLoss(p, y, double.PositiveInfinity, ZScoreBasis.Losses).item<double>(), 12);
        // Per-example losses 1 ×9 and 50: mean 5.9, sample sd √(9·4.9² + 44.1²)/3 = 15.5; z of 50 = 2.85 > 2 → dropped; mean of the rest 1.
        var losses = tensor(new double[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 50 });
        Assert.Equal(1.0, Functional.ZMaskedMean(losses, 2.0).item<double>(), 12);
        Assert.Equal(5.9, Functional.ZMaskedMean(losses, 3.0).item<double>(), 12);
    }

    [Fact]
    public void Leaves_only_its_results()
    {
        var p = tensor(Uniform(30, seed: 6));
        var y = tensor(Uniform(30, seed: 7));
        AssertLeavesOnlyItsResult(() => Functional.ZErrorLoss(p, y, 1.0));
        var losses = p.abs();
        AssertLeavesOnlyItsResult(() => Functional.ZMaskedMean(losses, 1.0));
        losses.Dispose();
        p.Dispose();
        y.Dispose();
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>("values", () => Functional.ZScoreMask(zeros(0)));
        Assert.Throws<ArgumentException>("values", () => Functional.ZScoreMask(zeros(2, 2)));
        Assert.Throws<ArgumentException>("values", () => Functional.ZScoreMask(tensor(new[] { 1.0, double.NaN })));
        Assert.Throws<ArgumentException>("values", () => Functional.ZScoreMask(tensor(new long[] { 1, 2 })));
        Assert.Throws<ArgumentOutOfRangeException>("tau", () => Functional.ZScoreMask(zeros(3), 0));
        Assert.Throws<ArgumentException>("targets", () => Functional.ZErrorLoss(zeros(3), zeros(4)));
        Assert.Throws<ArgumentException>("predictions", () => Functional.ZErrorLoss(zeros(3, 2), zeros(3, 2)));
        Assert.Throws<ArgumentOutOfRangeException>("basis", () => Functional.ZErrorLoss(zeros(3), zeros(3), 2.0, (ZScoreBasis)7));
    }
}
