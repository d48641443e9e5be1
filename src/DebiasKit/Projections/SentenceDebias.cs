using static TorchSharp.torch;

namespace DebiasKit.Projections;

/// <summary>
/// SentenceDebias (Liang et al., 2020, "Towards debiasing sentence representations"): sentences are written in
/// counterfactual versions that differ only in the attribute word ("he is a doctor." / "she is a doctor."), encoded, and
/// the bias subspace V is the top-k principal directions of the version-centred encodings (the same construction as
/// <see cref="BiasSubspace"/>, one defining set per sentence). Debiasing removes the subspace from any sentence
/// representation: h′ = h − Σ_j ⟨h, v_j⟩ v_j (no renormalisation).
/// </summary>
public sealed class SentenceDebias : IVectorTransform
{
    private BiasSubspace? subspace;

    /// <summary>The fitted subspace.</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="Fit(IReadOnlyList{Tensor}, int)"/>.</exception>
    public BiasSubspace Subspace => subspace ?? throw new InvalidOperationException("Call Fit before using SentenceDebias.");

    /// <inheritdoc />
    public int Dimension => Subspace.Dimension;

    /// <summary>
    /// Fits the subspace to counterfactual versions: one [versions, d] tensor per sentence (versions ≥ 2, the same
    /// sentence with each attribute word).
    /// </summary>
    public SentenceDebias Fit(IReadOnlyList<Tensor> counterfactuals, int k = 1)
    {
        subspace = BiasSubspace.Fit(counterfactuals, k);
        return this;
    }

    /// <summary>Fits the subspace to paired encodings: row i of <paramref name="first"/> and of <paramref name="second"/> are the two versions of sentence i.</summary>
    public SentenceDebias Fit(Tensor first, Tensor second, int k = 1)
    {
        VectorChecks.Rows(first, nameof(first), minRows: 1);
        VectorChecks.Rows(second, nameof(second), first.shape[1]);
        if (second.shape[0] != first.shape[0])
            throw new ArgumentException($"second must hold one version per row of first ({first.shape[0]} rows); it has {second.shape[0]}.", nameof(second));
        using var scope = NewDisposeScope();
        var sets = Enumerable.Range(0, (int)first.shape[0]).Select(i => stack([first[i], second[i]])).ToList();
        return Fit(sets, k);
    }

    /// <inheritdoc />
    public Tensor Transform(Tensor vectors, bool inPlace = false) => Subspace.Transform(vectors, inPlace);
}
