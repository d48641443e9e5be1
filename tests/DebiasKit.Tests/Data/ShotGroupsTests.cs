using DebiasKit.Data;
using Xunit;

namespace DebiasKit.Tests.Data;

public class ShotGroupsTests
{
    [Fact]
    public void Default_thresholds_split_strictly_above_100_and_below_20()
    {
        // class:      0    1    2   3   4    5
        long[] counts = [101, 100, 20, 19, 1, 5000];
        var groups = ShotGroups.ByCount(counts);
        Assert.Equal([0, 5], groups.Many);
        Assert.Equal([1, 2], groups.Medium);
        Assert.Equal([3, 4], groups.Few);
    }

    [Fact]
    public void Custom_thresholds()
    {
        var groups = ShotGroups.ByCount([50, 30, 10, 9, 31], manyAbove: 30, fewBelow: 10);
        Assert.Equal([0, 4], groups.Many);
        Assert.Equal([1, 2], groups.Medium);
        Assert.Equal([3], groups.Few);
    }

    [Fact]
    public void Every_class_lands_in_exactly_one_group()
    {
        var counts = LongTail.ExponentialCounts(100, 500, 100);
        var groups = ShotGroups.ByCount(counts);
        var all = groups.Many.Concat(groups.Medium).Concat(groups.Few).OrderBy(c => c);
        Assert.Equal(Enumerable.Range(0, 100), all);
        Assert.NotEmpty(groups.Many);
        Assert.NotEmpty(groups.Medium);
        Assert.NotEmpty(groups.Few);
    }

    [Fact]
    public void Empty_medium_group_when_thresholds_touch()
    {
        // fewBelow = manyAbove + 1 is allowed: every class is many- or few-shot.
        var groups = ShotGroups.ByCount([5, 6, 7], manyAbove: 5, fewBelow: 6);
        Assert.Equal([1, 2], groups.Many);
        Assert.Empty(groups.Medium);
        Assert.Equal([0], groups.Few);
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        Assert.Equal("fewBelow", Assert.ThrowsAny<ArgumentException>(() => ShotGroups.ByCount([5, 6], manyAbove: 5, fewBelow: 7)).ParamName);
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => ShotGroups.ByCount([])).ParamName);
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => ShotGroups.ByCount([3, 0])).ParamName);
    }
}
