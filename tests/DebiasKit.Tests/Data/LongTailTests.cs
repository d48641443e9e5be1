using DebiasKit.Data;
using Xunit;

namespace DebiasKit.Tests.Data;

public class LongTailTests
{
    [Fact]
    public void Cifar10_ratio_100_profile_matches_the_published_one()
    {
        long[] published = [5000, 2997, 1796, 1077, 645, 387, 232, 139, 83, 50];
        var counts = LongTail.ExponentialCounts(10, 5000, 100);
        Assert.Equal(published, counts);
        Assert.Equal(12_406, counts.Sum());
    }

    [Theory]
    // Training-set sizes of the long-tailed CIFAR benchmarks as published (Cui et al. 2019; Cao et al. 2019).
    [InlineData(10, 5000, 10, 20_431)]
    [InlineData(100, 500, 100, 10_847)]
    [InlineData(100, 500, 10, 19_573)]
    public void Other_published_benchmark_sizes(int classes, long head, double ratio, long total)
    {
        var counts = LongTail.ExponentialCounts(classes, head, ratio);
        Assert.Equal(total, counts.Sum());
        Assert.Equal(head, counts[0]);
        Assert.Equal((long)(head / ratio), counts[^1]);
        for (int i = 1; i < counts.Length; i++) Assert.True(counts[i] <= counts[i - 1]);
    }

    [Fact]
    public void Ratio_one_gives_equal_counts()
    {
        Assert.Equal(Enumerable.Repeat(300L, 7), LongTail.ExponentialCounts(7, 300, 1));
    }

    [Fact]
    public void Counts_reject_bad_arguments()
    {
        Assert.Equal("classes", Assert.ThrowsAny<ArgumentException>(() => LongTail.ExponentialCounts(1, 100, 10)).ParamName);
        Assert.Equal("headCount", Assert.ThrowsAny<ArgumentException>(() => LongTail.ExponentialCounts(5, 0, 10)).ParamName);
        Assert.Equal("imbalanceRatio", Assert.ThrowsAny<ArgumentException>(() => LongTail.ExponentialCounts(5, 100, 0.5)).ParamName);
        Assert.Equal("imbalanceRatio", Assert.ThrowsAny<ArgumentException>(() => LongTail.ExponentialCounts(5, 100, double.NaN)).ParamName);
        Assert.Equal("imbalanceRatio", Assert.ThrowsAny<ArgumentException>(() => LongTail.ExponentialCounts(5, 100, double.PositiveInfinity)).ParamName);
        // 100 / 1000 < 1: the rarest class would be empty.
        Assert.Equal("headCount", Assert.ThrowsAny<ArgumentException>(() => LongTail.ExponentialCounts(5, 100, 1000)).ParamName);
    }

    private static long[] BalancedLabels(int classes, int perClass) =>
        Enumerable.Range(0, classes * perClass).Select(i => (long)(i % classes)).ToArray();

    [Fact]
    public void Subset_respects_the_counts_is_sorted_and_has_no_duplicates()
    {
        var labels = BalancedLabels(4, 50);
        long[] counts = [50, 20, 7, 0];
        var subset = LongTail.SubsetIndices(labels, counts, seed: 1);
        Assert.Equal(counts.Sum(), subset.Length);
        for (int c = 0; c < counts.Length; c++)
            Assert.Equal(counts[c], subset.Count(i => labels[i] == c));
        Assert.Equal(subset.OrderBy(i => i), subset);
        Assert.Equal(subset.Length, subset.Distinct().Count());
        Assert.All(subset, i => Assert.InRange(i, 0, labels.Length - 1));
    }

    [Fact]
    public void Subset_is_deterministic_for_a_seed_and_differs_between_seeds()
    {
        var labels = BalancedLabels(3, 100);
        long[] counts = [60, 30, 10];
        Assert.Equal(LongTail.SubsetIndices(labels, counts, 42), LongTail.SubsetIndices(labels, counts, 42));
        Assert.NotEqual(LongTail.SubsetIndices(labels, counts, 42), LongTail.SubsetIndices(labels, counts, 43));
    }

    [Fact]
    public void Subset_rejects_bad_arguments()
    {
        var labels = BalancedLabels(3, 10);
        Assert.Equal("counts", Assert.ThrowsAny<ArgumentException>(() => LongTail.SubsetIndices(labels, [10, 11, 1], 0)).ParamName);
        Assert.Equal("counts", Assert.ThrowsAny<ArgumentException>(() => LongTail.SubsetIndices(labels, [1, -1, 1], 0)).ParamName);
        // Labels outside the classes that counts covers.
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => LongTail.SubsetIndices(labels, [1, 1], 0)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => LongTail.SubsetIndices([0, -1, 1], [1, 1], 0)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => LongTail.SubsetIndices(null!, [1, 1], 0)).ParamName);
        Assert.Equal("counts", Assert.ThrowsAny<ArgumentException>(() => LongTail.SubsetIndices(labels, null!, 0)).ParamName);
    }
}
