using DebiasKit.Text;
using Xunit;

namespace DebiasKit.Tests.Text;

public class BleachedTemplatesTests
{
    [Fact]
    public void Every_template_is_filled_with_every_word_word_major()
    {
        var sentences = BleachedTemplates.Fill(["math", "art"]);
        Assert.Equal(2 * BleachedTemplates.Templates.Count, sentences.Count);
        Assert.Equal("this is math.", sentences[0]);
        Assert.Equal("art is there.", sentences[^1]);
        Assert.All(sentences.Take(BleachedTemplates.Templates.Count), s => Assert.Contains("math", s));
    }

    [Fact]
    public void Empty_word_lists_are_rejected_by_name() =>
        Assert.Equal("words", Assert.Throws<ArgumentException>(() => BleachedTemplates.Fill([])).ParamName);
}
