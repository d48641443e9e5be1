using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// EasyLLP soft labels ỹ_b = k(α_b − p) + p, one per bag, of Busa-Fekete, Choi, Dick, Gentile and Muñoz Medina,
    /// "Easy Learning from Label Proportions", NeurIPS 2023 (arXiv:2302.03115). Because the other k − 1 labels of a
    /// random bag are independent Bernoulli(p), E[α | x_i, y_i] = (y_i + (k − 1)p) / k and so E[ỹ | x_i, y_i] = y_i:
    /// the soft label is an unbiased (but noisy, and possibly outside [0, 1]) stand-in for every instance label in the bag.
    /// </summary>
    /// <param name="bagProportions">Label proportions α_b ∈ [0, 1], shape [B].</param>
    /// <param name="bagSize">Instances per bag k ≥ 1.</param>
    /// <param name="prior">Class prior p = P(y = 1) ∈ [0, 1] (in practice the mean of the α_b over the training bags).</param>
    public static Tensor EasyLlpSoftLabels(Tensor bagProportions, int bagSize, double prior)
    {
        CheckProportions(bagProportions, nameof(bagProportions));
        if (bagSize < 1) throw new ArgumentOutOfRangeException(nameof(bagSize), bagSize, $"{nameof(bagSize)} must be at least 1.");
        Guard.InRange(prior, 0, 1, nameof(prior));
        return bagProportions.sub(prior).mul_(bagSize).add_(prior);
    }

    /// <summary>
    /// EasyLLP debiased instance loss for binary classification with the logistic (binary cross-entropy) loss,
    /// Busa-Fekete et al., NeurIPS 2023 (arXiv:2302.03115):
    /// <para>
    /// ℓ̃_i = ỹ_b · ℓ(z_i, 1) + (1 − ỹ_b) · ℓ(z_i, 0),  ỹ_b = k(α_b − p) + p,  ℓ(z, 1) = softplus(−z), ℓ(z, 0) = softplus(z),
    /// </para>
    /// <para>
    /// for instance i of bag b. Its expectation over random bags is the supervised instance loss ℓ(z_i, y_i) for any
    /// model, so its mean is an unbiased estimate of the instance-level risk; its variance grows about linearly in k.
    /// Since softplus(−z) − softplus(z) = −z this equals softplus(z) − ỹ_b z, convex in z but unbounded below when
    /// ỹ_b &gt; 1 or ỹ_b &lt; 0, so train it with weight decay or early stopping.
    /// </para>
    /// <para>
    /// Variant pinned: the public TensorFlow implementation of the paper's experiments (class EasyLLPLog in losses.py),
    /// which weights the positive-label loss by k(α − p) + p and the negative-label loss by k(p − α) + 1 − p, averages
    /// over the instances of each bag and then over bags; with equal bag sizes that is the plain mean over instances
    /// used here for <see cref="nn.Reduction.Mean"/>. The reference works on probabilities with log(· + 1e-8); this
    /// works on logits with softplus, which is the same loss without the 1e-8 and numerically stable.
    /// </para>
    /// </summary>
    /// <param name="logits">One logit per instance, shape [N] with N = B·k, instances laid out bag after bag
    /// (instance i belongs to bag i / k; see <see cref="Data.BagPartition.Order"/>).</param>
    /// <param name="bagProportions">Label proportion α_b of each bag, shape [B], values in [0, 1].</param>
    /// <param name="bagSize">Instances per bag k ≥ 1; k = 1 is ordinary supervised binary cross-entropy.</param>
    /// <param name="prior">Class prior p ∈ [0, 1].</param>
    /// <param name="reduction">None (per-instance ℓ̃_i, shape [N]), Mean (over instances) or Sum.</param>
    public static Tensor EasyLlpLoss(Tensor logits, Tensor bagProportions, int bagSize, double prior,
        nn.Reduction reduction = nn.Reduction.Mean)
    {
        CheckBagInputs(logits, bagProportions, bagSize, nameof(logits), nameof(bagProportions));
        Guard.InRange(prior, 0, 1, nameof(prior));
        using var scope = NewDisposeScope();
        return EasyLlpUnchecked(nn.functional.softplus(logits.neg()), nn.functional.softplus(logits), bagProportions, bagSize, prior, reduction)
            .MoveToOuterDisposeScope();
    }

    /// <summary>
    /// EasyLLP for an arbitrary binary loss ℓ: ℓ̃_i = ỹ_b · <paramref name="lossIfPositive"/>_i + (1 − ỹ_b) ·
    /// <paramref name="lossIfNegative"/>_i with ỹ_b = k(α_b − p) + p (see the logit overload for the paper and the
    /// pinned variant). Pass ℓ(h(x_i), 1) and ℓ(h(x_i), 0) computed for every instance, for example the squared
    /// losses (h − 1)² and h², or the 0/1 losses to estimate a classifier's error rate from label proportions.
    /// </summary>
    /// <param name="lossIfPositive">ℓ(h(x_i), 1) per instance, shape [N], instances bag after bag.</param>
    /// <param name="lossIfNegative">ℓ(h(x_i), 0) per instance, shape [N].</param>
    /// <param name="bagProportions">α_b per bag, shape [B] with N = B·k, values in [0, 1].</param>
    /// <param name="bagSize">Instances per bag k ≥ 1.</param>
    /// <param name="prior">Class prior p ∈ [0, 1].</param>
    /// <param name="reduction">None (shape [N]), Mean or Sum.</param>
    public static Tensor EasyLlpLoss(Tensor lossIfPositive, Tensor lossIfNegative, Tensor bagProportions, int bagSize, double prior,
        nn.Reduction reduction = nn.Reduction.Mean)
    {
        CheckBagInputs(lossIfPositive, bagProportions, bagSize, nameof(lossIfPositive), nameof(bagProportions));
        Guard.NotNull(lossIfNegative, nameof(lossIfNegative));
        if (!lossIfNegative.shape.SequenceEqual(lossIfPositive.shape))
            throw new ArgumentException($"{nameof(lossIfNegative)} must have the shape of {nameof(lossIfPositive)} [{lossIfPositive.shape[0]}]; got [{string.Join(", ", lossIfNegative.shape)}].", nameof(lossIfNegative));
        CheckFloatingNoNaN(lossIfNegative, nameof(lossIfNegative));
        Guard.InRange(prior, 0, 1, nameof(prior));
        return EasyLlpUnchecked(lossIfPositive, lossIfNegative, bagProportions, bagSize, prior, reduction);
    }

    internal static Tensor EasyLlpUnchecked(Tensor lossIfPositive, Tensor lossIfNegative, Tensor bagProportions, int bagSize,
        double prior, nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var soft = bagProportions.to(lossIfPositive.dtype).sub(prior).mul(bagSize).add(prior)      // ỹ_b, [B]
            .repeat_interleave(bagSize);                                                           // ỹ per instance, [N]
        var losses = soft * lossIfPositive + (1 - soft) * lossIfNegative;
        return Reduce(losses, reduction).MoveToOuterDisposeScope();
    }

    /// <summary>Instance tensor [N] and bag proportions [B] with N = B·k, floating point, no NaN, proportions in [0, 1].</summary>
    internal static void CheckBagInputs(Tensor instances, Tensor bagProportions, int bagSize, string instancesName, string proportionsName)
    {
        Guard.NotNull(instances, instancesName);
        if (bagSize < 1) throw new ArgumentOutOfRangeException(nameof(bagSize), bagSize, $"{nameof(bagSize)} must be at least 1.");
        if (instances.dim() != 1)
            throw new ArgumentException($"{instancesName} must have shape [N] (one value per instance); got [{string.Join(", ", instances.shape)}].", instancesName);
        CheckFloatingNoNaN(instances, instancesName);
        CheckProportions(bagProportions, proportionsName);
        if (instances.shape[0] != bagProportions.shape[0] * bagSize)
            throw new ArgumentException(
                $"{instancesName} has {instances.shape[0]} instances but {bagProportions.shape[0]} bags of {bagSize} need {bagProportions.shape[0] * bagSize}; lay the instances out bag after bag.",
                instancesName);
    }

    private static void CheckProportions(Tensor proportions, string name)
    {
        Guard.NotNull(proportions, name);
        if (proportions.dim() != 1)
            throw new ArgumentException($"{name} must have shape [B] (one proportion per bag); got [{string.Join(", ", proportions.shape)}].", name);
        CheckFloatingNoNaN(proportions, name);
        if (proportions.shape[0] == 0) return;
        using var scope = NewDisposeScope();
        if (proportions.lt(0).any().logical_or_(proportions.gt(1).any()).item<bool>())
            throw new ArgumentOutOfRangeException(name,
                $"{name} must lie in [0, 1]; found values from {proportions.min().item<double>()} to {proportions.max().item<double>()}.");
    }

    private static void CheckFloatingNoNaN(Tensor values, string name)
    {
        if (!values.is_floating_point())
            throw new ArgumentException($"{name} must be a floating-point tensor; got {values.dtype}.", name);
        using var scope = NewDisposeScope();
        if (values.numel() > 0 && values.isnan().any().item<bool>()) throw new ArgumentException($"{name} contains NaN.", name);
    }
}
