using DebiasKit.Data;
using Xunit;

namespace DebiasKit.Tests.Data;

public class BiasWordSetsTests : IClassFixture<GloveFixture>
{
    private readonly WordEmbeddings glove;

    public BiasWordSetsTests(GloveFixture fixture) => glove = fixture.Vectors;

    [Theory]
    [InlineData("gender")]
    [InlineData("race")]
    [InlineData("religion")]
    public void Every_kept_word_is_in_the_vocabulary_and_no_test_term_is_specific(string bias)
    {
        var sets = BiasWordSets.For(glove, bias);
        Assert.NotEmpty(sets.Defining);
        Assert.All(sets.Defining, s => Assert.True(s.Count >= 2));
        var all = sets.Defining.SelectMany(s => s).Concat(sets.Targets).Concat(sets.Attributes.SelectMany(a => a)).Concat(sets.TestTerms).Concat(sets.Specific);
        Assert.All(all, w => Assert.True(glove.Contains(w), w));
        Assert.Empty(sets.TestTerms.Intersect(sets.Specific));
        Assert.Subset(sets.Specific.ToHashSet(), sets.Defining.SelectMany(s => s).ToHashSet());
    }

    [Fact]
    public void Missing_words_are_listed_not_silently_lost()
    {
        // "judgemental" (British spelling, a religion stereotype) is not among GloVe's 50,000 most frequent words.
        var religion = BiasWordSets.For(glove, "religion");
        Assert.Contains(religion.Dropped, line => line.Contains("judgemental", StringComparison.Ordinal));
        var small = BiasWordSets.For(glove.Take(2000), "race");
        Assert.NotEmpty(small.Dropped);
        Assert.All(small.Dropped, line => Assert.StartsWith("race ", line));
    }

    [Fact]
    public void Unknown_bias_types_are_rejected_by_name() =>
        Assert.Equal("bias", Assert.Throws<ArgumentException>(() => BiasWordSets.For(glove, "age")).ParamName);
}
