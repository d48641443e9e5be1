using DebiasKit.Data;

namespace DebiasKit.Text;

/// <summary>A sentence and its counterfactual: the same words with every attribute word swapped for its counterpart.</summary>
/// <param name="Original">The sentence's words joined by single spaces (lower-cased, see <see cref="WordTokenizer"/>).</param>
/// <param name="Swapped">The same with each attribute word replaced.</param>
/// <param name="Direction">+1 when the original's attribute words are all of the first kind (e.g. female), −1 when all of the second, 0 when mixed.</param>
public sealed record CounterfactualPair(string Original, string Swapped, int Direction);

/// <summary>
/// Counterfactual data for sentence-level debiasing (Liang et al., 2020, "Towards debiasing sentence representations"):
/// real sentences that mention an attribute word are rewritten with every attribute word swapped for its counterpart
/// ("he bought it for his son" ↔ "she bought it for her daughter"), so that the two versions differ only in the
/// attribute. The swap works on the tokenised, lower-cased words; a word that appears in several pairs takes the first.
/// </summary>
public static class Counterfactuals
{
    /// <summary>The counterfactual pair of every sentence of <paramref name="sentences"/> that contains an attribute word.</summary>
    public static IReadOnlyList<CounterfactualPair> Pairs(IEnumerable<string> sentences, IReadOnlyList<GenderPair> pairs)
    {
        Guard.NotNull(sentences, nameof(sentences));
        Guard.NotNull(pairs, nameof(pairs));
        if (pairs.Count == 0) throw new ArgumentException("pairs must hold at least one attribute pair.", nameof(pairs));
        var swap = new Dictionary<string, (string Other, int Side)>(StringComparer.Ordinal);
        foreach (var p in pairs)
        {
            if (string.IsNullOrWhiteSpace(p.Female) || string.IsNullOrWhiteSpace(p.Male) || p.Female == p.Male)
                throw new ArgumentException($"pairs holds an invalid pair ('{p.Female}', '{p.Male}'): two different words are needed.", nameof(pairs));
            swap.TryAdd(p.Female.ToLowerInvariant(), (p.Male.ToLowerInvariant(), +1));
            swap.TryAdd(p.Male.ToLowerInvariant(), (p.Female.ToLowerInvariant(), -1));
        }
        var result = new List<CounterfactualPair>();
        foreach (var sentence in sentences)
        {
            if (sentence is null) throw new ArgumentException("sentences contains null.", nameof(sentences));
            var words = WordTokenizer.Tokenize(sentence);
            var swapped = new string[words.Count];
            var sides = new HashSet<int>();
            for (int i = 0; i < words.Count; i++)
            {
                if (swap.TryGetValue(words[i], out var s)) { swapped[i] = s.Other; sides.Add(s.Side); }
                else swapped[i] = words[i];
            }
            if (sides.Count == 0) continue;
            result.Add(new CounterfactualPair(string.Join(' ', words), string.Join(' ', swapped), sides.Count == 1 ? sides.First() : 0));
        }
        return result;
    }
}
