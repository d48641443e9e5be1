using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// Debiased pseudo-labels of DebiasPL (Wang, Wu, Yu, Lian, Darrell and Yu, "Debiased Learning from Naturally
    /// Imbalanced Pseudo-Labels", CVPR 2022), the "LogitAdjust" debiasing arm that DeCrisisMB (Zou et al., Findings of
    /// EMNLP 2023) compares with: the logits are adjusted by the running estimate q̂ of the model's class marginal
    /// before thresholding, p̃ = softmax(z − λ·log q̂); a pseudo-label is argmax p̃, kept where max p̃ ≥ τ.
    /// <para>Variant pinned: the DeCrisisMB reference code (github.com/HenryPengZou/DeCrisisMB, main.py,
    /// threshold_mode 'debias', λ = tau = 0.4) applies the same adjustment and threshold but keeps the label of the
    /// unadjusted argmax; here the label is the adjusted argmax, as in DebiasPL. The adaptive marginal loss of DebiasPL
    /// is not part of it (DeCrisisMB's runs leave it off). λ = 0 gives <see cref="PseudoLabels"/>.</para>
    /// </summary>
    /// <param name="logits">Logits of the (weak) views [N, C]; no gradient flows through the result.</param>
    /// <param name="classMarginal">q̂, C positive entries (e.g. <see cref="SemiSupervised.ClassMarginalEstimate"/>).</param>
    /// <param name="strength">λ ≥ 0, the power of the debiasing (DeCrisisMB's runs: 0.4).</param>
    /// <param name="threshold">Confidence τ in [0, 1] on the adjusted probabilities.</param>
    public static (Tensor Labels, Tensor Mask) DebiasedPseudoLabels(Tensor logits, IReadOnlyList<double> classMarginal, double strength = 0.4,
        double threshold = 0.95)
    {
        Guard.NotNull(logits, nameof(logits));
        if (logits.dim() != 2 || !logits.is_floating_point())
            throw new ArgumentException($"logits must be floating-point [N, C]; got {logits.dtype} [{string.Join(", ", logits.shape)}].", nameof(logits));
        Guard.NotNull(classMarginal, nameof(classMarginal));
        if (classMarginal.Count != logits.shape[1])
            throw new ArgumentException($"classMarginal has {classMarginal.Count} entries but logits have {logits.shape[1]} classes.", nameof(classMarginal));
        for (int c = 0; c < classMarginal.Count; c++)
            if (!(classMarginal[c] > 0) || !double.IsFinite(classMarginal[c]))
                throw new ArgumentOutOfRangeException(nameof(classMarginal), classMarginal[c], $"classMarginal[{c}] must be positive and finite.");
        Guard.NonNegative(strength, nameof(strength));
        Guard.InRange(threshold, 0, 1, nameof(threshold));
        using var scope = NewDisposeScope();
        var offset = tensor(classMarginal.Select(q => strength * Math.Log(q)).ToArray(), dtype: logits.dtype, device: logits.device);
        var (confidence, labels) = (logits.detach() - offset).softmax(1).max(1);
        return (labels.MoveToOuterDisposeScope(), (confidence >= threshold).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The squared-error consistency loss of the DeCrisisMB reference code (main.py, u_loss 'L2', the setting of its
    /// reported runs): mean over the N × C entries of (softmax(z)_ic − t_ic)², t the one-hot pseudo-label. It is the
    /// Brier score divided by C, and bounded, so a wrong pseudo-label costs at most 2/C per example.
    /// </summary>
    /// <param name="logits">Logits [N, C], N ≥ 1.</param>
    /// <param name="targets">Class indices (int64) [N], each in [0, C).</param>
    public static Tensor ProbabilitySquaredError(Tensor logits, Tensor targets)
    {
        Guard.LogitsAndTargets(logits, targets);
        if (logits.shape[0] == 0) throw new ArgumentException("logits must hold at least one example.", nameof(logits));
        using var scope = NewDisposeScope();
        var oneHot = nn.functional.one_hot(targets, logits.shape[1]).to_type(logits.dtype);
        return (logits.softmax(1) - oneHot).square().mean().MoveToOuterDisposeScope();
    }
}
