using DebiasKit.Data;
using Xunit;

namespace DebiasKit.Tests.Data;

/// <summary><see cref="LongTail.Subset"/> on the real MNIST training part: the exponential profile, drawn only from the candidates.</summary>
public class LongTailSubsetTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    private long[] CountsOf(IEnumerable<long> indices)
    {
        var counts = new long[10];
        foreach (var i in indices) counts[mnist.Digits.Labels[(int)i]]++;
        return counts;
    }

    [Fact]
    public void Ratio_100_on_the_training_part_follows_the_exponential_profile()
    {
        var labels = mnist.Digits.Labels;
        var train = mnist.Split.Train;
        var available = CountsOf(train);
        var subset = LongTail.Subset(labels, classes: 10, imbalanceRatio: 100, seed: 7, candidates: train);
        var counts = CountsOf(subset);
        long head = counts[0];
        Assert.Equal(LongTail.ExponentialCounts(10, head, 100), counts);
        Assert.Equal(head / 100, counts[9]);
        Assert.Equal(counts.Max(), counts[0]);
        Assert.All(Enumerable.Range(0, 10), c => Assert.True(counts[c] <= available[c]));
        // On MNIST's training part class 0 is the binding class, so the default head is all of its 601 examples and
        // the tail class keeps 6.
        Assert.Equal(available[0], head);
        Assert.Equal(601, head);
        Assert.Equal(new long[] { 601, 360, 215, 129, 77, 46, 27, 16, 10, 6 }, counts);
        Assert.Equal(subset.Length, counts.Sum());
    }

    [Fact]
    public void Indices_are_sorted_distinct_and_come_only_from_the_candidates()
    {
        var train = mnist.Split.Train;
        var subset = LongTail.Subset(mnist.Digits.Labels, 10, 10, seed: 3, candidates: train);
        Assert.Equal(subset.Order(), subset);
        Assert.Equal(subset.Length, subset.Distinct().Count());
        var candidates = train.ToHashSet();
        Assert.All(subset, i => Assert.Contains(i, candidates));
        Assert.Empty(subset.Intersect(mnist.Split.Test));
    }

    [Fact]
    public void Without_candidates_it_draws_from_all_examples()
    {
        var subset = LongTail.Subset(mnist.Digits.Labels, 10, 100, seed: 3);
        var counts = CountsOf(subset);
        // Class 0 has 1,001 of the 10,000 digits and binds.
        Assert.Equal(LongTail.ExponentialCounts(10, 1001, 100), counts);
        Assert.Equal(10, counts[9]);
    }

    [Fact]
    public void An_explicit_head_count_sets_the_profile()
    {
        var subset = LongTail.Subset(mnist.Digits.Labels, 10, 10, seed: 1, candidates: mnist.Split.Train, headCount: 300);
        Assert.Equal(LongTail.ExponentialCounts(10, 300, 10), CountsOf(subset));
        Assert.Equal(new long[] { 300, 232, 179, 139, 107, 83, 64, 50, 38, 30 }, CountsOf(subset));
    }

    [Fact]
    public void The_subset_is_fixed_by_its_seed()
    {
        var labels = mnist.Digits.Labels;
        var train = mnist.Split.Train;
        var a = LongTail.Subset(labels, 10, 100, seed: 5, candidates: train);
        var b = LongTail.Subset(labels, 10, 100, seed: 5, candidates: train);
        var c = LongTail.Subset(labels, 10, 100, seed: 6, candidates: train);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(CountsOf(a), CountsOf(c));
    }

    [Fact]
    public void Rejects_bad_arguments_and_names_them()
    {
        var labels = mnist.Digits.Labels;
        var train = mnist.Split.Train;
        // Class 0 has only 601 candidates.
        Assert.ThrowsAny<ArgumentException>(() => LongTail.Subset(labels, 10, 100, 0, train, headCount: 10_000));
        Assert.Equal("classes", Assert.ThrowsAny<ArgumentException>(() => LongTail.Subset(labels, 1, 100, 0, train)).ParamName);
        Assert.Equal("imbalanceRatio", Assert.ThrowsAny<ArgumentException>(() => LongTail.Subset(labels, 10, 0.5, 0, train)).ParamName);
        Assert.Equal("imbalanceRatio", Assert.ThrowsAny<ArgumentException>(() => LongTail.Subset(labels, 10, double.NaN, 0, train)).ParamName);
        // Labels beyond the classes asked for.
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => LongTail.Subset(labels, 5, 10, 0, train)).ParamName);
        Assert.Equal("candidates", Assert.ThrowsAny<ArgumentException>(() => LongTail.Subset(labels, 10, 10, 0, [0, 10_000])).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => LongTail.Subset(null!, 10, 10, 0)).ParamName);
    }
}
