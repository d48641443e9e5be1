using DebiasKit.Data.Sampling;
using Xunit;

namespace DebiasKit.Tests.Data;

public class RandomUnderSamplerTests
{
    [Theory]
    // The paper's own example (Section 4.3): 50 minority, 200 majority, 200 % → 50·100/200 = 25 majority kept.
    [InlineData(50, 200, 200.0, 25)]
    // 100 %: as many majority as minority.
    [InlineData(50, 200, 100.0, 50)]
    // 10 %: 50·100/10 = 500 > 200, so nothing is removed.
    [InlineData(50, 200, 10.0, 200)]
    // 30 %: 50·100/30 = 166.67 → 167.
    [InlineData(50, 200, 30.0, 167)]
    // 2000 % of 7: 7·100/2000 = 0.35 → 0, raised to the floor of 1.
    [InlineData(7, 200, 2000.0, 1)]
    public void Kept_majority_follows_the_papers_percentage(int minority, int majority, double percent, int expected) =>
        Assert.Equal(expected, RandomUnderSampler.KeptMajority(minority, majority, percent));

    [Fact]
    public void Sample_keeps_every_minority_and_other_row_and_a_subset_of_the_majority()
    {
        // 200 rows of class 0, 50 of class 1, 10 of class 2 (neither side: always kept), interleaved.
        var labels = Enumerable.Range(0, 260).Select(i => i < 200 ? 0L : i < 250 ? 1L : 2L).OrderBy(l => (l * 7919) % 13).ToArray();
        var kept = RandomUnderSampler.Sample(labels, majorityClass: 0, minorityClass: 1, percent: 200, seed: 3);
        Assert.Equal(kept.OrderBy(i => i), kept);                    // increasing
        Assert.Equal(kept.Length, kept.Distinct().Count());           // without replacement
        Assert.Equal(25, kept.Count(i => labels[i] == 0));
        Assert.Equal(50, kept.Count(i => labels[i] == 1));
        Assert.Equal(10, kept.Count(i => labels[i] == 2));
    }

    [Fact]
    public void Majority_draw_is_uniform_over_seeds()
    {
        // Keep 1 of 4 majority rows 4,000 times: each should be kept about 1,000 times (sd √(4000·¼·¾) ≈ 27).
        long[] labels = [0, 0, 0, 0, 1];
        var hits = new int[4];
        for (int seed = 0; seed < 4000; seed++)
            foreach (int i in RandomUnderSampler.Sample(labels, 0, 1, percent: 100, seed: seed)) if (i < 4) hits[i]++;
        Assert.All(hits, h => Assert.InRange(h, 1000 - 5 * 27, 1000 + 5 * 27));
        Assert.Equal(4000, hits.Sum());
    }

    [Fact]
    public void Same_seed_same_rows()
    {
        var labels = Enumerable.Range(0, 100).Select(i => i % 10 == 0 ? 1L : 0L).ToArray();
        Assert.Equal(RandomUnderSampler.Sample(labels, 0, 1, 50, seed: 1), RandomUnderSampler.Sample(labels, 0, 1, 50, seed: 1));
        Assert.NotEqual(RandomUnderSampler.Sample(labels, 0, 1, 50, seed: 1), RandomUnderSampler.Sample(labels, 0, 1, 50, seed: 2));
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        long[] labels = [0, 0, 1];
        Assert.Equal("percent", Assert.ThrowsAny<ArgumentException>(() => RandomUnderSampler.Sample(labels, 0, 1, 0)).ParamName);
        Assert.Equal("percent", Assert.ThrowsAny<ArgumentException>(() => RandomUnderSampler.Sample(labels, 0, 1, double.NaN)).ParamName);
        Assert.Equal("majorityClass", Assert.Throws<ArgumentException>(() => RandomUnderSampler.Sample(labels, 5, 1, 100)).ParamName);
        Assert.Equal("minorityClass", Assert.Throws<ArgumentException>(() => RandomUnderSampler.Sample(labels, 0, 7, 100)).ParamName);
        Assert.Equal("minorityClass", Assert.Throws<ArgumentException>(() => RandomUnderSampler.Sample(labels, 0, 0, 100)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentNullException>(() => RandomUnderSampler.Sample(null!, 0, 1, 100)).ParamName);
        Assert.Equal("minorityCount", Assert.ThrowsAny<ArgumentException>(() => RandomUnderSampler.KeptMajority(0, 5, 100)).ParamName);
    }
}
