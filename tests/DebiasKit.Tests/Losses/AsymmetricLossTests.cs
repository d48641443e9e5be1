using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;
using AsymmetricLossModule = DebiasKit.Losses.AsymmetricLoss;

namespace DebiasKit.Tests.Losses;

public class AsymmetricLossTests
{
    /// <summary>The pinned variant written out per entry with doubles: p = σ(z), q = min(1 − p + m, 1),
    /// loss = −[y (1 − p)^γ₊ log max(p, ε) + (1 − y) (1 − q)^γ₋ log max(q, ε)].</summary>
    private static double[] ReferenceLosses(double[][] logits, double[][] targets, double gammaNeg, double gammaPos, double clip)
    {
        var losses = new List<double>();
        for (int i = 0; i < logits.Length; i++)
            for (int l = 0; l < logits[i].Length; l++)
            {
                double p = 1 / (1 + Math.Exp(-logits[i][l]));
                double q = Math.Min(1 - p + clip, 1);
                double y = targets[i][l];
                double positive = y * Math.Pow(1 - p, gammaPos) * Math.Log(Math.Max(p, 1e-8));
                double negative = (1 - y) * Math.Pow(1 - q, gammaNeg) * Math.Log(Math.Max(q, 1e-8));
                losses.Add(-(positive + negative));
            }
        return losses.ToArray();
    }

    private static (double[][] Logits, double[][] Targets) Batch(int n, int labels, int seed)
    {
        var flat = Uniform(n * labels, seed, -4, 4);
        var random = new Random(seed + 1);
        var logits = Enumerable.Range(0, n).Select(i => flat.Skip(i * labels).Take(labels).ToArray()).ToArray();
        var targets = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, labels).Select(_ => random.NextDouble() < 0.3 ? 1.0 : 0.0).ToArray()).ToArray();
        return (logits, targets);
    }

    [Fact]
    public void Hand_computed_entries()
    {
        // z = 0 → p = 1/2.  Positive, γ₊ = 1: −(1/2)·ln(1/2) = 0.3465736.
        // Negative, m = 0.05: q = 0.55, 1 − q = 0.45, γ₋ = 4: −0.45⁴·ln 0.55 = 0.0410063·0.5978370 = 0.0245148.
        using var scope = NewDisposeScope();
        var losses = Functional.AsymmetricLoss(zeros(1, 2, dtype: float64), tensor(new double[,] { { 1, 0 } }), reduction: nn.Reduction.None);
        Assert.Equal(0.5 * Math.Log(2), losses[0, 0].item<double>(), 12);
        Assert.Equal(-Math.Pow(0.45, 4) * Math.Log(0.55), losses[0, 1].item<double>(), 12);
        Assert.Equal(0.0245148, losses[0, 1].item<double>(), 6);
        // A negative with p ≤ m is discarded: z = −4, p = 0.018 < 0.05 → q = 1, loss 0.
        var easy = Functional.AsymmetricLoss(full(1, 1, -4.0, dtype: float64), zeros(1, 1, dtype: float64));
        Assert.Equal(0.0, easy.item<double>(), 15);
    }

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    public void Matches_the_reference_loop(nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var (logits, targets) = Batch(17, 6, seed: 3);
        var actual = ToDoubles(Functional.AsymmetricLoss(ToTensor(logits), ToTensor(targets), 4, 1, 0.05, reduction: reduction));
        var perEntry = ReferenceLosses(logits, targets, 4, 1, 0.05);
        AllClose(reduction == nn.Reduction.Mean ? [perEntry.Average()] : Reduced(perEntry, reduction), actual);
    }

    [Fact]
    public void No_focusing_and_no_clip_is_binary_cross_entropy()
    {
        using var scope = NewDisposeScope();
        var (logits, targets) = Batch(20, 5, seed: 5);
        var asl = Functional.AsymmetricLoss(ToTensor(logits), ToTensor(targets), gammaNegative: 0, gammaPositive: 0, clip: 0, reduction: nn.Reduction.Mean);
        var bce = nn.functional.binary_cross_entropy_with_logits(ToTensor(logits), ToTensor(targets));
        Assert.Equal(bce.item<double>(), asl.item<double>(), 9);
    }

    [Fact]
    public void Gradient_matches_finite_differences_and_detaching_the_weight_changes_it()
    {
        var (logits, targets) = Batch(4, 3, seed: 8);
        using var scope = NewDisposeScope();
        var x = ToTensor(logits, requiresGrad: true);
        Functional.AsymmetricLoss(x, ToTensor(targets), 4, 1, 0.05).backward();
        var numeric = NumericGradient(logits, r => ReferenceLosses(r, targets, 4, 1, 0.05).Sum());
        AllClose(numeric, ToDoubles(x.grad!), 1e-6);

        var detached = ToTensor(logits, requiresGrad: true);
        Functional.AsymmetricLoss(detached, ToTensor(targets), 4, 1, 0.05, detachFocalWeight: true).backward();
        // Same value, but the gradient ignores the weight's own derivative: w · d(−log-likelihood)/dz entry by entry.
        Assert.True(ToDoubles(detached.grad!).Zip(numeric).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
    }

    [Fact]
    public void Symmetric_focal_and_the_authors_training_setting_match_the_reference_loop()
    {
        using var scope = NewDisposeScope();
        var (logits, targets) = Batch(15, 4, seed: 11);
        // m = 0, γ₊ = γ₋ = 2: the sigmoid focal loss −[y (1 − p)² log p + (1 − y) p² log(1 − p)].
        AllClose(ReferenceLosses(logits, targets, 2, 2, 0),
            ToDoubles(Functional.AsymmetricLoss(ToTensor(logits), ToTensor(targets), 2, 2, 0, reduction: nn.Reduction.None)));
        // The authors' MS-COCO setting (train.py): γ₋ = 4, γ₊ = 0, m = 0.05.
        AllClose(ReferenceLosses(logits, targets, 4, 0, 0.05),
            ToDoubles(Functional.AsymmetricLoss(ToTensor(logits), ToTensor(targets), 4, 0, 0.05, reduction: nn.Reduction.None)));
    }

    [Fact]
    public void Detached_weight_gradient_is_the_weight_times_the_log_likelihood_gradient()
    {
        // With the weight w held constant: ∂/∂z of −w [y log p + (1 − y) log q], q = min(1 − p + m, 1):
        // −w y (1 − p) + w (1 − y) [q < 1] p (1 − p) / q.
        var (logits, targets) = Batch(6, 3, seed: 12);
        using var scope = NewDisposeScope();
        var x = ToTensor(logits, requiresGrad: true);
        Functional.AsymmetricLoss(x, ToTensor(targets), 4, 1, 0.05, detachFocalWeight: true).backward();
        var expected = new List<double>();
        for (int i = 0; i < logits.Length; i++)
            for (int l = 0; l < logits[i].Length; l++)
            {
                double p = 1 / (1 + Math.Exp(-logits[i][l])), q = Math.Min(1 - p + 0.05, 1), y = targets[i][l];
                double w = y == 1 ? Math.Pow(1 - p, 1) : Math.Pow(1 - q, 4);
                expected.Add(-w * y * (1 - p) + w * (1 - y) * (q < 1 ? p * (1 - p) / q : 0));
            }
        AllClose(expected, ToDoubles(x.grad!), 1e-10);
    }

    [Fact]
    public void Half_precision_logits_are_computed_in_float32()
    {
        using var scope = NewDisposeScope();
        // A positive with z = −20: p = σ(−20) = 2.06e-9, clamped to ε = 1e-8, loss −(1 − p)·ln 1e-8 = 18.4207 (γ₊ = 1).
        // In float16, σ(−20) and ε both round to 0 and the loss would be infinite.
        var loss = Functional.AsymmetricLoss(full(1, 1, -20.0, dtype: float16), ones(1, 1, dtype: float16));
        Assert.Equal(ScalarType.Float32, loss.dtype);
        Assert.Equal(-Math.Log(1e-8) * (1 - 1 / (1 + Math.Exp(20))), loss.item<float>(), 3);
        var (logits, targets) = Batch(8, 3, seed: 13);
        var half = ToTensor(logits, float16);
        AllClose(ToDoubles(Functional.AsymmetricLoss(half.to(float32), ToTensor(targets, float32))),
            ToDoubles(Functional.AsymmetricLoss(half, ToTensor(targets, float16))), 1e-9);
    }

    [Fact]
    public void Module_equals_function_and_leaves_no_tensors()
    {
        using var scope = NewDisposeScope();
        var (logits, targets) = Batch(9, 4, seed: 2);
        using var module = new AsymmetricLossModule(gammaNegative: 2, gammaPositive: 0, clip: 0.1, reduction: nn.Reduction.Mean);
        Assert.Equal(Functional.AsymmetricLoss(ToTensor(logits), ToTensor(targets), 2, 0, 0.1, reduction: nn.Reduction.Mean).item<double>(),
            module.forward(ToTensor(logits), ToTensor(targets)).item<double>(), 12);
        var z = ToTensor(logits);
        var y = ToTensor(targets);
        AssertLeavesOnlyItsResult(() => Functional.AsymmetricLoss(z, y));
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        var z = zeros(3, 2);
        Assert.Throws<ArgumentException>("targets", () => Functional.AsymmetricLoss(z, zeros(3, 3)));
        Assert.Throws<ArgumentException>("targets", () => Functional.AsymmetricLoss(z, zeros(new long[] { 3, 2 }, dtype: int64)));
        Assert.Throws<ArgumentOutOfRangeException>("targets", () => Functional.AsymmetricLoss(z, full(3, 2, 2f)));
        Assert.Throws<ArgumentException>("logits", () => Functional.AsymmetricLoss(zeros(3), zeros(3)));
        Assert.Throws<ArgumentException>("logits", () => Functional.AsymmetricLoss(full(3, 2, float.NaN), zeros(3, 2)));
        Assert.Throws<ArgumentOutOfRangeException>("clip", () => Functional.AsymmetricLoss(z, zeros(3, 2), clip: 1));
        Assert.Throws<ArgumentOutOfRangeException>("gammaNegative", () => Functional.AsymmetricLoss(z, zeros(3, 2), gammaNegative: -1));
    }
}
