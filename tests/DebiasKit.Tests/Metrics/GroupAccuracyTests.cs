using DebiasKit.Metrics;
using Xunit;

namespace DebiasKit.Tests.Metrics;

public class GroupAccuracyTests
{
    [Fact]
    public void HandComputedGroups()
    {
        long[] actual = [0, 0, 0, 1, 1, 1, 1];
        long[] predicted = [0, 0, 1, 1, 0, 0, 1];
        long[] groups = [0, 0, 1, 2, 2, 3, 3];
        var result = GroupAccuracy.Compute(predicted, actual, groups, 5);
        Assert.Equal(4 / 7.0, result.Average, 12);
        Assert.Equal([1.0, 0.0, 0.5, 0.5], result.PerGroup.Take(4));
        Assert.True(double.IsNaN(result.PerGroup[4]));
        Assert.Equal(0.5, result.MeanOverGroups, 12);
        Assert.Equal(0.0, result.Worst);
        Assert.Equal(0.0, GroupAccuracy.WorstGroupAccuracy(predicted, actual, groups, 5));
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("groups", Assert.ThrowsAny<ArgumentException>(() => GroupAccuracy.Compute([0], [0], [3], 2)).ParamName);
        Assert.Equal("groups", Assert.ThrowsAny<ArgumentException>(() => GroupAccuracy.Compute([0, 1], [0, 1], [0], 2)).ParamName);
        Assert.Equal("predicted", Assert.ThrowsAny<ArgumentException>(() => GroupAccuracy.Compute([0], [0, 1], [0, 0], 2)).ParamName);
        Assert.Equal("actual", Assert.ThrowsAny<ArgumentException>(() => GroupAccuracy.Compute([], [], [], 2)).ParamName);
    }
}
