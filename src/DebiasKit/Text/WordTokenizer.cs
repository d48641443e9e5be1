using System.Text.RegularExpressions;

namespace DebiasKit.Text;

/// <summary>
/// Lower-cases a sentence and splits it into words the way GloVe's vocabulary spells them: runs of letters and digits,
/// keeping inner apostrophes and hyphens ("don't", "well-known"). Punctuation is dropped.
/// </summary>
public static partial class WordTokenizer
{
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")]
    private static partial Regex Word();

    /// <summary>The words of <paramref name="sentence"/>, lower-cased, in order.</summary>
    public static IReadOnlyList<string> Tokenize(string sentence)
    {
        Guard.NotNull(sentence, nameof(sentence));
        return Word().Matches(sentence.ToLowerInvariant()).Select(m => m.Value.Replace('’', '\'')).ToList();
    }
}
