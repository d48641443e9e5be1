using DebiasKit.Data;
using Xunit;
using static DebiasKit.Tests.Data.DataFolders;

namespace DebiasKit.Tests.Data;

/// <summary>UCI Sentiment Labelled Sentences: 1,000 sentences per site, 500 of each label, and their standard split.</summary>
public class SentimentSentencesTests
{
    private static readonly IReadOnlyList<LabelledSentence> Sentences = SentimentSentences.Load();

    [Fact]
    public void Has_3000_sentences_1000_per_site_in_site_order()
    {
        Assert.Equal(3000, Sentences.Count);
        Assert.Equal(new[] { "amazon", "imdb", "yelp" }, SentimentSentences.Domains);
        Assert.Equal(Enumerable.Repeat("amazon", 1000).Concat(Enumerable.Repeat("imdb", 1000)).Concat(Enumerable.Repeat("yelp", 1000)),
            Sentences.Select(s => s.Domain));
    }

    [Theory]
    [InlineData("amazon")]
    [InlineData("imdb")]
    [InlineData("yelp")]
    public void Each_site_has_500_positive_and_500_negative_sentences(string domain)
    {
        var site = Sentences.Where(s => s.Domain == domain).ToList();
        Assert.Equal(500, site.Count(s => s.Label == 1));
        Assert.Equal(500, site.Count(s => s.Label == 0));
    }

    [Fact]
    public void Texts_are_non_empty_and_trimmed()
    {
        Assert.All(Sentences, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Text));
            Assert.Equal(s.Text.Trim(), s.Text);
            Assert.InRange(s.Label, 0, 1);
        });
        Assert.Equal(new LabelledSentence("amazon", "So there is no way for me to plug it in here in the US unless I go by a converter.", 0), Sentences[0]);
        // The imdb file has two trailing spaces after this sentence.
        Assert.Equal("A very, very, very slow-moving, aimless movie about a distressed, drifting young man.", Sentences[1000].Text);
        Assert.Equal(new LabelledSentence("yelp", "Wow... Loved this place.", 1), Sentences[2000]);
    }

    [Fact]
    public void Standard_split_is_a_fixed_partition_stratified_by_site_and_label()
    {
        var split = SentimentSentences.StandardSplit(Sentences);
        AssertPartition(split, 3000);
        Assert.Equal((1800, 600, 600), (split.Train.Length, split.Validation.Length, split.Test.Length));
        foreach (var domain in SentimentSentences.Domains)
            for (int label = 0; label <= 1; label++)
            {
                Assert.Equal(100, split.Test.Count(i => Sentences[(int)i].Domain == domain && Sentences[(int)i].Label == label));
                Assert.Equal(100, split.Validation.Count(i => Sentences[(int)i].Domain == domain && Sentences[(int)i].Label == label));
            }
        var again = SentimentSentences.StandardSplit(SentimentSentences.Load());
        Assert.Equal(split.Train, again.Train);
        Assert.Equal(split.Validation, again.Validation);
        Assert.Equal(split.Test, again.Test);
    }

    [Fact]
    public void StandardSplit_rejects_an_unknown_site_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => SentimentSentences.StandardSplit([new LabelledSentence("twitter", "hi", 1)]));
        Assert.Equal("sentences", error.ParamName);
        Assert.Contains("twitter", error.Message);
    }
}
