using DebiasKit.Text;
using Xunit;

namespace DebiasKit.Tests.Text;

public class WordTokenizerTests
{
    [Fact]
    public void Lower_cases_drops_punctuation_and_keeps_inner_apostrophes_and_hyphens()
    {
        Assert.Equal(new[] { "she", "didn't", "like", "the", "well-known", "doctor", "2", "times" },
            WordTokenizer.Tokenize("She didn’t like the Well-Known doctor... 2 times!"));
    }

    [Fact]
    public void Empty_and_punctuation_only_sentences_have_no_words()
    {
        Assert.Empty(WordTokenizer.Tokenize(""));
        Assert.Empty(WordTokenizer.Tokenize(" ... !? - "));
    }

    [Fact]
    public void Null_is_rejected_by_name() =>
        Assert.Equal("sentence", Assert.Throws<ArgumentNullException>(() => WordTokenizer.Tokenize(null!)).ParamName);
}
