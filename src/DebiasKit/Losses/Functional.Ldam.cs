using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// Per-class LDAM margins Δ_j = C / n_j^(1/4), with C chosen so that the largest margin (the rarest class)
    /// equals <paramref name="maxMargin"/>.
    /// </summary>
    /// <param name="classCounts">Training examples per class, every one positive.</param>
    /// <param name="maxMargin">The margin of the rarest class (the reference code's max_m, default 0.5).</param>
    public static double[] LdamMargins(IReadOnlyList<long> classCounts, double maxMargin = 0.5)
    {
        Guard.ClassCounts(classCounts, nameof(classCounts));
        Guard.Positive(maxMargin, nameof(maxMargin));
        var raw = classCounts.Select(n => 1.0 / Math.Sqrt(Math.Sqrt(n))).ToArray();
        double scale = maxMargin / raw.Max();
        return raw.Select(m => m * scale).ToArray();
    }

    /// <summary>
    /// Label-distribution-aware margin (LDAM) loss of Cao, Wei, Gaidon, Arechiga and Ma, "Learning Imbalanced
    /// Datasets with Label-Distribution-Aware Margin Loss", NeurIPS 2019 (arXiv:1906.07413).
    /// <para>
    /// loss_i = CE( s · (z_i − Δ_{y_i} e_{y_i}), y_i ), with Δ_j = C / n_j^(1/4) rescaled so that max_j Δ_j = maxMargin.
    /// </para>
    /// <para>
    /// Variant pinned: the authors' reference code (github.com/kaidic/LDAM-DRW, losses.py): the margin is
    /// subtracted from the true-class logit only, the scaled logits go through the ordinary softmax cross-entropy,
    /// defaults maxMargin = 0.5 and s = 30. The reference pairs the loss with a cosine classifier
    /// (<see cref="Models.NormedLinear"/>), so logits lie in [−1, 1] before scaling. Class weights (for DRW)
    /// are passed to the cross-entropy, so <see cref="nn.Reduction.Mean"/> is the weighted mean
    /// Σ w_{y_i} loss_i / Σ w_{y_i}, exactly as torch's cross_entropy.
    /// </para>
    /// </summary>
    /// <param name="logits">Scores of shape [N, C].</param>
    /// <param name="targets">Class indices (int64) of shape [N], each in [0, C).</param>
    /// <param name="classCounts">Training examples per class (length C, all positive); they set the margins.</param>
    /// <param name="maxMargin">Margin of the rarest class.</param>
    /// <param name="scale">The logit scale s applied after the margin.</param>
    /// <param name="weight">Optional per-class weights of shape [C] (for example from <see cref="ClassWeights"/>).</param>
    /// <param name="reduction">None (per-example losses), Mean (weighted mean) or Sum.</param>
    public static Tensor LdamLoss(Tensor logits, Tensor targets, IReadOnlyList<long> classCounts,
        double maxMargin = 0.5, double scale = 30.0, Tensor? weight = null, nn.Reduction reduction = nn.Reduction.Mean)
    {
        Guard.LogitsAndTargets(logits, targets);
        Guard.ClassCounts(classCounts, nameof(classCounts), logits.shape[1]);
        Guard.Positive(scale, nameof(scale));
        Guard.ClassWeightTensor(weight, logits.shape[1]);
        return LdamLossUnchecked(logits, targets, LdamMargins(classCounts, maxMargin), scale, weight, reduction);
    }

    /// <summary>The LDAM computation without argument checks, for callers that checked once (the module).</summary>
    internal static Tensor LdamLossUnchecked(Tensor logits, Tensor targets, IReadOnlyList<double> margins,
        double scale, Tensor? weight, nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var marginTable = tensor(margins.ToArray(), dtype: logits.dtype, device: logits.device);
        var column = targets.unsqueeze(1);                                                        // [N, 1]
        // z − Δ_y e_y: subtract each example's margin from its true-class logit only.
        var shifted = logits.scatter_add(1, column, marginTable.index_select(0, targets).unsqueeze(1).neg());
        var classWeight = weight is null || weight.dtype == logits.dtype ? weight : weight.to(logits.dtype);
        return nn.functional.cross_entropy(shifted * scale, targets, classWeight, reduction: reduction)
            .MoveToOuterDisposeScope();
    }
}
