using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// Dual focal loss of Tao, Dong and Xu, "Dual Focal Loss for Calibration", ICML 2023:
    /// <c>loss_i = −(1 − p_{i,y} + p_{i,j})^γ log p_{i,y}</c>, p = softmax(logits), where p_j is the largest class
    /// probability below the true class's. Focal loss (γ-power of 1 − p_y) lowers confidence to fight over-confidence
    /// but can overshoot into under-confidence; adding p_j keeps the weight large while the runner-up is close, so the
    /// loss attends to the gap between the top two probabilities.
    /// <para>
    /// Variant pinned: the authors' code (Linwei94/ICML2023-DualFocalLoss, <c>Losses/dual_focal_loss.py</c>): p_j is the
    /// largest probability strictly smaller than p_y (the runner-up when the prediction is right; when it is wrong, the
    /// largest below p_y, not the winning class), and 0 when no class is below p_y. The weight is differentiated through.
    /// The reference sums over examples by default; here <see cref="nn.Reduction.Mean"/> is the default, as for the
    /// kit's other classification losses. γ = 0 gives cross-entropy.
    /// </para>
    /// </summary>
    /// <param name="logits">Scores of shape [N, C].</param>
    /// <param name="targets">Class indices (int64) of shape [N], each in [0, C).</param>
    /// <param name="gamma">Focusing parameter γ ≥ 0 (the paper's tables use values around 5).</param>
    /// <param name="reduction">None (per-example losses), Mean (over examples) or Sum (the reference's).</param>
    public static Tensor DualFocalLoss(Tensor logits, Tensor targets, double gamma = 5.0, nn.Reduction reduction = nn.Reduction.Mean)
    {
        Guard.LogitsAndTargets(logits, targets);
        Guard.NonNegative(gamma, nameof(gamma));
        return DualFocalLossUnchecked(logits, targets, gamma, reduction);
    }

    internal static Tensor DualFocalLossUnchecked(Tensor logits, Tensor targets, double gamma, nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var logP = nn.functional.log_softmax(logits, 1);
        var p = logP.exp();
        var logPTrue = logP.gather(1, targets.unsqueeze(1));                    // [N, 1]
        var pTrue = logPTrue.exp();
        var below = p.lt(pTrue).to(p.dtype);                                     // classes strictly below the true class
        var pRunnerUp = (p * below).max(1).values;                               // 0 when none is below
        var weight = gamma == 0 ? ones_like(pRunnerUp) : (1 - pTrue.squeeze(1) + pRunnerUp).pow(gamma);
        var losses = -weight * logPTrue.squeeze(1);
        return Reduce(losses, reduction).MoveToOuterDisposeScope();
    }
}
