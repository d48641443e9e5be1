using DebiasKit.Data;
using static TorchSharp.torch;

namespace DebiasKit.Projections;

/// <summary>
/// Hard debias, "neutralise and equalise" (Bolukbasi et al., 2016), binary and multiclass (Manzini et al., 2019).
/// With the bias subspace B (orthonormal rows b_j) and w_B = Σ_j (w·b_j) b_j:
/// <list type="bullet">
/// <item>neutralise a bias-neutral word: w′ = (w − w_B) / ‖w − w_B‖;</item>
/// <item>equalise an equality set E (e.g. {grandmother, grandfather}): μ = mean(E), ν = μ − μ_B, and each w ∈ E becomes
/// w′ = ν + √(1 − ‖ν‖²) · (w_B − μ_B) / ‖w_B − μ_B‖, so every member has the same bias-free part ν and lies at the same
/// distance from every neutralised word.</item>
/// </list>
/// All vectors are first scaled to unit length, as both reference implementations do. For k = 1 and pairs the
/// equalise formula reduces to Bolukbasi et al.'s ±√(1 − ‖ν‖²)·b. The scikit-learn-style object fits the subspace
/// (<see cref="Fit"/>) and transforms a vocabulary (<see cref="Transform(WordEmbeddings, IEnumerable{string}?, IEnumerable{string}?)"/>);
/// the static <see cref="Neutralize"/> and <see cref="Equalize"/> are the pure steps.
/// </summary>
public sealed class HardDebias
{
    private BiasSubspace? subspace;
    private IReadOnlyList<IReadOnlyList<string>> equalitySets = [];

    /// <summary>The fitted bias subspace.</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="Fit"/>.</exception>
    public BiasSubspace Subspace => subspace ?? throw new InvalidOperationException("Call Fit before using HardDebias.");

    /// <summary>The equality sets the transform equalises.</summary>
    public IReadOnlyList<IReadOnlyList<string>> EqualitySets => equalitySets;

    /// <summary>
    /// Fits the bias subspace (k components) to <paramref name="definingSets"/> of unit-length vectors and remembers the
    /// <paramref name="equalitySets"/>. Every word must be in <paramref name="embeddings"/>; missing words are named in a
    /// <see cref="MissingWordsException"/> (filter with <see cref="WordEmbeddings.Contains"/> first and report what you dropped).
    /// </summary>
    public HardDebias Fit(WordEmbeddings embeddings, IReadOnlyList<IReadOnlyList<string>> definingSets, IReadOnlyList<IReadOnlyList<string>> equalitySets, int k = 1)
    {
        Guard.NotNull(equalitySets, nameof(equalitySets));
        for (int i = 0; i < equalitySets.Count; i++)
            if (equalitySets[i] is null || equalitySets[i].Count < 2)
                throw new ArgumentException($"equalitySets[{i}] must hold at least two words.", nameof(equalitySets));
        var missing = embeddings?.Missing(equalitySets.SelectMany(s => s)) ?? [];
        if (missing.Count > 0) throw new MissingWordsException(missing, embeddings!.Count);
        var fitted = BiasSubspace.Fit(embeddings!, definingSets, k);
        subspace = fitted;
        this.equalitySets = equalitySets.Select(s => (IReadOnlyList<string>)s.ToArray()).ToArray();
        return this;
    }

    /// <summary>
    /// Debiases a vocabulary and returns a new one (the input is unchanged): every vector is scaled to unit length, the
    /// neutral words are neutralised, then each equality set is equalised.
    /// </summary>
    /// <param name="embeddings">The vocabulary to debias (same dimension as the fit).</param>
    /// <param name="neutralWords">Words to neutralise; null = every word not in <paramref name="keep"/> and not in an equality set (Bolukbasi et al.'s choice). Missing words are an error.</param>
    /// <param name="keep">Words never neutralised (e.g. the gender-specific words); words absent from the vocabulary are ignored here.</param>
    public WordEmbeddings Transform(WordEmbeddings embeddings, IEnumerable<string>? neutralWords = null, IEnumerable<string>? keep = null)
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        var b = Subspace;
        if (embeddings.Dimension != b.Dimension)
            throw new ArgumentException($"embeddings have dimension {embeddings.Dimension}, but the subspace was fitted in dimension {b.Dimension}.", nameof(embeddings));
        var equalityWords = new HashSet<string>(equalitySets.SelectMany(s => s), StringComparer.Ordinal);
        var missingEquality = embeddings.Missing(equalityWords);
        if (missingEquality.Count > 0) throw new MissingWordsException(missingEquality, embeddings.Count);
        long[]? keptRows = null, neutralRows = null;
        if (neutralWords is null)
        {
            // Neutralise everything except a few kept rows: mark those by lookup instead of hashing every word.
            var kept = new bool[embeddings.Count];
            foreach (var word in (keep ?? []).Concat(equalityWords))
                if (embeddings.Contains(word)) kept[embeddings.IndexOf(word)] = true;
            keptRows = Enumerable.Range(0, embeddings.Count).Where(i => kept[i]).Select(i => (long)i).ToArray();
        }
        else
        {
            var words = neutralWords.Distinct(StringComparer.Ordinal).ToList();
            var missing = embeddings.Missing(words);
            if (missing.Count > 0) throw new MissingWordsException(missing, embeddings.Count);
            var kept = new HashSet<string>(keep ?? [], StringComparer.Ordinal);
            neutralRows = words.Where(w => !kept.Contains(w)).Select(w => (long)embeddings.IndexOf(w)).ToArray();
        }

        using var scope = NewDisposeScope();
        var x = embeddings.ToTensor();
        x.div_(x.norm(1, keepdim: true).clamp_min_(1e-12));
        if (keptRows is not null)
        {
            // The whole matrix in place (no copy of the ~50,000 neutral rows out and back), then the kept rows restored.
            var keptIndex = tensor(keptRows);
            var saved = x.index_select(0, keptIndex);
            var components = b.Components.to(x.dtype, x.device);
            x.addmm_(x.matmul(components.T), components, beta: 1, alpha: -1);
            var norms = x.norm(1, keepdim: true).index_fill_(0, keptIndex, 1);
            if (norms.min().to(ScalarType.Float64).item<double>() < 1e-12)
                throw new ArgumentException("embeddings holds a word to neutralise whose vector lies in the bias subspace, so it has no bias-free part to normalise; add it to keep.", nameof(embeddings));
            x.div_(norms).index_copy_(0, keptIndex, saved);
        }
        else if (neutralRows!.Length > 0)
        {
            var rows = tensor(neutralRows);
            x.index_copy_(0, rows, Neutralize(x.index_select(0, rows), b));
        }
        foreach (var set in equalitySets)
        {
            var rows = tensor(set.Select(w => (long)embeddings.IndexOf(w)).ToArray());
            x.index_copy_(0, rows, Equalize(x.index_select(0, rows), b).to(x.dtype));
        }
        return embeddings.WithVectors(x);
    }

    /// <summary>Neutralises every row: (w − w_B)/‖w − w_B‖, in the input's dtype (a new tensor).</summary>
    /// <exception cref="ArgumentException">A row lies inside the bias subspace (nothing is left to normalise).</exception>
    public static Tensor Neutralize(Tensor vectors, BiasSubspace subspace)
    {
        Guard.NotNull(subspace, nameof(subspace));
        VectorChecks.Rows(vectors, nameof(vectors), subspace.Dimension);
        using var scope = NewDisposeScope();
        var rest = subspace.Remove(vectors);
        var norms = rest.norm(1, keepdim: true);
        if (vectors.shape[0] > 0 && norms.min().to(ScalarType.Float64).item<double>() < 1e-12)
            throw new ArgumentException("vectors contains a row that lies in the bias subspace, so it has no bias-free part to normalise.", nameof(vectors));
        return rest.div_(norms).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Equalises one equality set, given as its unit-length vectors [m, d] (m ≥ 2): returns the new vectors (float64).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two vectors, or a member whose bias part equals the set's mean bias part.</exception>
    public static Tensor Equalize(Tensor set, BiasSubspace subspace)
    {
        Guard.NotNull(subspace, nameof(subspace));
        VectorChecks.Rows(set, nameof(set), subspace.Dimension, minRows: 2);
        using var scope = NewDisposeScope();
        var w = set.detach().to(ScalarType.Float64);
        var mean = w.mean([0], keepdim: true);
        var meanBias = subspace.Project(mean);
        var nu = mean - meanBias;
        double nuSquared = nu.square().sum().item<double>();
        if (nuSquared > 1 + 1e-9)
            throw new ArgumentException($"set must hold unit-length vectors (the bias-free part of their mean has squared length {nuSquared:G4} > 1).", nameof(set));
        var offset = subspace.Project(w) - meanBias;
        var offsetNorm = offset.norm(1, keepdim: true);
        if (offsetNorm.min().item<double>() < 1e-12)
            throw new ArgumentException("set has a member whose bias component equals the set's mean bias component, so it has no side of the subspace to be placed on.", nameof(set));
        return (nu + Math.Sqrt(Math.Max(0, 1 - nuSquared)) * offset / offsetNorm).MoveToOuterDisposeScope();
    }
}
