using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>
/// DatasetEquity's appearance-likelihood loss weights (Shrivastava, Zhang, Nagesh and Parchami, "Are All Samples Created
/// Equal? In The Quest For Equity Within Datasets", ICCV 2023 workshops; reference code towardsautonomy/DatasetEquity).
/// Samples are embedded by a feature extractor and clustered; a sample's likelihood p_i is its cluster's size
/// relative to the largest cluster's, and the Generalized Focal Loss weight
/// <code>w_i = (η + (1 − p_i)^γ) / (η + 1)</code>
/// multiplies that sample's task loss. Defaults η = 1, γ = 5.
/// <para>
/// Variant pinned by the reference code (not the plan's "normalised cluster size"):
/// BEVFormer/projects/mmdet3d_plugin/datasets/nuscenes_dataset.py sets
/// <c>sample_likelihood = cluster_size / largest_cluster_size</c> (1.0 for a sample without cluster information), and
/// BEVFormer/.../dense_heads/bevformer_head.py <c>dequity_loss_weight(p, eta=1.0, gamma=5.0)</c> returns
/// <c>(eta + (1 - p) ** gamma) / (eta + 1)</c>, multiplied into the classification and box losses. So p ∈ (0, 1], the
/// largest cluster has p = 1 and weight η/(η + 1), and w rises towards 1 as a cluster becomes rarer: w ∈ [η/(η+1), 1).
/// The weights are not re-normalised. The reference multiplies a batch's mean loss by the weights of a one-sample
/// batch; <see cref="WeightedCrossEntropy"/> is the per-sample form, mean_i w_i·CE_i.
/// The clustering itself (k-means on embeddings in the paper's code) is the caller's: pass its cluster ids.
/// </para>
/// </summary>
public static class DatasetEquity
{
    /// <summary>p_i = |cluster of i| / |largest cluster|, one per sample.</summary>
    /// <param name="clusterIds">The cluster of each sample (any non-negative ids), at least one sample.</param>
    public static double[] ClusterLikelihood(IReadOnlyList<int> clusterIds)
    {
        Guard.NotNull(clusterIds, nameof(clusterIds));
        if (clusterIds.Count == 0) throw new ArgumentException("clusterIds must hold one id per sample; it is empty.", nameof(clusterIds));
        var sizes = new Dictionary<int, int>();
        for (int i = 0; i < clusterIds.Count; i++)
        {
            if (clusterIds[i] < 0)
                throw new ArgumentOutOfRangeException(nameof(clusterIds), clusterIds[i], $"clusterIds[{i}] is {clusterIds[i]}; cluster ids must be non-negative.");
            sizes[clusterIds[i]] = sizes.GetValueOrDefault(clusterIds[i]) + 1;
        }
        double largest = sizes.Values.Max();
        return clusterIds.Select(c => sizes[c] / largest).ToArray();
    }

    /// <summary>w_i = (η + (1 − p_i)^γ) / (η + 1) for likelihoods p_i in [0, 1].</summary>
    /// <param name="likelihoods">p_i ∈ [0, 1], e.g. from <see cref="ClusterLikelihood"/>.</param>
    /// <param name="eta">η ≥ 0 (floor of the weight, η/(η+1) at p = 1); the reference's default 1.</param>
    /// <param name="gamma">γ ≥ 0 (sharpness); the reference's default 5.</param>
    public static double[] Weights(IReadOnlyList<double> likelihoods, double eta = 1.0, double gamma = 5.0)
    {
        Guard.NotNull(likelihoods, nameof(likelihoods));
        CheckParameters(eta, gamma);
        var weights = new double[likelihoods.Count];
        for (int i = 0; i < weights.Length; i++)
        {
            double p = likelihoods[i];
            if (!(p >= 0 && p <= 1))
                throw new ArgumentOutOfRangeException(nameof(likelihoods), p, $"likelihoods[{i}] is {p}; every likelihood must lie in [0, 1].");
            weights[i] = (eta + Math.Pow(1 - p, gamma)) / (eta + 1);
        }
        return weights;
    }

    /// <summary>
    /// The tensor form of <see cref="Weights"/>: elementwise, same shape, dtype and device. (A separate name because
    /// TorchSharp converts a double[] to a Tensor implicitly, which would make an overload ambiguous.)
    /// </summary>
    public static Tensor WeightsTensor(Tensor likelihoods, double eta = 1.0, double gamma = 5.0)
    {
        Guard.NotNull(likelihoods, nameof(likelihoods));
        CheckParameters(eta, gamma);
        if (!likelihoods.is_floating_point())
            throw new ArgumentException($"likelihoods must be a floating-point tensor; got {likelihoods.dtype}.", nameof(likelihoods));
        using var scope = NewDisposeScope();
        if (Guard.AnyOutsideUnitInterval(likelihoods))
            throw new ArgumentOutOfRangeException(nameof(likelihoods), "every likelihood must lie in [0, 1] (no NaN).");
        var w = likelihoods.neg().add(1).pow(gamma).add(eta).div(eta + 1);
        return w.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The re-weighted classification loss: w_i · CE(logits_i, target_i), reduced (mean over samples by default,
    /// not divided by Σw, as in the reference).
    /// </summary>
    /// <param name="logits">[N, C] floating point.</param>
    /// <param name="targets">[N] int64 in [0, C).</param>
    /// <param name="weights">[N] per-sample weights (from <see cref="WeightsTensor"/>), non-negative.</param>
    /// <param name="reduction">None (per-sample), Mean (the default) or Sum.</param>
    public static Tensor WeightedCrossEntropy(Tensor logits, Tensor targets, Tensor weights, nn.Reduction reduction = nn.Reduction.Mean)
    {
        Guard.LogitsAndTargets(logits, targets);
        Guard.NotNull(weights, nameof(weights));
        if (weights.dim() != 1 || weights.shape[0] != logits.shape[0] || !weights.is_floating_point())
            throw new ArgumentException($"weights must be a floating-point tensor of shape [{logits.shape[0]}]; got {weights.dtype} [{string.Join(", ", weights.shape)}].", nameof(weights));
        using var scope = NewDisposeScope();
        if (weights.numel() > 0 && weights.lt(0).logical_or(weights.isnan()).any().item<bool>())
            throw new ArgumentOutOfRangeException(nameof(weights), "weights must be non-negative and not NaN.");
        var perSample = nn.functional.cross_entropy(logits, targets, reduction: nn.Reduction.None).mul(weights.to(logits.dtype));
        Tensor result = reduction switch
        {
            nn.Reduction.None => perSample,
            nn.Reduction.Mean => perSample.mean(),
            nn.Reduction.Sum => perSample.sum(),
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "reduction must be None, Mean or Sum."),
        };
        return result.MoveToOuterDisposeScope();
    }

    private static void CheckParameters(double eta, double gamma)
    {
        Guard.NonNegative(eta, nameof(eta));
        Guard.NonNegative(gamma, nameof(gamma));
    }
}
