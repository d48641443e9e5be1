using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// The three fixed convex, classification-calibrated margin losses that EnsLoss (Dai, arXiv:2409.00908) is
    /// compared with, as functions of one real score f(x) per example and a 0/1 label, with margin s = ỹ f(x),
    /// ỹ = 2y − 1 ∈ {−1, +1}, averaged over the batch:
    /// <list type="bullet">
    /// <item><see cref="BinaryMarginKind.Logistic"/>: φ(s) = log(1 + e^(−s)), binary cross-entropy on the logit
    /// (the reference's <c>BCELoss</c>, <c>nn.BCEWithLogitsLoss</c>);</item>
    /// <item><see cref="BinaryMarginKind.Hinge"/>: φ(s) = max(1 − s, 0) (the reference's <c>Hinge</c>);</item>
    /// <item><see cref="BinaryMarginKind.Exponential"/>: φ(s) = e^(−s) (the reference's <c>EXP</c>).</item>
    /// </list>
    /// Variant pinned: statmlben/ensLoss <c>losses.py</c> @051d87d, mean reduction.
    /// </summary>
    /// <param name="scores">Real-valued scores f(x), shape [N] or [N, 1], floating point.</param>
    /// <param name="targets">Labels 0/1 (any numeric dtype), one per score.</param>
    /// <param name="kind">Which loss.</param>
    public static Tensor BinaryMarginLoss(Tensor scores, Tensor targets, BinaryMarginKind kind)
    {
        using var scope = NewDisposeScope();
        var (flat, y) = CheckBinaryScores(scores, targets);
        var margins = flat * (2 * y - 1);
        var loss = kind switch
        {
            BinaryMarginKind.Logistic => nn.functional.softplus(margins.neg()),
            BinaryMarginKind.Hinge => (1 - margins).clamp_min(0),
            BinaryMarginKind.Exponential => margins.neg().exp(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "kind must be Logistic, Hinge or Exponential."),
        };
        return loss.mean().MoveToOuterDisposeScope();
    }

    // Shared checks of the binary score losses: scores floating [N] or [N, 1], no NaN; targets one 0/1 label per score.
    // Returns the flattened scores and the targets as the scores' dtype; call it inside a dispose scope.
    private static (Tensor Scores, Tensor Targets) CheckBinaryScores(Tensor scores, Tensor targets)
    {
        Guard.NotNull(scores, nameof(scores));
        Guard.NotNull(targets, nameof(targets));
        if (!scores.is_floating_point()) throw new ArgumentException($"scores must be floating point; got {scores.dtype}.", nameof(scores));
        if (scores.numel() == 0) throw new ArgumentException("scores must hold at least one example.", nameof(scores));
        if (scores.dim() > 2 || (scores.dim() == 2 && scores.shape[1] != 1))
            throw new ArgumentException($"scores must have shape [N] or [N, 1]; got [{string.Join(", ", scores.shape)}].", nameof(scores));
        if (targets.numel() != scores.numel())
            throw new ArgumentException($"targets must hold one label per score ({scores.numel()}); it holds {targets.numel()}.", nameof(targets));
        var y = targets.flatten().to(scores.dtype);
        if (y.ne(0).logical_and(y.ne(1)).any().item<bool>())
            throw new ArgumentOutOfRangeException(nameof(targets), "targets must be 0 or 1.");
        if (scores.isnan().any().item<bool>()) throw new ArgumentException("scores contains NaN.", nameof(scores));
        return (scores.flatten(), y);
    }
}

/// <summary>A fixed convex, classification-calibrated margin loss φ(s) of <see cref="Functional.BinaryMarginLoss"/>.</summary>
public enum BinaryMarginKind
{
    /// <summary>φ(s) = log(1 + e^(−s)): binary cross-entropy on the logit.</summary>
    Logistic,
    /// <summary>φ(s) = max(1 − s, 0).</summary>
    Hinge,
    /// <summary>φ(s) = e^(−s).</summary>
    Exponential,
}
