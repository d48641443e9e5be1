using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;
using DualFocalLossModule = DebiasKit.Losses.DualFocalLoss;

namespace DebiasKit.Tests.Losses;

public class DualFocalLossTests
{
    private const int Classes = 5;

    /// <summary>The pinned variant by a plain loop: p_j = the largest probability strictly below p_y (0 if none).</summary>
    private static double[] ReferenceLosses(double[][] logits, long[] targets, double gamma)
    {
        var losses = new double[logits.Length];
        for (int i = 0; i < logits.Length; i++)
        {
            double max = logits[i].Max();
            var p = logits[i].Select(z => Math.Exp(z - max)).ToArray();
            double sum = p.Sum();
            for (int c = 0; c < p.Length; c++) p[c] /= sum;
            double pTrue = p[targets[i]];
            double runnerUp = 0;
            foreach (var q in p) if (q < pTrue && q > runnerUp) runnerUp = q;
            losses[i] = -Math.Pow(1 - pTrue + runnerUp, gamma) * Math.Log(pTrue);
        }
        return losses;
    }

    [Fact]
    public void Hand_computed_three_class_values()
    {
        // Logits ln[6, 3, 1] → p = [0.6, 0.3, 0.1].
        // Target 0 (right): p_j = 0.3, weight (1 − 0.6 + 0.3)² = 0.49, loss = 0.49 · (−ln 0.6) = 0.2503046.
        // Target 1 (wrong): p_j = 0.1 (the largest below 0.3, not the winner 0.6), weight 0.8² = 0.64, loss 0.64 · ln(1/0.3).
        // Target 2 (smallest): p_j = 0, weight 0.9² = 0.81, loss 0.81 · ln 10.
        using var scope = NewDisposeScope();
        var row = new[] { Math.Log(6), Math.Log(3), Math.Log(1) };
        var logits = ToTensor([row, row, row]);
        var losses = ToDoubles(Functional.DualFocalLoss(logits, tensor(new long[] { 0, 1, 2 }), gamma: 2, reduction: nn.Reduction.None));
        AllClose([0.49 * -Math.Log(0.6), 0.64 * -Math.Log(0.3), 0.81 * Math.Log(10)], losses, 1e-12);
        Assert.Equal(0.2503046, losses[0], 6);
    }

    [Fact]
    public void A_class_tied_with_the_true_class_is_not_its_runner_up()
    {
        // Logits ln[4, 4, 2] → p = [0.4, 0.4, 0.2]. Target 0: class 1 ties with p_y, and the reference's strict
        // torch.lt mask leaves it out, so p_j = 0.2 (not 0.4): weight (1 − 0.4 + 0.2)² = 0.64, loss 0.64 · ln 2.5.
        // (Counting the tie would give weight 1.0² and loss ln 2.5.)
        using var scope = NewDisposeScope();
        var logits = ToTensor([[Math.Log(4), Math.Log(4), Math.Log(2)]]);
        var loss = Functional.DualFocalLoss(logits, tensor(new long[] { 0 }), gamma: 2, reduction: nn.Reduction.None).item<double>();
        Assert.Equal(0.64 * Math.Log(2.5), loss, 12);
    }

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    public void Matches_the_reference_loop_and_gamma_zero_is_cross_entropy(nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(37, Classes, seed: 4, -3, 3);
        AllClose(Reduced(ReferenceLosses(rows, targets, 3), reduction),
            ToDoubles(Functional.DualFocalLoss(ToTensor(rows), tensor(targets), gamma: 3, reduction: reduction)));
        AllClose(ToDoubles(nn.functional.cross_entropy(ToTensor(rows), tensor(targets), reduction: reduction)),
            ToDoubles(Functional.DualFocalLoss(ToTensor(rows), tensor(targets), gamma: 0, reduction: reduction)));
    }

    [Fact]
    public void Gradient_matches_finite_differences()
    {
        var (rows, targets) = Batch(6, Classes, seed: 7, -2, 2);
        using var scope = NewDisposeScope();
        var x = ToTensor(rows, requiresGrad: true);
        Functional.DualFocalLoss(x, tensor(targets), gamma: 2).backward();
        AllClose(NumericGradient(rows, r => ReferenceLosses(r, targets, 2).Average()), ToDoubles(x.grad!), 1e-6);
    }

    [Fact]
    public void Module_equals_function_no_leaks_and_bad_input_named()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(8, Classes, seed: 1);
        var z = ToTensor(rows);
        var y = tensor(targets);
        using var module = new DualFocalLossModule(gamma: 4);
        Assert.Equal(Functional.DualFocalLoss(z, y, 4).item<double>(), module.forward(z, y).item<double>(), 12);
        AssertLeavesOnlyItsResult(() => Functional.DualFocalLoss(z, y));
        Assert.Throws<ArgumentOutOfRangeException>("gamma", () => Functional.DualFocalLoss(z, y, -1));
        Assert.Throws<ArgumentOutOfRangeException>("targets", () => Functional.DualFocalLoss(z, tensor(new long[] { 0, 1, 2, 3, 4, 5, 0, 1 })));
        Assert.Throws<ArgumentException>("logits", () => Functional.DualFocalLoss(zeros(8), y));
    }
}
