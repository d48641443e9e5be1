using DebiasKit.Data.Synthetic;
using Xunit;

namespace DebiasKit.Tests.Data;

public class CaptionedShapesTests
{
    private static CaptionedShapes World(int concepts = 4) =>
        new(new[] { "doctor", "nurse", "pilot", "chef" }.Take(concepts).ToArray(), ["female", "male"]);

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void MeasuredCorrelationMatchesTheParameter(double correlation)
    {
        using var sample = World().Sample(4000, correlation, seed: 3);
        // Binomial standard error at n = 4000 is at most 0.008: allow 3.
        Assert.InRange(sample.MeasuredCorrelation(), correlation - 0.025, correlation + 0.025);
    }

    [Fact]
    public void SameSeedSameSampleOtherSeedOtherSample()
    {
        var world = World(2);
        using var a = world.Sample(50, 0.9, seed: 7);
        using var b = world.Sample(50, 0.9, seed: 7);
        using var c = world.Sample(50, 0.9, seed: 8);
        Assert.True(a.Images.allclose(b.Images, 0, 0));
        Assert.True(a.Tokens.allclose(b.Tokens, 0, 0));
        Assert.Equal(a.Captions, b.Captions);
        Assert.False(a.Images.allclose(c.Images, 0, 0));
        Assert.Equal([50L, 3, 12, 12], a.Images.shape);
    }

    [Fact]
    public void BalancedTestHasEqualGroupsAndNeutralCaptions()
    {
        var world = World(3);
        using var test = world.SampleBalanced(20, seed: 1);
        Assert.Equal(Enumerable.Repeat(20L, 6), test.GroupCounts());
        Assert.All(test.MentionsAttribute, m => Assert.False(m));
        Assert.Equal(0.5, test.MeasuredCorrelation(), 10);
        for (int i = 0; i < test.Count; i++) Assert.Equal(test.Concepts[i] * 2 + test.Attributes[i], test.Groups[i]);
    }

    [Fact]
    public void CaptionsAreTemplatesOverTheVocabulary()
    {
        var world = World(2);
        Assert.Equal("a photo of a nurse", world.NeutralCaption(1));
        Assert.Equal("an image of a male doctor", world.AttributeCaption(1, 0, 2));
        Assert.Equal("a photo of a female", world.AttributePrompt(0));
        var ids = world.Tokenize("a photo of a male doctor");
        Assert.Equal("a photo of a male doctor", string.Join(' ', ids.Select(i => world.Vocabulary[(int)i])));
        using var tokens = world.TokenizeAll(["a nurse", "a photo of a male doctor"]);
        Assert.Equal([2L, world.MaxCaptionLength], tokens.shape);
        Assert.Equal(0L, tokens[0, 2].item<long>());
        // With mention rate 1 every caption states the image's own attribute.
        using var sample = world.Sample(30, 0.9, seed: 2, mentionRate: 1);
        for (int i = 0; i < sample.Count; i++)
            Assert.Equal(world.AttributeCaption((int)sample.Attributes[i], (int)sample.Concepts[i], sample.Templates[i]), sample.Captions[i]);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        var world = World(2);
        Assert.Equal("correlation", Assert.ThrowsAny<ArgumentException>(() => world.Sample(10, 1.5, 0)).ParamName);
        Assert.Equal("mentionRate", Assert.ThrowsAny<ArgumentException>(() => world.Sample(10, 0.9, 0, mentionRate: double.NaN)).ParamName);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => world.Sample(0, 0.9, 0)).ParamName);
        Assert.Equal("perGroup", Assert.ThrowsAny<ArgumentException>(() => world.SampleBalanced(0, 0)).ParamName);
        Assert.Equal("conceptNames", Assert.ThrowsAny<ArgumentException>(() => new CaptionedShapes(["one"], ["a1", "a2"])).ParamName);
        Assert.Equal("attributeNames", Assert.ThrowsAny<ArgumentException>(() => new CaptionedShapes(["x", "y"], ["a1"])).ParamName);
        Assert.Equal("imageSize", Assert.ThrowsAny<ArgumentException>(() => new CaptionedShapes(["x", "y"], ["a1", "a2"], imageSize: 4)).ParamName);
        Assert.Equal("text", Assert.ThrowsAny<ArgumentException>(() => world.Tokenize("a photo of a cat")).ParamName);
        Assert.Equal("concept", Assert.ThrowsAny<ArgumentException>(() => world.NeutralCaption(5)).ParamName);
    }
}
