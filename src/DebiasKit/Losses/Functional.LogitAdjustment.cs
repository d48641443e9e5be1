using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>The tolerance within which a class prior must sum to one.</summary>
    public const double PriorSumTolerance = 1e-6;

    /// <summary>The empirical class prior π_j = n_j / Σ_k n_k from training class counts.</summary>
    /// <param name="classCounts">Training examples per class, every one positive.</param>
    public static double[] ClassPrior(IReadOnlyList<long> classCounts)
    {
        Guard.ClassCounts(classCounts, nameof(classCounts));
        double total = classCounts.Sum(n => (double)n);
        return classCounts.Select(n => n / total).ToArray();
    }

    /// <summary>
    /// Logit-adjusted softmax cross-entropy of Menon, Jayasumana, Rawat, Jain, Veit and Kumar, "Long-tail learning via
    /// logit adjustment", ICLR 2021 (arXiv:2007.07314), their equation (10):
    /// <para>loss_i = CE( z_i + τ·log π, y_i ) = −log [ exp(z_{i,y} + τ log π_y) / Σ_k exp(z_{i,k} + τ log π_k) ].</para>
    /// <para>
    /// Variant pinned: the authors' code (github.com/google-research/google-research, logit_adjustment/utils.py,
    /// build_loss_fn): the additive offset τ·log π is applied to every logit and the result goes through the ordinary
    /// softmax cross-entropy, reduced by the mean. The code adds 1e-12 inside the logarithm (log(π^τ + 1e-12)); here the
    /// prior must be strictly positive, so the offset is exactly τ·log π (the two differ by at most 1e-12/π_j^τ).
    /// Optional class weights follow torch's cross_entropy (Mean is Σ w_{y_i} loss_i / Σ w_{y_i}); the paper uses none.
    /// </para>
    /// </summary>
    /// <param name="logits">Scores of shape [N, C].</param>
    /// <param name="targets">Class indices (int64) of shape [N], each in [0, C).</param>
    /// <param name="prior">Class prior π (length C, every entry positive and finite, summing to 1 within
    /// <see cref="PriorSumTolerance"/>); <see cref="ClassPrior"/> builds it from class counts.</param>
    /// <param name="tau">The scaling τ ≥ 0 of the log prior (paper default 1); τ = 0 gives plain cross-entropy.</param>
    /// <param name="weight">Optional per-class weights of shape [C].</param>
    /// <param name="reduction">None (per-example losses), Mean (weighted mean) or Sum.</param>
    public static Tensor LogitAdjustedCrossEntropy(Tensor logits, Tensor targets, IReadOnlyList<double> prior,
        double tau = 1.0, Tensor? weight = null, nn.Reduction reduction = nn.Reduction.Mean)
    {
        Guard.LogitsAndTargets(logits, targets);
        CheckPrior(prior, nameof(prior), logits.shape[1]);
        Guard.NonNegative(tau, nameof(tau));
        Guard.ClassWeightTensor(weight, logits.shape[1]);
        return LogitAdjustedCrossEntropyUnchecked(logits, targets, ScaledLogPrior(prior, tau), weight, reduction);
    }

    /// <summary>
    /// Post-hoc logit adjustment of Menon et al. (ICLR 2021), their equation (9): the adjusted scores
    /// z − τ·log π, whose arg-max estimates the balanced-error Bayes classifier from a model trained with plain
    /// cross-entropy. Variant pinned: google-research logit_adjustment/main.py (logits − log(π^τ + 1e-12)), without the
    /// 1e-12 since the prior must be positive. τ = 0 returns a copy of the logits.
    /// </summary>
    /// <param name="logits">Scores of shape [N, C].</param>
    /// <param name="prior">Class prior π (length C, positive, summing to 1).</param>
    /// <param name="tau">τ ≥ 0 (paper default 1).</param>
    public static Tensor PosthocLogitAdjustment(Tensor logits, IReadOnlyList<double> prior, double tau = 1.0)
    {
        Guard.NotNull(logits, nameof(logits));
        if (logits.dim() != 2)
            throw new ArgumentException($"{nameof(logits)} must have shape [N, C]; got [{string.Join(", ", logits.shape)}].", nameof(logits));
        if (!logits.is_floating_point())
            throw new ArgumentException($"{nameof(logits)} must be a floating-point tensor; got {logits.dtype}.", nameof(logits));
        CheckPrior(prior, nameof(prior), logits.shape[1]);
        Guard.NonNegative(tau, nameof(tau));
        using var scope = NewDisposeScope();
        if (logits.isnan().any().item<bool>()) throw new ArgumentException($"{nameof(logits)} contains NaN.", nameof(logits));
        var offset = tensor(ScaledLogPrior(prior, tau), dtype: logits.dtype, device: logits.device);
        return (logits - offset).MoveToOuterDisposeScope();
    }

    /// <summary>τ·log π_j per class (0 for every class when τ = 0).</summary>
    internal static double[] ScaledLogPrior(IReadOnlyList<double> prior, double tau) =>
        prior.Select(p => tau == 0 ? 0.0 : tau * Math.Log(p)).ToArray();

    /// <summary>The logit-adjusted loss without argument checks, for callers that checked once (the module).</summary>
    internal static Tensor LogitAdjustedCrossEntropyUnchecked(Tensor logits, Tensor targets, IReadOnlyList<double> scaledLogPrior,
        Tensor? weight, nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var offset = tensor(scaledLogPrior.ToArray(), dtype: logits.dtype, device: logits.device);
        var classWeight = weight is null || weight.dtype == logits.dtype ? weight : weight.to(logits.dtype);
        return nn.functional.cross_entropy(logits + offset, targets, classWeight, reduction: reduction)
            .MoveToOuterDisposeScope();
    }

    /// <summary>A class prior: C entries, each positive and finite, summing to 1 within <see cref="PriorSumTolerance"/>.</summary>
    internal static void CheckPrior(IReadOnlyList<double> prior, string name, long? expectedClasses = null)
    {
        Guard.NotNull(prior, name);
        if (prior.Count == 0) throw new ArgumentException($"{name} must hold one probability per class; it is empty.", name);
        if (expectedClasses is long c && prior.Count != c)
            throw new ArgumentException($"{name} has {prior.Count} entries but there are {c} classes.", name);
        for (int i = 0; i < prior.Count; i++)
            if (!(prior[i] > 0) || !double.IsFinite(prior[i]))
                throw new ArgumentOutOfRangeException(name, prior[i], $"{name}[{i}] is {prior[i]}; every class probability must be positive and finite.");
        double total = prior.Sum();
        if (Math.Abs(total - 1) > PriorSumTolerance)
            throw new ArgumentException($"{name} must sum to 1 (within {PriorSumTolerance}); it sums to {total:R}.", name);
    }
}
