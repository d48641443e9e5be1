using DebiasKit.Data;
using static TorchSharp.torch;

namespace DebiasKit.Projections;

/// <summary>
/// A bias subspace found by principal component analysis of defining sets (Bolukbasi et al., 2016, "Man is to computer
/// programmer as woman is to homemaker?"; multiclass: Manzini et al., 2019, "Black is to criminal as caucasian is to
/// police"). Each defining set holds words that differ only in the protected attribute ({she, he}; {black, caucasian,
/// asian}); every vector is centred on its own set's mean, the centred vectors of all sets are stacked, and the bias
/// subspace is spanned by the top k principal directions of that stack.
/// <para>Variant pinned: PCA over the set-centred vectors, as in the code of Bolukbasi et al. (debiaswe <c>doPCA</c>)
/// and Manzini et al. (<c>identify_bias_subspace</c>), not the paper text's PCA over raw pair differences. The stack
/// has mean zero already, so re-centring (as scikit-learn's PCA does) changes nothing.
/// Sign pinned: each component is oriented so that the first defining set's first word minus its second word has a
/// non-negative coordinate on it (with the kit's gender pairs, "she − he" points along +direction).</para>
/// <para>Sentence-level use (SentenceDebias, Liang et al., 2020) is the same construction over the embeddings of
/// counterfactual sentences; see <see cref="SentenceDebias"/>.</para>
/// </summary>
public sealed class BiasSubspace : IVectorTransform
{
    private BiasSubspace(Tensor components, double[] varianceRatios)
    {
        Components = components;
        AllVarianceRatios = varianceRatios;
    }

    /// <summary>Orthonormal components [k, d] (float64), the first one the bias direction.</summary>
    public Tensor Components { get; }

    /// <summary>Number of components k.</summary>
    public int K => (int)Components.shape[0];

    /// <inheritdoc />
    public int Dimension => (int)Components.shape[1];

    /// <summary>Share of the set-centred variance explained by each kept component.</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio => AllVarianceRatios.Take(K).ToArray();

    /// <summary>Share of variance of every principal component of the stack (for a scree plot), largest first.</summary>
    public IReadOnlyList<double> AllVarianceRatios { get; }

    /// <summary>The bias direction (first component) as a [d] float64 tensor (a new tensor).</summary>
    public Tensor Direction()
    {
        using var row = Components[0];
        return row.clone();
    }

    /// <summary>
    /// Fits the subspace to defining sets given as vectors: each element of <paramref name="definingSets"/> is an
    /// [m, d] tensor (m ≥ 2) of the vectors of one set.
    /// </summary>
    /// <param name="definingSets">At least one set; all of the same dimension d.</param>
    /// <param name="k">Components to keep, 1 ≤ k ≤ the rank of the set-centred stack.</param>
    public static BiasSubspace Fit(IReadOnlyList<Tensor> definingSets, int k = 1)
    {
        Guard.NotNull(definingSets, nameof(definingSets));
        if (definingSets.Count == 0) throw new ArgumentException("definingSets must hold at least one defining set.", nameof(definingSets));
        long d = -1;
        for (int i = 0; i < definingSets.Count; i++)
        {
            VectorChecks.Rows(definingSets[i], $"{nameof(definingSets)}[{i}]", d < 0 ? null : d);
            if (definingSets[i].shape[0] < 2)
                throw new ArgumentException($"definingSets[{i}] holds {definingSets[i].shape[0]} vector(s); a defining set needs at least two (one per attribute value).", nameof(definingSets));
            d = definingSets[i].shape[1];
        }
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");

        using var scope = NewDisposeScope();
        var centred = cat(definingSets.Select(s => { var x = s.detach().to(ScalarType.Float64, CPU); return x - x.mean([0], keepdim: true); }).ToArray(), 0);
        var (_, singular, vt) = linalg.svd(centred, fullMatrices: false);
        var variance = singular.square();
        double total = variance.sum().item<double>();
        var ratios = (variance / Math.Max(total, 1e-300)).data<double>().ToArray();
        int rank = ratios.Count(r => r > 1e-12);
        if (rank == 0) throw new ArgumentException("definingSets are singular: within every set all vectors are equal, so there is no bias direction to find.", nameof(definingSets));
        if (k > rank) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be at most {rank}, the rank of the set-centred defining vectors ({centred.shape[0]} vectors in dimension {d}).");

        var components = vt[..k].clone();
        var first = definingSets[0].detach().to(ScalarType.Float64, CPU);
        var reference = first[0] - first[1];
        var signs = components.matmul(reference).sign();
        signs = where(signs.eq(0), ones_like(signs), signs);
        components = (components * signs.unsqueeze(1)).contiguous();
        // Fitted state outlives every dispose scope of the caller.
        return new BiasSubspace(components.DetachFromDisposeScope(), ratios);
    }

    /// <summary>
    /// Fits the subspace to defining sets of words looked up in <paramref name="embeddings"/>; every word must be in
    /// the vocabulary (a <see cref="MissingWordsException"/> names all missing ones). With <paramref name="normalize"/>
    /// (the default, as Bolukbasi et al. and Manzini et al. do) each vector is scaled to unit length first.
    /// </summary>
    public static BiasSubspace Fit(WordEmbeddings embeddings, IEnumerable<IReadOnlyList<string>> definingSets, int k = 1, bool normalize = true)
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        Guard.NotNull(definingSets, nameof(definingSets));
        var sets = definingSets.ToList();
        var missing = embeddings.Missing(sets.SelectMany(s => s));
        if (missing.Count > 0) throw new MissingWordsException(missing, embeddings.Count);
        using var scope = NewDisposeScope();
        var tensors = sets.Select(s => normalize ? VectorChecks.UnitRows(embeddings.Matrix(s)) : embeddings.Matrix(s)).ToList();
        return Fit(tensors, k);
    }

    /// <summary>
    /// A subspace spanned by given directions ([k, d], linearly independent; orthonormalised here, first direction kept
    /// as the first component), for example the image of a fitted subspace under a learned map. Explained-variance
    /// ratios are not defined for it and are reported as NaN.
    /// </summary>
    public static BiasSubspace FromDirections(Tensor directions)
    {
        var orthogonal = new OrthogonalProjection().Fit(directions); // validates: finite, non-empty, independent
        using var scope = NewDisposeScope();
        var basis = orthogonal.Basis.clone();
        orthogonal.Basis.Dispose();
        // QR may flip signs: orient each component like the direction it came from.
        var signs = (basis * directions.detach().to(ScalarType.Float64, basis.device)).sum(1).sign();
        signs = where(signs.eq(0), ones_like(signs), signs);
        var components = (basis * signs.unsqueeze(1)).contiguous().DetachFromDisposeScope();
        return new BiasSubspace(components, Enumerable.Repeat(double.NaN, (int)components.shape[0]).ToArray());
    }

    /// <summary>Coordinates of every row of <paramref name="vectors"/> on the components: x Bᵀ, [n, k], in the input's dtype.</summary>
    public Tensor Coordinates(Tensor vectors)
    {
        VectorChecks.Rows(vectors, nameof(vectors), Dimension);
        using var scope = NewDisposeScope();
        var x = vectors.detach();
        return x.matmul(Components.to(x.dtype, x.device).T).MoveToOuterDisposeScope();
    }

    /// <summary>The component of every row in the subspace, x_B = x Bᵀ B, [n, d], in the input's dtype.</summary>
    public Tensor Project(Tensor vectors)
    {
        VectorChecks.Rows(vectors, nameof(vectors), Dimension);
        using var scope = NewDisposeScope();
        var x = vectors.detach();
        var b = Components.to(x.dtype, x.device);
        return x.matmul(b.T).matmul(b).MoveToOuterDisposeScope();
    }

    /// <summary>Removes the subspace component of every row: x − x_B (the SentenceDebias step, no renormalisation).</summary>
    public Tensor Transform(Tensor vectors, bool inPlace = false)
    {
        VectorChecks.Rows(vectors, nameof(vectors), Dimension);
        return VectorTransforms.Finish(vectors, Remove(vectors), inPlace);
    }

    /// <summary>x − (x Bᵀ) B for rows already checked, in the input's dtype: one fused multiply-add, no [n, d] temporary besides the result.</summary>
    internal Tensor Remove(Tensor vectors)
    {
        using var scope = NewDisposeScope();
        var x = vectors.detach();
        var b = Components.to(x.dtype, x.device);
        return x.addmm(x.matmul(b.T), b, beta: 1, alpha: -1).MoveToOuterDisposeScope();
    }
}
