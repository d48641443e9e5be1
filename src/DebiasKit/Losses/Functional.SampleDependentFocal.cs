using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// Sample-dependent focal loss (FLSD) of Mukhoti, Kulharia, Sanyal, Golodetz, Torr and Dokania, "Calibrating Deep
    /// Neural Networks using Focal Loss", NeurIPS 2020: the focal loss <c>−(1 − p_y)^γ_i log p_y</c> with a γ chosen
    /// per example from its true-class probability, γ_i = <paramref name="gammaLow"/> when p_y &lt;
    /// <paramref name="threshold"/> and <paramref name="gammaHigh"/> otherwise. The defaults are FLSD-53
    /// (γ = 5 below p_y = 0.2, γ = 3 above), the focal-loss baseline of the dual focal loss paper.
    /// <para>
    /// Variant pinned: <c>Losses/focal_loss_sd.py</c> of the dual focal loss authors' repository
    /// (Linwei94/ICML2023-DualFocalLoss, copied from Mukhoti et al.'s code): its table {p &lt; 0.2: 5, p &lt; 0.5: 3} with
    /// γ = 3 (the run's <c>--gamma</c>) for p ≥ 0.5, i.e. one threshold at 0.2. γ_i is picked from the probability as
    /// a constant (the reference reads it with <c>.item()</c>), so it is not differentiated; being piecewise constant,
    /// this only matters exactly at the threshold. The reference sums over examples; <see cref="nn.Reduction.Mean"/>
    /// is the default here, as for the kit's other classification losses.
    /// </para>
    /// </summary>
    /// <param name="logits">Scores of shape [N, C].</param>
    /// <param name="targets">Class indices (int64) of shape [N], each in [0, C).</param>
    /// <param name="threshold">True-class probability below which <paramref name="gammaLow"/> applies, in [0, 1].</param>
    /// <param name="gammaLow">γ ≥ 0 for examples with p_y below the threshold (5 in FLSD-53).</param>
    /// <param name="gammaHigh">γ ≥ 0 for the others (3 in FLSD-53).</param>
    /// <param name="reduction">None (per-example losses), Mean (over examples) or Sum (the reference's).</param>
    public static Tensor SampleDependentFocalLoss(Tensor logits, Tensor targets, double threshold = 0.2, double gammaLow = 5.0,
        double gammaHigh = 3.0, nn.Reduction reduction = nn.Reduction.Mean)
    {
        Guard.LogitsAndTargets(logits, targets);
        Guard.InRange(threshold, 0, 1, nameof(threshold));
        Guard.NonNegative(gammaLow, nameof(gammaLow));
        Guard.NonNegative(gammaHigh, nameof(gammaHigh));
        using var scope = NewDisposeScope();
        var logPTrue = nn.functional.log_softmax(logits, 1).gather(1, targets.unsqueeze(1)).squeeze(1);   // [N]
        var pTrue = logPTrue.exp();
        var gamma = where(pTrue.detach().lt(threshold), full_like(pTrue, gammaLow), full_like(pTrue, gammaHigh));
        var losses = -(1 - pTrue).pow(gamma) * logPTrue;
        return Reduce(losses, reduction).MoveToOuterDisposeScope();
    }
}
