using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;
using SampleDependentFocalLossModule = DebiasKit.Losses.SampleDependentFocalLoss;

namespace DebiasKit.Tests.Losses;

public class SampleDependentFocalLossTests
{
    /// <summary>FLSD by a plain loop: γ = gammaLow when p_y &lt; threshold, else gammaHigh.</summary>
    private static double[] ReferenceLosses(double[][] logits, long[] targets, double threshold = 0.2, double low = 5, double high = 3)
    {
        var losses = new double[logits.Length];
        for (int i = 0; i < logits.Length; i++)
        {
            double max = logits[i].Max();
            double sum = logits[i].Sum(z => Math.Exp(z - max));
            double pTrue = Math.Exp(logits[i][targets[i]] - max) / sum;
            double gamma = pTrue < threshold ? low : high;
            losses[i] = -Math.Pow(1 - pTrue, gamma) * Math.Log(pTrue);
        }
        return losses;
    }

    [Fact]
    public void Hand_computed_flsd53_values()
    {
        // Logits ln[7, 2, 1] → p = [0.7, 0.2, 0.1].
        // Target 0: p_y = 0.7 ≥ 0.2 → γ = 3: 0.3³ · (−ln 0.7) = 0.027 · 0.3566749 = 0.00963022.
        // Target 1: p_y = 0.2, not below 0.2 → γ = 3: 0.8³ · ln 5 = 0.512 · 1.6094379.
        // Target 2: p_y = 0.1 < 0.2 → γ = 5: 0.9⁵ · ln 10 = 0.59049 · 2.3025851.
        using var scope = NewDisposeScope();
        var row = new[] { Math.Log(7), Math.Log(2), Math.Log(1) };
        var losses = ToDoubles(Functional.SampleDependentFocalLoss(ToTensor([row, row, row]), tensor(new long[] { 0, 1, 2 }), reduction: nn.Reduction.None));
        AllClose([0.027 * -Math.Log(0.7), 0.512 * Math.Log(5), 0.59049 * Math.Log(10)], losses, 1e-12);
        Assert.Equal(0.00963022, losses[0], 7);
    }

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    public void Matches_the_reference_loop_and_equal_gammas_give_focal_loss(nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(41, 6, seed: 5, -3, 3);
        AllClose(Reduced(ReferenceLosses(rows, targets), reduction),
            ToDoubles(Functional.SampleDependentFocalLoss(ToTensor(rows), tensor(targets), reduction: reduction)));
        // One γ on both sides of the threshold is the plain focal loss; γ = 0 is cross-entropy.
        AllClose(ToDoubles(Functional.FocalLoss(ToTensor(rows), tensor(targets), gamma: 2, reduction: reduction)),
            ToDoubles(Functional.SampleDependentFocalLoss(ToTensor(rows), tensor(targets), gammaLow: 2, gammaHigh: 2, reduction: reduction)));
        AllClose(ToDoubles(nn.functional.cross_entropy(ToTensor(rows), tensor(targets), reduction: reduction)),
            ToDoubles(Functional.SampleDependentFocalLoss(ToTensor(rows), tensor(targets), gammaLow: 0, gammaHigh: 0, reduction: reduction)));
    }

    [Fact]
    public void Gradient_matches_finite_differences()
    {
        // Logits in [−3, 3] over 4 classes put true-class probabilities on both sides of 0.2 (none within 1e-6 of it).
        var (rows, targets) = Batch(8, 4, seed: 11, -3, 3);
        using var scope = NewDisposeScope();
        var x = ToTensor(rows, requiresGrad: true);
        Functional.SampleDependentFocalLoss(x, tensor(targets)).backward();
        AllClose(NumericGradient(rows, r => ReferenceLosses(r, targets).Average()), ToDoubles(x.grad!), 1e-6);
    }

    [Fact]
    public void Module_equals_function_no_leaks_and_bad_input_named()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(8, 5, seed: 2);
        var z = ToTensor(rows);
        var y = tensor(targets);
        using var module = new SampleDependentFocalLossModule(threshold: 0.3, gammaLow: 4, gammaHigh: 1);
        Assert.Equal(Functional.SampleDependentFocalLoss(z, y, 0.3, 4, 1).item<double>(), module.forward(z, y).item<double>(), 12);
        AssertLeavesOnlyItsResult(() => Functional.SampleDependentFocalLoss(z, y));
        Assert.Throws<ArgumentOutOfRangeException>("threshold", () => Functional.SampleDependentFocalLoss(z, y, threshold: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>("gammaLow", () => Functional.SampleDependentFocalLoss(z, y, gammaLow: -1));
        Assert.Throws<ArgumentOutOfRangeException>("gammaHigh", () => new SampleDependentFocalLossModule(gammaHigh: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("targets", () => Functional.SampleDependentFocalLoss(z, tensor(new long[] { 0, 1, 2, 3, 4, 5, 0, 1 })));
        Assert.Throws<ArgumentException>("logits", () => Functional.SampleDependentFocalLoss(zeros(8), y));
    }
}
