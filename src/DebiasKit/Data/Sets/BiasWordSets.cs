namespace DebiasKit.Data;

/// <summary>
/// Manzini et al.'s (2019) word lists for one bias type, restricted to the words of a vocabulary: the defining sets, the
/// class words MAC is measured on, the stereotype sets per class, the test terms, and the words that carry the attribute
/// by definition (never neutralised). Words missing from the vocabulary are dropped and listed in <see cref="Dropped"/>,
/// so that a notebook can say exactly what it left out.
/// </summary>
/// <param name="Bias">"gender", "race" or "religion".</param>
/// <param name="Defining">Defining sets with at least two words present.</param>
/// <param name="Targets">The class words (MAC targets), distinct.</param>
/// <param name="Attributes">Stereotype words per class (MAC attribute sets).</param>
/// <param name="TestTerms">Test terms that are not attribute-specific (the words whose direct bias is measured).</param>
/// <param name="Specific">Attribute-specific words: the specific list of the bias type plus every defining and target word.</param>
/// <param name="Dropped">One line per list that lost words: "list: word, word".</param>
public sealed record BiasWordSets(string Bias, IReadOnlyList<IReadOnlyList<string>> Defining, IReadOnlyList<string> Targets,
    IReadOnlyList<IReadOnlyList<string>> Attributes, IReadOnlyList<string> TestTerms, IReadOnlyList<string> Specific, IReadOnlyList<string> Dropped)
{
    /// <summary>Caliskan et al.'s WEAT tests of this bias type (gender: 6–8, race: 3–5; none was published for religion).</summary>
    public IReadOnlyList<string> WeatTestIds => Bias switch
    {
        "gender" => ["weat6", "weat7", "weat8"],
        "race" => ["weat3", "weat4", "weat5"],
        _ => [],
    };

    /// <summary>The lists of <paramref name="bias"/> restricted to <paramref name="embeddings"/>.</summary>
    public static BiasWordSets For(WordEmbeddings embeddings, string bias, string? dataDirectory = null)
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        var dropped = new List<string>();
        IReadOnlyList<string> Present(IEnumerable<string> words, string what)
        {
            var list = words.Distinct(StringComparer.Ordinal).ToList();
            var missing = embeddings.Missing(list);
            if (missing.Count > 0) dropped.Add($"{bias} {what}: {string.Join(", ", missing)}");
            return list.Where(embeddings.Contains).ToList();
        }
        var definingRaw = WordLists.DefiningSets(bias, dataDirectory);
        var targetsRaw = WordLists.EvaluationTargets(bias, dataDirectory).SelectMany(s => s);
        var defining = definingRaw.Select((s, i) => Present(s, $"defining set {i + 1}")).Where(s => s.Count >= 2).ToList();
        var targets = Present(targetsRaw, "MAC targets");
        var attributes = WordLists.StereotypeWords(bias, dataDirectory).Select(c => Present(c.Words, $"stereotypes of {c.Class}")).ToList();
        var specific = WordLists.SpecificWords(bias, dataDirectory).Concat(definingRaw.SelectMany(s => s)).Concat(targetsRaw)
            .Where(embeddings.Contains).Distinct(StringComparer.Ordinal).ToList();
        var specificSet = specific.ToHashSet(StringComparer.Ordinal);
        var terms = Present(WordLists.TestTerms(bias, dataDirectory), "test terms").Where(w => !specificSet.Contains(w)).ToList();
        return new BiasWordSets(bias, defining, targets, attributes, terms, specific, dropped);
    }
}
