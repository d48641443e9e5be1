using DebiasKit.Data;
using Xunit;

namespace DebiasKit.Tests.Data;

public class BagsTests
{
    [Fact]
    public void Random_bags_partition_the_population_and_drop_the_remainder()
    {
        var bags = Bags.Random(103, 8, seed: 5);
        Assert.Equal(12, bags.Count);
        Assert.Equal(96, bags.Order.Count);
        Assert.Equal(96, bags.Order.Distinct().Count());
        Assert.All(bags.Order, i => Assert.InRange(i, 0, 102));
        var bagOf = bags.BagOf();
        Assert.Equal(7, bagOf.Count(b => b == -1));
        for (int b = 0; b < bags.Count; b++)
            Assert.All(bags.Members(b), i => Assert.Equal(b, bagOf[i]));
    }

    [Fact]
    public void Same_seed_same_bags_other_seed_other_bags()
    {
        Assert.Equal(Bags.Random(50, 5, seed: 1).Order, Bags.Random(50, 5, seed: 1).Order);
        Assert.NotEqual(Bags.Random(50, 5, seed: 1).Order, Bags.Random(50, 5, seed: 2).Order);
    }

    [Fact]
    public void Every_unit_is_equally_likely_to_share_a_bag_with_unit_zero()
    {
        // 3,000 baggings of n = 12 in bags of 3: each of the 11 others shares unit 0's bag with probability 2/11.
        var together = new int[12];
        for (int r = 0; r < 3_000; r++)
        {
            var bags = Bags.Random(12, 3, seed: r);
            foreach (var i in bags.Members(bags.BagOf()[0])) together[i]++;
        }
        for (int i = 1; i < 12; i++) Assert.InRange(together[i] / 3_000.0, 2.0 / 11 - 0.03, 2.0 / 11 + 0.03);
    }

    [Fact]
    public void Means_and_proportions_match_a_loop()
    {
        var random = new Random(3);
        var labels = Enumerable.Range(0, 40).Select(_ => (long)random.Next(2)).ToArray();
        var values = Enumerable.Range(0, 40).Select(_ => random.NextDouble()).ToArray();
        var bags = Bags.Random(40, 4, seed: 9);
        var proportions = bags.Proportions(labels);
        var means = bags.Means(values);
        for (int b = 0; b < bags.Count; b++)
        {
            var members = bags.Members(b);
            Assert.Equal(members.Sum(i => labels[i]) / 4.0, proportions[b], 14);
            Assert.Equal(members.Sum(i => values[i]) / 4.0, means[b], 14);
        }
        using var index = bags.Index();
        Assert.Equal(bags.Order.Select(i => (long)i), index.data<long>().ToArray());
    }

    [Fact]
    public void Independent_bags_draw_with_replacement_uniformly()
    {
        var bags = Bags.Independent(10, 4, bags: 5_000, seed: 3);
        Assert.Equal(5_000, bags.Count);
        Assert.Equal(20_000, bags.Order.Count);
        var counts = new int[10];
        foreach (var i in bags.Order) counts[i]++;
        Assert.All(counts, c => Assert.InRange(c / 20_000.0, 0.1 - 0.01, 0.1 + 0.01));
        Assert.Throws<InvalidOperationException>(() => bags.BagOf());
        Assert.Equal(bags.Order, Bags.Independent(10, 4, 5_000, seed: 3).Order);
        Assert.Equal("bags", Assert.ThrowsAny<ArgumentException>(() => Bags.Independent(10, 4, 0, 1)).ParamName);
        Assert.Equal("population", Assert.ThrowsAny<ArgumentException>(() => Bags.Independent(0, 4, 3, 1)).ParamName);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        string Param(Action act) => Assert.ThrowsAny<ArgumentException>(act).ParamName!;
        Assert.Equal("bagSize", Param(() => Bags.Random(10, 0, 1)));
        Assert.Equal("population", Param(() => Bags.Random(3, 4, 1)));
        var bags = Bags.Random(10, 2, 1);
        Assert.Equal("values", Param(() => bags.Means(new double[9])));
        Assert.Equal("values", Param(() => bags.Means(Enumerable.Repeat(double.NaN, 10).ToArray())));
        Assert.Equal("labels", Param(() => bags.Proportions(Enumerable.Repeat(2L, 10).ToArray())));
        Assert.Equal("bag", Param(() => bags.Members(5)));
    }
}
