using System.Text.Json;

namespace DebiasKit.Data;

/// <summary>One labelled sentence: its source site, its text and its sentiment (0 negative, 1 positive).</summary>
public sealed record LabelledSentence(string Domain, string Text, int Label);

/// <summary>
/// UCI Sentiment Labelled Sentences (Kotzias, Denil, de Freitas and Smyth 2015): 1,000 sentences from each of
/// amazon, imdb and yelp, 500 positive and 500 negative per site. See data/sentiment-sentences/NOTICE.md.
/// </summary>
public static class SentimentSentences
{
    /// <summary>The three sites, in the order <see cref="Load"/> returns them.</summary>
    public static IReadOnlyList<string> Domains { get; } = ["amazon", "imdb", "yelp"];

    /// <summary>All 3,000 sentences, site by site; texts trimmed of surrounding white space.</summary>
    public static IReadOnlyList<LabelledSentence> Load(string? dataDirectory = null)
    {
        DataFile[] files = [ShippedFiles.SentimentSentencesAmazon, ShippedFiles.SentimentSentencesImdb, ShippedFiles.SentimentSentencesYelp];
        var sentences = new List<LabelledSentence>(3000);
        for (int d = 0; d < files.Length; d++)
        {
            using var stream = files[d].OpenContent(dataDirectory);
            using var document = JsonDocument.Parse(stream);
            foreach (var item in document.RootElement.EnumerateArray())
            {
                // The files end with one entry of empty text and null class: not a sentence.
                if (item.GetProperty("class").ValueKind != JsonValueKind.Number) continue;
                sentences.Add(new LabelledSentence(Domains[d], item.GetProperty("text").GetString()!.Trim(), item.GetProperty("class").GetInt32()));
            }
        }
        return sentences;
    }

    /// <summary>
    /// The kit's split: 60 % train, 20 % validation, 20 % test, stratified by site and label together, seeded with
    /// <see cref="Splits.StandardSeed"/>.
    /// </summary>
    public static DataSplit StandardSplit(IReadOnlyList<LabelledSentence> sentences)
    {
        Guard.NotNull(sentences, nameof(sentences));
        var domains = Domains.ToList();
        var strata = sentences.Select((s, i) =>
        {
            int domain = domains.IndexOf(s.Domain);
            if (domain < 0 || s.Label is not (0 or 1))
                throw new ArgumentException($"sentences[{i}] has domain '{s.Domain}' and label {s.Label}; expected one of {string.Join(", ", Domains)} and 0 or 1.", nameof(sentences));
            return (long)(domain * 2 + s.Label);
        }).ToArray();
        return Splits.Stratified(strata, validationFraction: 0.2, testFraction: 0.2, Splits.StandardSeed);
    }
}
