using static TorchSharp.torch;

namespace DebiasKit.Stats;

/// <summary>
/// Principal component analysis of a point cloud: the mean μ and the top k right singular vectors V_k of the centred
/// data X − 1μᵀ, so that a point x is embedded as z = V_k (x − μ) (its coordinates on the k directions of largest
/// variance). Explained variance of component j is s_j² / (n − 1) with s_j the j-th singular value; its ratio divides by
/// the total variance Σ s². Not whitened: Euclidean distances between embeddings are distances in the principal
/// subspace, which is what k-means on the embeddings needs (DatasetEquity, paper 020, clusters such embeddings of images).
/// <para>Sign pinned: each component is oriented so that its coordinate of largest magnitude is positive (ties to the
/// lower index), which makes the embedding deterministic (scikit-learn's <c>svd_flip</c> orients by U instead; the
/// subspace and every distance are the same).</para>
/// Fitting runs in float64 on the CPU; <see cref="Transform"/> runs on the input's device.
/// </summary>
public sealed class PrincipalComponents : IDisposable
{
    private PrincipalComponents(Tensor mean, Tensor components, double[] variances, double totalVariance)
    {
        Mean = mean;
        Components = components;
        ExplainedVariance = variances;
        ExplainedVarianceRatio = variances.Select(v => totalVariance > 0 ? v / totalVariance : 0).ToArray();
    }

    /// <summary>The mean μ of the fitted points, [d] float64 on the CPU.</summary>
    public Tensor Mean { get; }

    /// <summary>The orthonormal components V_k, [k, d] float64 on the CPU, largest variance first.</summary>
    public Tensor Components { get; }

    /// <summary>Number of components k.</summary>
    public int Count => (int)Components.shape[0];

    /// <summary>Dimension d of the points.</summary>
    public int Dimension => (int)Components.shape[1];

    /// <summary>Variance of the fitted points along each kept component, s_j² / (n − 1).</summary>
    public IReadOnlyList<double> ExplainedVariance { get; }

    /// <summary>Share of the total variance along each kept component.</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio { get; }

    /// <summary>Fits the mean and the top <paramref name="components"/> principal directions.</summary>
    /// <param name="points">[n, d] floating point, finite, n ≥ 2 (any further dimensions are flattened into d).</param>
    /// <param name="components">k, 1 ≤ k ≤ min(n, d).</param>
    public static PrincipalComponents Fit(Tensor points, int components)
    {
        Guard.NotNull(points, nameof(points));
        if (points.dim() < 2 || points.shape[0] < 2 || !points.is_floating_point())
            throw new ArgumentException($"points must be a floating-point tensor [n, d] with n ≥ 2; got {points.dtype} [{string.Join(", ", points.shape)}].", nameof(points));
        using var scope = NewDisposeScope();
        var x = points.detach().flatten(1).to(ScalarType.Float64, CPU);
        long n = x.shape[0], d = x.shape[1];
        if (!x.isfinite().all().item<bool>()) throw new ArgumentException("points must be finite (no NaN or infinity).", nameof(points));
        if (components < 1 || components > Math.Min(n, d))
            throw new ArgumentOutOfRangeException(nameof(components), components, $"components must lie in [1, {Math.Min(n, d)}] for {n} points of dimension {d}.");
        var mean = x.mean([0]);
        var centred = x - mean;
        var (_, singular, vt) = linalg.svd(centred, fullMatrices: false);
        var kept = vt[..components].clone();
        // Orient each component so that its largest-magnitude coordinate is positive.
        var largest = kept.abs().argmax(1, keepdim: true);
        var signs = kept.gather(1, largest).sign();
        kept = kept * signs.where(signs.ne(0), ones_like(signs));
        var squares = singular.square().data<double>().ToArray();
        double total = squares.Sum() / (n - 1);
        var variances = squares.Take(components).Select(s => s / (n - 1)).ToArray();
        return new PrincipalComponents(mean.MoveToOuterDisposeScope(), kept.MoveToOuterDisposeScope(), variances, total);
    }

    /// <summary>z = V_k (x − μ): [m, k] in the input's floating dtype, on the input's device.</summary>
    /// <param name="points">[m, d] floating point (further dimensions are flattened into d).</param>
    public Tensor Transform(Tensor points)
    {
        Guard.NotNull(points, nameof(points));
        if (points.dim() < 2 || !points.is_floating_point())
            throw new ArgumentException($"points must be a floating-point tensor [m, {Dimension}]; got {points.dtype} [{string.Join(", ", points.shape)}].", nameof(points));
        using var scope = NewDisposeScope();
        var x = points.detach().flatten(1);
        if (x.shape[1] != Dimension)
            throw new ArgumentException($"points must have dimension {Dimension} (the fitted one); got {x.shape[1]}.", nameof(points));
        var mean = Mean.to(x.dtype, x.device);
        var basis = Components.to(x.dtype, x.device);
        return (x - mean).matmul(basis.t()).MoveToOuterDisposeScope();
    }

    /// <summary><see cref="Transform"/> as nested float64 rows, the form <see cref="KMeans.Fit"/> takes.</summary>
    public double[][] TransformRows(Tensor points)
    {
        using var scope = NewDisposeScope();
        var z = Transform(points).to(ScalarType.Float64, CPU).contiguous();
        var flat = z.data<double>().ToArray();
        int k = Count;
        return Enumerable.Range(0, (int)z.shape[0]).Select(r => flat.AsSpan(r * k, k).ToArray()).ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Mean.Dispose();
        Components.Dispose();
    }
}
