using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// Asymmetric loss (ASL) for multi-label classification of Ridnik, Ben-Baruch, Zamir, Noy, Friedman, Protter and
    /// Zelnik-Manor, "Asymmetric Loss For Multi-Label Classification", ICCV 2021. Per example i and label l, with
    /// p = σ(z) and the shifted negative probability p_m = max(p − m, 0):
    /// <c>loss = −[ y (1 − p)^γ₊ log p + (1 − y) p_m^γ₋ log(1 − p_m) ]</c>.
    /// Negatives are down-weighted harder than positives (γ₋ &gt; γ₊), and easy negatives with p ≤ m are discarded
    /// entirely, which also discards negatives that are probably missing positive labels.
    /// <para>
    /// Variant pinned: the authors' <c>AsymmetricLoss</c> (Alibaba-MIIL/ASL, src/loss_functions/losses.py), which timm's
    /// <c>AsymmetricLossMultiLabel</c> (timm/loss/asymmetric_loss.py) copies: 1 − p_m computed as min(1 − p + m, 1);
    /// logs of probabilities clamped below at ε = 10⁻⁸; the focusing weight (1 − p_t)^γ with p_t = p for positives
    /// and 1 − p_m for negatives; class defaults γ₋ = 4, γ₊ = 1, m = 0.05 (both repositories). The authors' MS-COCO
    /// training (train.py) uses γ₋ = 4, γ₊ = 0, m = 0.05 with the weight detached
    /// (<paramref name="detachFocalWeight"/> = true, their <c>disable_torch_grad_focal_loss</c>; off by default in timm
    /// and here). Reduction: the authors' code returns the sum over examples and labels (<see cref="nn.Reduction.Sum"/>,
    /// the default here); current timm defaults to 'batchmean' (the sum divided by N; use Sum and divide, or Mean
    /// times L). As in timm, half-precision logits (float16, bfloat16) are computed in float32 and the loss is float32
    /// (low-precision probabilities underflow the ε clamp). γ₊ = γ₋ = 0 and m = 0 give binary cross-entropy (up to
    /// the clamp); m = 0 and γ₊ = γ₋ = γ give the symmetric (sigmoid) focal loss without α.
    /// </para>
    /// </summary>
    /// <param name="logits">Scores of shape [N, L].</param>
    /// <param name="targets">Labels of shape [N, L] in [0, 1] (1 = the example carries the label).</param>
    /// <param name="gammaNegative">γ₋ ≥ 0, focusing of negatives.</param>
    /// <param name="gammaPositive">γ₊ ≥ 0, focusing of positives.</param>
    /// <param name="clip">Probability margin m in [0, 1): negatives with p ≤ m contribute nothing.</param>
    /// <param name="detachFocalWeight">Compute the focusing weight without gradient.</param>
    /// <param name="reduction">None ([N, L] losses), Mean (over all entries) or Sum (timm's).</param>
    public static Tensor AsymmetricLoss(Tensor logits, Tensor targets, double gammaNegative = 4, double gammaPositive = 1, double clip = 0.05,
        bool detachFocalWeight = false, nn.Reduction reduction = nn.Reduction.Sum)
    {
        Guard.MultiLabelLogitsAndTargets(logits, targets);
        Guard.NonNegative(gammaNegative, nameof(gammaNegative));
        Guard.NonNegative(gammaPositive, nameof(gammaPositive));
        Guard.InRange(clip, 0, 1, nameof(clip), highOpen: true);
        return AsymmetricLossUnchecked(logits, targets, gammaNegative, gammaPositive, clip, detachFocalWeight, reduction);
    }

    internal static Tensor AsymmetricLossUnchecked(Tensor logits, Tensor targets, double gammaNegative, double gammaPositive, double clip,
        bool detachFocalWeight, nn.Reduction reduction)
    {
        const double eps = 1e-8;
        using var scope = NewDisposeScope();
        if (logits.dtype is ScalarType.Float16 or ScalarType.BFloat16) logits = logits.to(float32);
        var y = targets.to(logits.dtype);
        var pPositive = logits.sigmoid();
        var pNegative = clip > 0 ? (1 - pPositive).add_(clip).clamp_(max: 1) : 1 - pPositive;   // 1 − p_m
        var logLikelihood = y * pPositive.clamp(min: eps).log() + (1 - y) * pNegative.clamp(min: eps).log();
        if (gammaNegative > 0 || gammaPositive > 0)
        {
            Tensor FocalWeight()
            {
                var pTrue = pPositive * y + pNegative * (1 - y);
                var gamma = y * gammaPositive + (1 - y) * gammaNegative;
                return (1 - pTrue).pow(gamma);
            }
            Tensor weight;
            if (detachFocalWeight)
                using (no_grad()) weight = FocalWeight();
            else
                weight = FocalWeight();
            logLikelihood = logLikelihood * weight;
        }
        return Reduce(-logLikelihood, reduction).MoveToOuterDisposeScope();
    }
}
