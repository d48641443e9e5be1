using DebiasKit.Data;
using static TorchSharp.torch;

namespace DebiasKit.Metrics;

/// <summary>One analogy question a : b :: c : d, answered correctly when the search returns d.</summary>
public sealed record Analogy(string A, string B, string C, string D);

/// <summary>
/// Analogy accuracy with 3CosAdd (Mikolov et al., 2013): the answer to a : b :: c : ? is the vocabulary word (a, b and c
/// excluded) with the largest cosine to b − a + c, all vectors scaled to unit length. A utility check for debiasing:
/// analogies that rely on the protected attribute (man : woman :: king : queen) should survive a transform that keeps
/// the attribute in attribute-specific words.
/// </summary>
public static class Analogies
{
    /// <summary>
    /// Gender analogies male₁ : female₁ :: male₂ : female₂ over Bolukbasi et al.'s equalise pairs: the first
    /// <paramref name="pairs"/> pairs whose words are both among the first <paramref name="searchWords"/> words, every
    /// ordered combination of two different pairs.
    /// </summary>
    public static IReadOnlyList<Analogy> GenderPairs(WordEmbeddings embeddings, int pairs = 20, int searchWords = 20_000)
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        Guard.Positive(pairs, nameof(pairs));
        bool Frequent(string w) => embeddings.Contains(w) && embeddings.IndexOf(w) < searchWords;
        var chosen = WordLists.GenderEqualizePairs().Where(p => Frequent(p.Female) && Frequent(p.Male)).Take(pairs).ToList();
        return (from a in chosen from c in chosen where a != c select new Analogy(a.Male, a.Female, c.Male, c.Female)).ToList();
    }

    /// <summary>Share of <paramref name="questions"/> answered correctly, searching the first <paramref name="searchWords"/> words of the vocabulary (all when null).</summary>
    public static double Accuracy(WordEmbeddings embeddings, IReadOnlyList<Analogy> questions, int? searchWords = null)
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        Guard.NotNull(questions, nameof(questions));
        if (questions.Count == 0) throw new ArgumentException("questions must hold at least one analogy.", nameof(questions));
        var missing = embeddings.Missing(questions.SelectMany(q => new[] { q.A, q.B, q.C, q.D }));
        if (missing.Count > 0) throw new MissingWordsException(missing, embeddings.Count);
        int n = searchWords ?? embeddings.Count;
        Guard.InRange(n, 1, embeddings.Count, nameof(searchWords));
        using var scope = NewDisposeScope();
        var all = embeddings.ToTensor()[..n];
        var unit = all / all.norm(1, keepdim: true).clamp_min(1e-12);
        var words = questions.SelectMany(q => new[] { q.A, q.B, q.C }).Distinct().ToList();
        var lookup = embeddings.Matrix(words);
        lookup = lookup / lookup.norm(1, keepdim: true).clamp_min(1e-12);
        var row = words.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => (long)p.i);
        var queries = stack(questions.Select(q => lookup[row[q.B]] - lookup[row[q.A]] + lookup[row[q.C]]).ToArray());
        var scores = queries.matmul(unit.T);
        // The question's own words a, b, c are never an answer: mask them all in one indexed write.
        var masked = questions.SelectMany((q, i) => new[] { q.A, q.B, q.C }.Select(w => (Row: (long)i, Column: (long)embeddings.IndexOf(w))))
            .Where(p => p.Column < n).ToArray();
        scores.index_put_(tensor(float.NegativeInfinity), tensor(masked.Select(p => p.Row).ToArray()), tensor(masked.Select(p => p.Column).ToArray()));
        var best = scores.argmax(1).data<long>().ToArray();
        int correct = questions.Select((q, i) => embeddings.Words[(int)best[i]] == q.D).Count(x => x);
        return (double)correct / questions.Count;
    }
}
