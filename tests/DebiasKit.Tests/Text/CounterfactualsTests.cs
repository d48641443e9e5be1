using DebiasKit.Data;
using DebiasKit.Text;
using Xunit;

namespace DebiasKit.Tests.Text;

public class CounterfactualsTests
{
    private static readonly GenderPair[] Pairs = [new("she", "he"), new("her", "his"), new("daughter", "son"), new("woman", "man")];

    [Fact]
    public void Every_attribute_word_is_swapped_and_the_side_recorded()
    {
        var pairs = Counterfactuals.Pairs(["He bought it for his son.", "No one here.", "She met her daughter", "The man and the woman"], Pairs);
        Assert.Equal(3, pairs.Count);
        Assert.Equal(new CounterfactualPair("he bought it for his son", "she bought it for her daughter", -1), pairs[0]);
        Assert.Equal(new CounterfactualPair("she met her daughter", "he met his son", +1), pairs[1]);
        Assert.Equal(new CounterfactualPair("the man and the woman", "the woman and the man", 0), pairs[2]);
    }

    [Fact]
    public void Swapping_twice_gives_the_original_back()
    {
        var once = Counterfactuals.Pairs(["she told his son about the woman"], Pairs).Single();
        var twice = Counterfactuals.Pairs([once.Swapped], Pairs).Single();
        Assert.Equal(once.Original, twice.Swapped);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        Assert.Equal("sentences", Assert.Throws<ArgumentNullException>(() => Counterfactuals.Pairs(null!, Pairs)).ParamName);
        Assert.Equal("pairs", Assert.Throws<ArgumentException>(() => Counterfactuals.Pairs(["a"], [])).ParamName);
        Assert.Equal("pairs", Assert.Throws<ArgumentException>(() => Counterfactuals.Pairs(["a"], [new GenderPair("x", "x")])).ParamName);
        Assert.Equal("sentences", Assert.Throws<ArgumentException>(() => Counterfactuals.Pairs(["he", null!], Pairs)).ParamName);
    }
}
