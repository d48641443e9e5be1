using DebiasKit.Data.Synthetic;
using Xunit;

namespace DebiasKit.Tests.Data;

public class SatelliteWealthTrialsTests
{
    [Fact]
    public void Trials_are_seeded_half_treated_and_shift_wealth_by_the_effect()
    {
        var a = SatelliteWealthTrials.Trial(2000, effect: 0.4, region: 1, seed: 7);
        var b = SatelliteWealthTrials.Trial(2000, effect: 0.4, region: 1, seed: 7);
        Assert.Equal(a.Wealth, b.Wealth);
        Assert.Equal(a.Features.ToArray(), b.Features.ToArray());
        Assert.Equal(1000, a.Treated.Count(t => t));
        Assert.All(a.Region, r => Assert.Equal(1, r));
        double treated = a.Wealth.Where((_, i) => a.Treated[i]).Average();
        double control = a.Wealth.Where((_, i) => !a.Treated[i]).Average();
        Assert.InRange(control, -0.75 - 0.05, -0.75 + 0.05);       // region mean, s = 0.5: SE ≈ 0.016
        Assert.InRange(treated - control, 0.4 - 0.07, 0.4 + 0.07);
        // Features follow the post-treatment wealth: the first one is Y + noise.
        double firstFeatureGap = Enumerable.Range(0, 2000).Where(i => a.Treated[i]).Average(i => a.Features[i, 0])
            - Enumerable.Range(0, 2000).Where(i => !a.Treated[i]).Average(i => a.Features[i, 0]);
        Assert.InRange(firstFeatureGap, 0.4 - 0.15, 0.4 + 0.15);
    }

    [Fact]
    public void Survey_mixes_regions_by_share_and_expand_appends_squares()
    {
        var s = SatelliteWealthTrials.Survey(20_000, seed: 3);
        for (int r = 0; r < SatelliteWealthTrials.RegionShares.Length; r++)
            Assert.InRange(s.Region.Count(v => v == r) / 20_000.0, SatelliteWealthTrials.RegionShares[r] - 0.015, SatelliteWealthTrials.RegionShares[r] + 0.015);
        double expectedMean = SatelliteWealthTrials.RegionMeans.Zip(SatelliteWealthTrials.RegionShares, (m, p) => m * p).Sum();   // −0.375
        Assert.InRange(s.Wealth.Average(), expectedMean - 0.03, expectedMean + 0.03);
        Assert.All(s.Treated, t => Assert.False(t));
        var expanded = SatelliteWealthTrials.Expand(s.Features);
        Assert.Equal(12, expanded.ColumnCount);
        Assert.Equal(s.Features[5, 2] * s.Features[5, 2], expanded[5, 8], 12);
        Assert.Equal(s.Features[5, 2], expanded[5, 2], 12);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        Assert.Equal("units", Assert.Throws<ArgumentOutOfRangeException>(() => SatelliteWealthTrials.Survey(0, 1)).ParamName);
        Assert.Equal("featureNoise", Assert.Throws<ArgumentOutOfRangeException>(() => SatelliteWealthTrials.Survey(10, 1, featureNoise: 0)).ParamName);
        Assert.Equal("units", Assert.Throws<ArgumentOutOfRangeException>(() => SatelliteWealthTrials.Trial(3, 0.1, 0, 1)).ParamName);
        Assert.Equal("region", Assert.Throws<ArgumentOutOfRangeException>(() => SatelliteWealthTrials.Trial(10, 0.1, 5, 1)).ParamName);
        Assert.Equal("effect", Assert.Throws<ArgumentException>(() => SatelliteWealthTrials.Trial(10, double.NaN, 0, 1)).ParamName);
        Assert.Equal("uniform", Assert.Throws<ArgumentOutOfRangeException>(() => SatelliteWealthTrials.DrawRegion(1.0)).ParamName);
    }
}
