using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// DLLP bag-level loss of Ardehaly and Culotta, "Co-training for demographic classification using deep learning
    /// from label proportions", ICDM Workshops 2017: the binary cross-entropy between each bag's label proportion and
    /// the mean predicted probability over the bag,
    /// <para>L_b = −[α_b log p̄_b + (1 − α_b) log(1 − p̄_b)],  p̄_b = (1/k) Σ_{i∈b} σ(z_i),</para>
    /// the usual baseline of label-proportion learning and of EasyLLP's experiments. Variant pinned: p̄_b is clamped
    /// to [1e-7, 1 − 1e-7] before the logarithms; no entropy correction is subtracted (it does not depend on the model).
    /// </summary>
    /// <param name="logits">One logit per instance, shape [N] with N = B·k, instances bag after bag.</param>
    /// <param name="bagProportions">α_b per bag, shape [B], values in [0, 1].</param>
    /// <param name="bagSize">Instances per bag k ≥ 1; k = 1 is supervised binary cross-entropy (up to the clamp).</param>
    /// <param name="reduction">None (per-bag losses, shape [B]), Mean (over bags) or Sum.</param>
    public static Tensor DllpLoss(Tensor logits, Tensor bagProportions, int bagSize, nn.Reduction reduction = nn.Reduction.Mean)
    {
        CheckBagInputs(logits, bagProportions, bagSize, nameof(logits), nameof(bagProportions));
        return DllpUnchecked(logits, bagProportions, bagSize, reduction);
    }

    internal static Tensor DllpUnchecked(Tensor logits, Tensor bagProportions, int bagSize, nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        const double eps = 1e-7;
        var mean = logits.sigmoid().reshape(-1, bagSize).mean([1L]).clamp(eps, 1 - eps);        // p̄_b, [B]
        var alpha = bagProportions.to(logits.dtype);
        var losses = -(alpha * mean.log() + (1 - alpha) * (1 - mean).log());
        return Reduce(losses, reduction).MoveToOuterDisposeScope();
    }
}
