using DebiasKit.Data.Sampling;
using Xunit;

namespace DebiasKit.Tests.Data;

public class RandomOverSamplerTests
{
    [Fact]
    public void Originals_first_then_copies_of_the_named_class_up_to_the_target()
    {
        long[] labels = [0, 1, 0, 0, 2, 1, 0];
        var indices = RandomOverSampler.Sample(labels, new Dictionary<long, int> { [1] = 5, [2] = 3 }, seed: 4);
        Assert.Equal(Enumerable.Range(0, 7), indices.Take(7));
        var copies = indices.Skip(7).ToArray();
        Assert.Equal(3 + 2, copies.Length);
        Assert.All(copies.Take(3), i => Assert.Equal(1, labels[i]));   // class 1 first (classes in order)
        Assert.All(copies.Skip(3), i => Assert.Equal(4, i));            // class 2 has one row: copied twice
    }

    [Fact]
    public void Balance_equalises_counts_and_copies_are_drawn_with_replacement_uniformly()
    {
        // One majority class of 1,000 and a minority of 4: balancing copies the 4 rows 996 times, about 249 each (sd ≈ 13.7).
        var labels = Enumerable.Repeat(0L, 1000).Concat(Enumerable.Repeat(1L, 4)).ToArray();
        var indices = RandomOverSampler.Balance(labels, seed: 1);
        Assert.Equal(1000, indices.Count(i => labels[i] == 1));
        var perRow = indices.Skip(labels.Length).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, perRow.Count);
        Assert.All(perRow.Values, c => Assert.InRange(c, 249 - 5 * 14, 249 + 5 * 14));
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        long[] labels = [0, 0, 1];
        Assert.Equal("targetCounts", Assert.ThrowsAny<ArgumentException>(() => RandomOverSampler.Sample(labels, new Dictionary<long, int> { [0] = 1 })).ParamName);
        Assert.Equal("targetCounts", Assert.Throws<ArgumentException>(() => RandomOverSampler.Sample(labels, new Dictionary<long, int> { [3] = 5 })).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => RandomOverSampler.Balance([])).ParamName);
    }
}
