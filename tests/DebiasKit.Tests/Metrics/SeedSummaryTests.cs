using System.Globalization;
using DebiasKit.Metrics;
using Xunit;

namespace DebiasKit.Tests.Metrics;

public class SeedSummaryTests
{
    [Fact]
    public void Mean_and_sample_standard_deviation_hand_computed()
    {
        // [1, 2, 3, 4]: mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; /(n − 1) = 5/3; sd = √(5/3) = 1.290994.
        var s = SeedSummary.Of([1, 2, 3, 4]);
        Assert.Equal(2.5, s.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), s.Spread, 12);
        Assert.Equal([1.0, 2, 3, 4], s.Values);
    }

    [Fact]
    public void A_single_seed_has_zero_spread()
    {
        var s = SeedSummary.Of([0.73]);
        Assert.Equal(0.73, s.Mean);
        Assert.Equal(0, s.Spread);
    }

    [Fact]
    public void Minus_summarises_the_per_seed_differences()
    {
        // Differences [0.05, 0, 0.05]: mean 1/30; deviations [1/60, −1/30, 1/60]; squares sum 1/600; /2 → 1/1200;
        // sd = √(1/1200) = 0.0288675.
        var method = SeedSummary.Of([0.90, 0.80, 0.75]);
        var baseline = SeedSummary.Of([0.85, 0.80, 0.70]);
        var difference = method.Minus(baseline);
        Assert.Equal(1.0 / 30, difference.Mean, 12);
        Assert.Equal(Math.Sqrt(1.0 / 1200), difference.Spread, 12);
        Assert.Equal(3, difference.Values.Count);
        // Pairing matters: the spread of the differences is not the spread of either summary.
        Assert.True(difference.Spread < method.Spread);
    }

    [Fact]
    public void Formats_mean_plus_minus_spread_in_the_invariant_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var s = SeedSummary.Of([1, 2, 3, 4]);
            Assert.Equal("2.50 ± 1.29", s.ToString(2));
            Assert.Equal("2.500 ± 1.291", s.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Rejects_non_finite_empty_and_mismatched_input()
    {
        Assert.Equal("values", Assert.ThrowsAny<ArgumentException>(() => SeedSummary.Of([1, double.NaN])).ParamName);
        Assert.Equal("values", Assert.ThrowsAny<ArgumentException>(() => SeedSummary.Of([double.PositiveInfinity])).ParamName);
        Assert.Equal("values", Assert.ThrowsAny<ArgumentException>(() => SeedSummary.Of([])).ParamName);
        Assert.Equal("values", Assert.ThrowsAny<ArgumentException>(() => SeedSummary.Of(null!)).ParamName);
        Assert.Equal("baseline", Assert.ThrowsAny<ArgumentException>(() => SeedSummary.Of([1, 2]).Minus(SeedSummary.Of([1, 2, 3]))).ParamName);
        Assert.Equal("baseline", Assert.ThrowsAny<ArgumentException>(() => SeedSummary.Of([1, 2]).Minus(null!)).ParamName);
    }
}
