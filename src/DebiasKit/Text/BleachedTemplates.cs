namespace DebiasKit.Text;

/// <summary>
/// Semantically bleached sentence templates in the style of SEAT (May et al., 2019, "On measuring social biases in
/// sentence encoders"): each word of a WEAT set is placed in short sentences that add no meaning of their own
/// ("this is math.", "math is here."), so that a sentence-level association test measures the word's association.
/// Our own small template set (the paper's lists also use articles and plural forms); the same templates for every word.
/// </summary>
public static class BleachedTemplates
{
    /// <summary>The templates, "{0}" standing for the word.</summary>
    public static IReadOnlyList<string> Templates { get; } =
        ["this is {0}.", "that is {0}.", "there is {0}.", "here is {0}.", "{0} is here.", "{0} is there."];

    /// <summary>Every template filled with every word, word-major.</summary>
    public static IReadOnlyList<string> Fill(IEnumerable<string> words)
    {
        Guard.NotNull(words, nameof(words));
        var list = words.ToList();
        if (list.Count == 0) throw new ArgumentException("words must hold at least one word.", nameof(words));
        return list.SelectMany(w => Templates.Select(t => string.Format(System.Globalization.CultureInfo.InvariantCulture, t, w))).ToList();
    }
}
