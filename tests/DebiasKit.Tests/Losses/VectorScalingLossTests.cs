using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;
using VectorScalingLossModule = DebiasKit.Losses.VectorScalingLoss;

namespace DebiasKit.Tests.Losses;

public class VectorScalingLossTests
{
    private static readonly long[] Counts = [400, 100, 25];

    /// <summary>
    /// Per-example VS loss by a plain loop: z'_j = (n_j/n_max)^γ z_j + τ log(n_j/Σn), then log Σ_k exp(z'_k) − z'_y with
    /// the maximum subtracted for stability.
    /// </summary>
    private static double[] Reference(double[][] logits, long[] targets, long[] counts, double gamma, double tau)
    {
        double max = counts.Max(), total = counts.Sum();
        var losses = new double[logits.Length];
        for (int i = 0; i < logits.Length; i++)
        {
            var adjusted = new double[counts.Length];
            for (int j = 0; j < counts.Length; j++) adjusted[j] = Math.Pow(counts[j] / max, gamma) * logits[i][j] + tau * Math.Log(counts[j] / total);
            double top = adjusted.Max(), sum = 0;
            foreach (double a in adjusted) sum += Math.Exp(a - top);
            losses[i] = top + Math.Log(sum) - adjusted[targets[i]];
        }
        return losses;
    }

    [Theory]
    [InlineData(0.2, 1.0)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.0, 1.5)]
    public void Matches_the_loop_reference_and_the_module(double gamma, double tau)
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(12, 3, seed: 5, low: -3, high: 3);
        var expected = Reference(rows, targets, Counts, gamma, tau);
        var perExample = Functional.VectorScalingLoss(ToTensor(rows), tensor(targets), Counts, gamma, tau, reduction: nn.Reduction.None);
        AllClose(expected, ToDoubles(perExample), 1e-10);
        using var module = new VectorScalingLossModule(Counts, gamma, tau);
        Assert.Equal(expected.Average(), module.forward(ToTensor(rows), tensor(targets)).item<double>(), 10);
    }

    [Fact]
    public void Gamma_and_tau_zero_is_cross_entropy_and_the_factors_match_a_hand_computation()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(8, 3, seed: 6);
        var x = ToTensor(rows);
        var t = tensor(targets);
        Assert.Equal(nn.functional.cross_entropy(x, t).item<double>(), Functional.VectorScalingLoss(x, t, Counts, gamma: 0, tau: 0).item<double>(), 12);
        // counts 400/100/25, γ = 0.5: Δ = (1, 0.5, 0.25); τ = 1: ι = log(400/525), log(100/525), log(25/525)
        // γ = 0 leaves only the additive part: logit-adjusted cross-entropy with the class prior
        Assert.Equal(Functional.LogitAdjustedCrossEntropy(x, t, Functional.ClassPrior(Counts), tau: 1.5).item<double>(),
            Functional.VectorScalingLoss(x, t, Counts, gamma: 0, tau: 1.5).item<double>(), 12);
        var (delta, iota) = Functional.VectorScalingFactors(Counts, 0.5, 1);
        Assert.Equal(new[] { 1.0, 0.5, 0.25 }, delta.Select(v => Math.Round(v, 12)).ToArray());
        Assert.Equal(Math.Log(25.0 / 525), iota[2], 12);
    }

    [Fact]
    public void Gradient_matches_finite_differences_and_bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(4, 3, seed: 7);
        var x = ToTensor(rows, requiresGrad: true);
        Functional.VectorScalingLoss(x, tensor(targets), Counts, 0.3, 1.2, reduction: nn.Reduction.Sum).backward();
        AllClose(NumericGradient(rows, r => Reference(r, targets, Counts, 0.3, 1.2).Sum()), ToDoubles(x.grad!), 1e-6);
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => Functional.VectorScalingLoss(ToTensor(rows), tensor(targets), new long[] { 5, 0, 3 })).ParamName);
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => Functional.VectorScalingLoss(ToTensor(rows), tensor(targets), new long[] { 5, 3 })).ParamName);
        Assert.Equal("gamma", Assert.ThrowsAny<ArgumentException>(() => Functional.VectorScalingLoss(ToTensor(rows), tensor(targets), Counts, gamma: -1)).ParamName);
        using var module = new VectorScalingLossModule(Counts);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => module.forward(zeros(2, 4, dtype: float64), tensor(new long[] { 0, 1 }))).ParamName);
    }
}
