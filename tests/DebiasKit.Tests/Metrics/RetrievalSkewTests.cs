using DebiasKit.Metrics;
using Xunit;

namespace DebiasKit.Tests.Metrics;

public class RetrievalSkewTests
{
    [Fact]
    public void HandComputedSkews()
    {
        // Top 4 hold three of value 0 and one of value 1: ln(0.75 / 0.5).
        Assert.Equal(Math.Log(1.5), RetrievalSkew.MaxSkewAtK([0, 1, 0, 0, 1, 1], 2, 4), 12);
        Assert.Equal(0.0, RetrievalSkew.MaxSkewAtK([0, 1, 1, 0], 2, 4), 12);
        Assert.Equal(Math.Log(2), RetrievalSkew.MaxSkewAtK([1, 1, 0], 2, 2), 12);
        // Desired shares 0.25 / 0.75 and an even top 2: value 0 is over-represented by ln(0.5 / 0.25).
        Assert.Equal(Math.Log(2), RetrievalSkew.MaxSkewAtK([0, 1], 2, 2, [0.25, 0.75]), 12);
        Assert.Equal((Math.Log(1.5) + Math.Log(2)) / 2, RetrievalSkew.MeanMaxSkewAtK([[0, 1, 0, 0], [1, 1, 1, 1]], 2, 4), 12);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => RetrievalSkew.MaxSkewAtK([0, 1], 2, 3)).ParamName);
        Assert.Equal("rankedAttributes", Assert.ThrowsAny<ArgumentException>(() => RetrievalSkew.MaxSkewAtK([0, 2], 2, 2)).ParamName);
        Assert.Equal("desiredShares", Assert.ThrowsAny<ArgumentException>(() => RetrievalSkew.MaxSkewAtK([0, 1], 2, 2, [0.5, 0.6])).ParamName);
        Assert.Equal("attributeCount", Assert.ThrowsAny<ArgumentException>(() => RetrievalSkew.MaxSkewAtK([0, 0], 1, 2)).ParamName);
        Assert.Equal("rankedLists", Assert.ThrowsAny<ArgumentException>(() => RetrievalSkew.MeanMaxSkewAtK([], 2, 2)).ParamName);
    }
}
