using DebiasKit.Losses;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Losses;

public class DebiasedPseudoLabelsTests
{
    [Fact]
    public void Adjustment_by_the_class_marginal_computed_by_hand()
    {
        using var scope = NewDisposeScope();
        // q̂ = (0.8, 0.2), λ = 1: offsets log 0.8 = −0.2231, log 0.2 = −1.6094.
        // row 0: z = (2, 0) → (2.2231, 1.6094), p̃₀ = 1/(1 + e^−0.6137) = 0.6488 → label 0, kept at τ = 0.6
        // row 1: z = (1, 0) → (1.2231, 1.6094), p̃₁ = 1/(1 + e^−0.3863) = 0.5954 → label 1 (the unadjusted argmax is 0), dropped
        var logits = tensor(new double[] { 2, 0,   1, 0 }, [2, 2], dtype: ScalarType.Float64);
        var (labels, mask) = Functional.DebiasedPseudoLabels(logits, [0.8, 0.2], strength: 1, threshold: 0.6);
        Assert.Equal(new long[] { 0, 1 }, labels.data<long>().ToArray());
        Assert.Equal(new[] { true, false }, mask.data<bool>().ToArray());
        (_, mask) = Functional.DebiasedPseudoLabels(logits, [0.8, 0.2], strength: 1, threshold: 0.59);
        Assert.Equal(new[] { true, true }, mask.data<bool>().ToArray());
    }

    [Fact]
    public void Strength_zero_or_a_uniform_marginal_gives_plain_pseudo_labels()
    {
        using var scope = NewDisposeScope();
        var (rows, _) = Batch(20, 4, seed: 3, low: -3, high: 3);
        var logits = ToTensor(rows);
        var (plainLabels, plainMask) = Functional.PseudoLabels(logits, 0.5);
        foreach (var (marginal, strength) in new[] { (new[] { 0.1, 0.2, 0.3, 0.4 }, 0.0), (new[] { 0.25, 0.25, 0.25, 0.25 }, 0.7) })
        {
            var (labels, mask) = Functional.DebiasedPseudoLabels(logits, marginal, strength, 0.5);
            Assert.Equal(plainLabels.data<long>().ToArray(), labels.data<long>().ToArray());
            Assert.Equal(plainMask.data<bool>().ToArray(), mask.data<bool>().ToArray());
        }
    }

    [Fact]
    public void Squared_error_matches_a_loop_and_its_numerical_gradient()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(5, 3, seed: 11, low: -2, high: 2);
        double Reference(double[][] r)
        {
            double sum = 0;
            for (int i = 0; i < r.Length; i++)
            {
                double z = r[i].Sum(Math.Exp);
                for (int c = 0; c < r[i].Length; c++) sum += Math.Pow(Math.Exp(r[i][c]) / z - (c == targets[i] ? 1 : 0), 2);
            }
            return sum / (r.Length * r[0].Length);
        }
        var logits = ToTensor(rows, requiresGrad: true);
        var loss = Functional.ProbabilitySquaredError(logits, tensor(targets));
        Assert.Equal(Reference(rows), loss.item<double>(), 12);
        loss.backward();
        AllClose(NumericGradient(rows, Reference), ToDoubles(logits.grad!), 1e-7);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(2, 3);
        Assert.Equal("logits", Assert.ThrowsAny<ArgumentException>(() => Functional.DebiasedPseudoLabels(zeros(3), [0.5, 0.5])).ParamName);
        Assert.Equal("classMarginal", Assert.ThrowsAny<ArgumentException>(() => Functional.DebiasedPseudoLabels(logits, [0.5, 0.5])).ParamName);
        Assert.Equal("classMarginal", Assert.ThrowsAny<ArgumentException>(() => Functional.DebiasedPseudoLabels(logits, [0.5, 0.5, 0])).ParamName);
        Assert.Equal("strength", Assert.ThrowsAny<ArgumentException>(() => Functional.DebiasedPseudoLabels(logits, [0.2, 0.3, 0.5], -1)).ParamName);
        Assert.Equal("threshold", Assert.ThrowsAny<ArgumentException>(() => Functional.DebiasedPseudoLabels(logits, [0.2, 0.3, 0.5], 1, 1.5)).ParamName);
        Assert.Equal("targets", Assert.ThrowsAny<ArgumentException>(() => Functional.ProbabilitySquaredError(logits, tensor(new long[] { 0, 3 }))).ParamName);
        Assert.Equal("logits", Assert.ThrowsAny<ArgumentException>(() => Functional.ProbabilitySquaredError(zeros(0, 3), zeros(0, dtype: ScalarType.Int64))).ParamName);
    }
}
