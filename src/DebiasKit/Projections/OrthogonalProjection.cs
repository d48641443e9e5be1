using static TorchSharp.torch;

namespace DebiasKit.Projections;

/// <summary>
/// Orthogonal projection onto the complement of the span of some directions (for example a bias subspace):
/// P₀ = I − A (AᵀA)⁻¹ Aᵀ, where the columns of A are the directions. Transforming a vector removes its component in
/// span(A) and keeps everything orthogonal to it; P₀ is symmetric and idempotent.
/// Used by "Debiasing vision-language models via biased prompts" (Chuang et al., 2023) as its uncalibrated projection
/// and as the building block of iterative nullspace projection (Ravfogel et al., 2020).
/// <para>The fit stores an orthonormal basis Q of span(A) (QR in float64), so that <see cref="Transform"/> computes
/// x − (x Qᵀ) Q: the same map as x P₀ but with k·d instead of d² work per vector, which is what makes it fast on a
/// 50,000-word vocabulary.</para>
/// </summary>
public sealed class OrthogonalProjection : IVectorTransform
{
    private Tensor? basis; // [k, d] float64, orthonormal rows spanning the removed directions

    /// <summary>True once <see cref="Fit"/> has run.</summary>
    public bool IsFitted => basis is not null;

    /// <inheritdoc />
    public int Dimension => (int)Basis.shape[1];

    /// <summary>Orthonormal rows [k, d] (float64) spanning the removed directions.</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="Fit"/>.</exception>
    public Tensor Basis => basis ?? throw new InvalidOperationException("Call Fit before using the projection.");

    /// <summary>The projection matrix P₀ = I − QᵀQ (d × d, float64; a new tensor on each call).</summary>
    public Tensor Matrix
    {
        get
        {
            using var scope = NewDisposeScope();
            var q = Basis;
            return (eye(q.shape[1], dtype: ScalarType.Float64, device: q.device) - q.T.matmul(q)).MoveToOuterDisposeScope();
        }
    }

    /// <summary>Learns P₀ from <paramref name="directions"/>, one direction per row ([k, d], 1 ≤ k ≤ d, linearly independent).</summary>
    /// <exception cref="ArgumentException">Empty, non-finite or linearly dependent directions.</exception>
    public OrthogonalProjection Fit(Tensor directions)
    {
        VectorChecks.Rows(directions, nameof(directions), minRows: 1);
        long k = directions.shape[0], d = directions.shape[1];
        if (k > d) throw new ArgumentException($"directions holds {k} directions in dimension {d}; at most {d} can be linearly independent.", nameof(directions));
        using var scope = NewDisposeScope();
        var a = directions.detach().to(ScalarType.Float64);
        var singular = linalg.svdvals(a);
        double largest = singular[0].item<double>(), smallest = singular[k - 1].item<double>();
        if (!(smallest > 1e-10 * Math.Max(largest, 1e-300)))
            throw new ArgumentException($"directions must be linearly independent and non-zero; their singular values run from {largest:G4} down to {smallest:G4} (AᵀA is singular).", nameof(directions));
        var (q, _) = linalg.qr(a.T); // columns of q: orthonormal basis of span(A)
        basis?.Dispose();
        basis = q.T.contiguous().DetachFromDisposeScope(); // fitted state outlives the caller's dispose scopes
        return this;
    }

    /// <inheritdoc />
    public Tensor Transform(Tensor vectors, bool inPlace = false)
    {
        var q = Basis;
        VectorChecks.Rows(vectors, nameof(vectors), q.shape[1]);
        using var scope = NewDisposeScope();
        var x = vectors.detach();
        var qx = q.to(x.dtype, x.device);
        var result = x.addmm(x.matmul(qx.T), qx, beta: 1, alpha: -1).MoveToOuterDisposeScope(); // x − (x Qᵀ) Q, fused
        return VectorTransforms.Finish(vectors, result, inPlace);
    }
}
