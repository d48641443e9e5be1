using DebiasKit.Data;
using DebiasKit.Metrics;
using DebiasKit.Tests.Data;
using Xunit;

namespace DebiasKit.Tests.Metrics.WordBias;

/// <summary>WEAT run by test name on a vocabulary: the same numbers as the tensor form on the lists it looks up.</summary>
public class WeatOnVocabularyTests : IClassFixture<GloveFixture>
{
    private readonly WordEmbeddings glove;

    public WeatOnVocabularyTests(GloveFixture fixture) => glove = fixture.Vectors;

    [Fact]
    public void Equals_the_tensor_form_on_the_lower_cased_words_present()
    {
        var test = WordLists.WeatTests().Single(t => t.Id == "weat6");
        var maleNames = WordLists.Weat(test.TargetX, glove);
        Assert.All(maleNames, w => Assert.Equal(w.ToLowerInvariant(), w));
        Assert.Equal(WordLists.Weat(test.TargetX).Select(w => w.ToLowerInvariant()).Where(glove.Contains).Distinct(), maleNames);
        using var x = glove.Matrix(maleNames);
        using var y = glove.Matrix(WordLists.Weat(test.TargetY, glove));
        using var a = glove.Matrix(WordLists.Weat(test.AttributeA, glove));
        using var b = glove.Matrix(WordLists.Weat(test.AttributeB, glove));
        var direct = Weat.Test(x, y, a, b, samples: 1000, seed: 4);
        var byName = Weat.Test(glove, test, samples: 1000, seed: 4);
        Assert.Equal(direct, byName);
        Assert.Equal(direct.EffectSize, Weat.EffectSize(glove, test), 12);
    }

    [Fact]
    public void A_p_value_of_zero_is_shown_as_a_bound()
    {
        Assert.Equal("<0.001", new WeatResult(1.2, 0, 3, 1000, Exact: false).PValueText);
        Assert.Equal("0.012", new WeatResult(1.2, 0.0123, 3, 1000, Exact: false).PValueText);
    }

    [Fact]
    public void Each_bias_type_names_its_published_tests()
    {
        Assert.Equal(["weat6", "weat7", "weat8"], BiasWordSets.For(glove, "gender").WeatTestIds);
        Assert.Equal(["weat3", "weat4", "weat5"], BiasWordSets.For(glove, "race").WeatTestIds);
        Assert.Empty(BiasWordSets.For(glove, "religion").WeatTestIds);
    }
}
