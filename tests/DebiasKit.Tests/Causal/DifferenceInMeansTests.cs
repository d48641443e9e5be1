using DebiasKit.Causal;
using Xunit;

namespace DebiasKit.Tests.Causal;

public class DifferenceInMeansTests
{
    [Fact]
    public void Hand_computed_estimate_and_neyman_standard_error()
    {
        // Treated 3, 5, 7: mean 5, s² = (4 + 0 + 4)/2 = 4.  Control 1, 2: mean 1.5, s² = (0.25 + 0.25)/1 = 0.5.
        // Estimate 3.5; SE = √(4/3 + 0.5/2) = √1.583333 = 1.258306; 95% z = 1.959964 → [1.033775, 5.966225].
        var r = DifferenceInMeans.Estimate([3, 1, 5, 2, 7], [true, false, true, false, true], level: 0.95);
        Assert.Equal(3.5, r.Estimate, 12);
        Assert.Equal(Math.Sqrt(4.0 / 3 + 0.25), r.StandardError, 12);
        Assert.Equal(1.258306, r.StandardError, 6);
        Assert.Equal(3.5 - 1.959963985 * r.StandardError, r.Lower, 8);
        Assert.Equal(3.5 + 1.959963985 * r.StandardError, r.Upper, 8);
        Assert.Equal(0.95, r.Level);
        Assert.Equal(5, r.N);
        Assert.Equal(r.Upper - r.Lower, r.Width, 12);
        Assert.True(r.Covers(3.5));
        Assert.True(r.Covers(r.Lower));
        Assert.False(r.Covers(r.Upper + 1e-9));
        Assert.Contains("n = 5", r.ToString());
    }

    [Fact]
    public void Narrower_level_gives_a_narrower_interval()
    {
        // 90%: z = 1.644854.
        var r = DifferenceInMeans.Estimate([3, 1, 5, 2, 7], [true, false, true, false, true], level: 0.90);
        Assert.Equal(2 * 1.644853627 * r.StandardError, r.Width, 8);
    }

    private static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    [Fact]
    public void Nominal_90_percent_interval_covers_the_true_effect_about_90_percent_of_the_time()
    {
        // 400 randomised experiments, n = 200 each, half assigned to treatment by a random permutation. Potential
        // outcomes: Y(0) ~ N(1, 1), Y(1) = Y(0) + 0.5 + N(0, 0.5²) (heterogeneous effects, average 0.5; the treated
        // arm is noisier, so the unequal-variance SE matters).
        const int replications = 400, n = 200;
        const double effect = 0.5;
        var random = new Random(2024);
        int covered = 0;
        for (int r = 0; r < replications; r++)
        {
            var assignment = Enumerable.Range(0, n).Select(i => i < n / 2).ToArray();
            random.Shuffle(assignment);
            var outcomes = new double[n];
            for (int i = 0; i < n; i++)
            {
                double y0 = 1 + StandardNormal(random);
                double y1 = y0 + effect + 0.5 * StandardNormal(random);
                outcomes[i] = assignment[i] ? y1 : y0;
            }
            if (DifferenceInMeans.Estimate(outcomes, assignment, level: 0.90).Covers(effect)) covered++;
        }
        double coverage = (double)covered / replications;
        // Binomial sd at 400 replications is √(0.9·0.1/400) = 0.015.
        Assert.InRange(coverage, 0.86, 0.94);
    }

    [Fact]
    public void Rejects_bad_input()
    {
        double[] y = [1, 2, 3, 4];
        bool[] t = [true, true, false, false];
        Assert.Equal("treated", Assert.ThrowsAny<ArgumentException>(() => DifferenceInMeans.Estimate(y, [true, false])).ParamName);
        Assert.Equal("outcomes", Assert.ThrowsAny<ArgumentException>(() => DifferenceInMeans.Estimate([1, double.NaN, 3, 4], t)).ParamName);
        Assert.Equal("outcomes", Assert.ThrowsAny<ArgumentException>(() => DifferenceInMeans.Estimate([1, double.NegativeInfinity, 3, 4], t)).ParamName);
        Assert.Equal("treated", Assert.ThrowsAny<ArgumentException>(() => DifferenceInMeans.Estimate(y, [true, false, false, false])).ParamName);
        Assert.Equal("treated", Assert.ThrowsAny<ArgumentException>(() => DifferenceInMeans.Estimate(y, [true, true, true, true])).ParamName);
        Assert.Equal("outcomes", Assert.ThrowsAny<ArgumentException>(() => DifferenceInMeans.Estimate(null!, t)).ParamName);
        foreach (var level in new[] { 0.0, 1.0, 1.5, -0.5, double.NaN })
            Assert.Equal("level", Assert.ThrowsAny<ArgumentException>(() => DifferenceInMeans.Estimate(y, t, level)).ParamName);
    }
}
