using static TorchSharp.torch;

namespace DebiasKit.Projections;

/// <summary>
/// The calibrated projection of Chuang, Jampani, Li, Torralba and Jegelka (2023), "Debiasing vision-language models via
/// biased prompts" (arXiv:2302.00070), applied to text embeddings only.
/// <para>
/// Two ingredients, both from prompt embeddings (one per row): the <em>bias prompts</em> A (e.g. "a photo of a male",
/// "a photo of a female"), whose span is the biased subspace, give P₀ = I − A(AᵀA)⁻¹Aᵀ (<see cref="OrthogonalProjection"/>,
/// with A's columns the prompts); and a set S of <em>prompt pairs</em> (zᵢ, zⱼ) that differ only in the spurious attribute
/// ("a photo of a male doctor" / "a photo of a female doctor"). The calibrated matrix minimises
/// ‖P − P₀‖²_F + (λ/|S|) Σ_{(i,j)∈S} ‖P zᵢ − P zⱼ‖², whose closed form is
/// </para>
/// <para>P* = P₀ (I + λ M)⁻¹,   M = (1/|S|) Σ_{(i,j)∈S} (zᵢ − zⱼ)(zᵢ − zⱼ)ᵀ.</para>
/// <para>
/// A text embedding z becomes P* z (rows: Z P*ᵀ); the zero-shot classifier re-normalises it. P* is not symmetric in
/// general, and for λ = 0 it equals P₀.
/// </para>
/// <para>
/// Checked against the authors' reference code (github.com/chingyaoc/debias_vl, discriminative/main.py and
/// generative/main.py, read through the kit's search tool): <c>get_M</c> averages (zᵢ−zⱼ)(zᵢ−zⱼ)ᵀ over the pairs, then
/// <c>P = P0 @ inv(lam * M + I)</c> and the prompts are mapped by <c>z @ P.T</c> and re-normalised; the defaults are
/// λ = 1000 for zero-shot classification and λ = 500 for Stable Diffusion (where P₀ is left out). The reference builds
/// P₀ from an orthonormal basis of the bias prompts (TruncatedSVD components) — the same subspace and so the same P₀
/// as A(AᵀA)⁻¹Aᵀ whenever the prompts are linearly independent, which <see cref="OrthogonalProjection"/> requires. All
/// prompt embeddings are L2-normalised first, in the reference and here (<see cref="Fit"/> normalises its inputs).
/// </para>
/// </summary>
public sealed class CalibratedProjection : IVectorTransform
{
    private Tensor? matrix; // [d, d] float64

    /// <summary>True once <see cref="Fit"/> has run.</summary>
    public bool IsFitted => matrix is not null;

    /// <summary>The calibration weight λ of the last fit.</summary>
    public double Lambda { get; private set; }

    /// <inheritdoc />
    public int Dimension => (int)Matrix.shape[0];

    /// <summary>P* (d × d, float64). The fitted tensor itself: do not dispose or modify it.</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="Fit"/>.</exception>
    public Tensor Matrix => matrix ?? throw new InvalidOperationException("Call Fit before using the projection.");

    /// <summary>
    /// Fits P* = P₀ (I + λ M)⁻¹. Every input row is L2-normalised first (as the reference normalises prompt embeddings).
    /// </summary>
    /// <param name="biasPrompts">Embeddings of prompts that describe the bias, [k, d] (1 ≤ k ≤ d, linearly independent).</param>
    /// <param name="pairFirst">First prompt of each pair in S, [m, d] (m ≥ 1).</param>
    /// <param name="pairSecond">Second prompt of each pair in S, [m, d], differing from the first only in the attribute.</param>
    /// <param name="lambda">Calibration weight λ ≥ 0 (reference default 1000); λ = 0 gives P₀.</param>
    /// <exception cref="ArgumentException">Wrong shapes, dimension mismatch, NaN, empty sets, λ &lt; 0, dependent bias prompts.</exception>
    public CalibratedProjection Fit(Tensor biasPrompts, Tensor pairFirst, Tensor pairSecond, double lambda = 1000)
    {
        using (NewDisposeScope()) VectorChecks.Rows(biasPrompts, nameof(biasPrompts), minRows: 1);
        long d = biasPrompts.shape[1];
        using (NewDisposeScope()) VectorChecks.Rows(pairFirst, nameof(pairFirst), d, minRows: 1);
        using (NewDisposeScope()) VectorChecks.Rows(pairSecond, nameof(pairSecond), d, minRows: 1);
        if (pairSecond.shape[0] != pairFirst.shape[0])
            throw new ArgumentException($"pairSecond must hold one prompt per row of pairFirst ({pairFirst.shape[0]}); it holds {pairSecond.shape[0]}.", nameof(pairSecond));
        if (!(lambda >= 0) || double.IsInfinity(lambda))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "lambda must be a non-negative finite number.");
        CheckNonZero(biasPrompts, nameof(biasPrompts));
        CheckNonZero(pairFirst, nameof(pairFirst));
        CheckNonZero(pairSecond, nameof(pairSecond));

        using var scope = NewDisposeScope();
        if (biasPrompts.shape[0] > d)
            throw new ArgumentException($"biasPrompts holds {biasPrompts.shape[0]} prompts in dimension {d}; at most {d} can be linearly independent.", nameof(biasPrompts));
        OrthogonalProjection p0Fit;
        try
        {
            p0Fit = new OrthogonalProjection().Fit(VectorChecks.UnitRows(biasPrompts));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"biasPrompts must be linearly independent (AᵀA invertible): {e.Message}", nameof(biasPrompts), e);
        }
        var p0 = p0Fit.Matrix;
        p0Fit.Basis.Dispose();
        var diff = VectorChecks.UnitRows(pairFirst) - VectorChecks.UnitRows(pairSecond).to(p0.device);   // [m, d]
        var m = diff.T.matmul(diff) / pairFirst.shape[0];                                                // (1/|S|) Σ δδᵀ
        var g = eye(d, dtype: ScalarType.Float64, device: p0.device) + lambda * m;                        // symmetric positive definite
        // P* = P₀ G⁻¹, computed as the solution X of G Xᵀ = P₀ᵀ (G is symmetric), without forming G⁻¹.
        var result = linalg.solve(g, p0.T).T.contiguous();
        matrix?.Dispose();
        matrix = result.DetachFromDisposeScope();
        Lambda = lambda;
        return this;
    }

    /// <inheritdoc />
    public Tensor Transform(Tensor vectors, bool inPlace = false)
    {
        var p = Matrix;
        using (NewDisposeScope()) VectorChecks.Rows(vectors, nameof(vectors), p.shape[0]);
        Tensor result;
        using (NewDisposeScope())
        {
            var x = vectors.detach();
            // In the input's dtype: a float32 vocabulary is multiplied in float32 (as the reference does), float64 stays exact.
            result = x.matmul(p.to(x.dtype, x.device).T).MoveToOuterDisposeScope();
        }
        return VectorTransforms.Finish(vectors, result, inPlace);
    }

    private static void CheckNonZero(Tensor rows, string name)
    {
        using var norms = rows.detach().to(ScalarType.Float64).norm(1);
        using var min = norms.min();
        if (min.item<double>() < 1e-12)
            throw new ArgumentException($"{name} has a zero row; every prompt embedding needs a direction.", name);
    }
}
