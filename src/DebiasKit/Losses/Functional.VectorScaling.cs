using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// Per-class factors of the vector-scaling loss: multiplicative Δ_j = (n_j / n_max)^γ and additive ι_j = τ·log π_j,
    /// with π_j = n_j / Σ n the class prior.
    /// </summary>
    /// <param name="classCounts">Training examples per class, every one positive.</param>
    /// <param name="gamma">γ ≥ 0 (the SAM-LT reference, cifar_train_sam.py, uses γ = 0.3, τ = 1).</param>
    /// <param name="tau">τ ≥ 0.</param>
    public static (double[] Multiplicative, double[] Additive) VectorScalingFactors(IReadOnlyList<long> classCounts, double gamma, double tau)
    {
        Guard.ClassCounts(classCounts, nameof(classCounts));
        Guard.NonNegative(gamma, nameof(gamma));
        Guard.NonNegative(tau, nameof(tau));
        double max = classCounts.Max(), total = classCounts.Sum();
        return (classCounts.Select(n => Math.Pow(n / max, gamma)).ToArray(), classCounts.Select(n => tau * Math.Log(n / total)).ToArray());
    }

    /// <summary>
    /// Vector-scaling (VS) loss of Kini, Paraskevas, Oymak and Thrampoulidis, "Label-Imbalanced and Group-Sensitive
    /// Classification under Overparameterization", NeurIPS 2021: loss_i = CE(Δ ⊙ z_i + ι, y_i) with Δ_j = (n_j/n_max)^γ
    /// and ι_j = τ·log π_j. The multiplicative part shrinks the head classes' logits during training (a margin in
    /// effect), the additive part is logit adjustment; γ = τ = 0 is cross-entropy. The baseline that paper 061 (SAM on
    /// class-imbalanced data) improves on.
    /// <para>Variant pinned: dividing the logits by (n_max/n_j)^γ as in the public implementation GLMC
    /// <c>model/vsloss.py</c> (the same as multiplying by (n_j/n_max)^γ); per-class weights, when given, enter the
    /// cross-entropy as torch's <c>weight</c> (weighted mean).</para>
    /// </summary>
    /// <param name="logits">Scores [N, C].</param>
    /// <param name="targets">Class indices (int64) [N].</param>
    /// <param name="classCounts">Training examples per class (length C, all positive).</param>
    /// <param name="gamma">γ ≥ 0.</param>
    /// <param name="tau">τ ≥ 0.</param>
    /// <param name="weight">Optional per-class weights [C] (for example deferred re-weighting).</param>
    /// <param name="reduction">None, Mean (weighted mean) or Sum.</param>
    public static Tensor VectorScalingLoss(Tensor logits, Tensor targets, IReadOnlyList<long> classCounts, double gamma = 0.3, double tau = 1.0,
        Tensor? weight = null, nn.Reduction reduction = nn.Reduction.Mean)
    {
        Guard.LogitsAndTargets(logits, targets);
        Guard.ClassCounts(classCounts, nameof(classCounts), logits.shape[1]);
        Guard.ClassWeightTensor(weight, logits.shape[1]);
        var (multiplicative, additive) = VectorScalingFactors(classCounts, gamma, tau);
        return VectorScalingLossUnchecked(logits, targets, multiplicative, additive, weight, reduction);
    }

    /// <summary>The VS computation without argument checks, for callers that checked once (the module).</summary>
    internal static Tensor VectorScalingLossUnchecked(Tensor logits, Tensor targets, IReadOnlyList<double> multiplicative,
        IReadOnlyList<double> additive, Tensor? weight, nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var delta = tensor(multiplicative.ToArray(), dtype: logits.dtype, device: logits.device);
        var iota = tensor(additive.ToArray(), dtype: logits.dtype, device: logits.device);
        return nn.functional.cross_entropy(logits * delta + iota, targets, weight: weight, reduction: reduction).MoveToOuterDisposeScope();
    }
}
