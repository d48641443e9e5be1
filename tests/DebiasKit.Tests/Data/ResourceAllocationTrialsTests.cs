using DebiasKit.Data.Synthetic;
using MathNet.Numerics.Distributions;
using Xunit;

namespace DebiasKit.Tests.Data;

public class ResourceAllocationTrialsTests
{
    [Fact]
    public void Trials_are_seeded_and_the_policy_acts_on_its_top_scores()
    {
        var a = ResourceAllocationTrials.Sample(30, 20, budget: 4, seed: 2);
        Assert.Equal(a.Outcome, ResourceAllocationTrials.Sample(30, 20, budget: 4, seed: 2).Outcome);
        Assert.Equal(30, a.InPolicyArm.Count(p => p));
        Assert.Equal(4, a.Acted.Count(x => x));
        Assert.All(Enumerable.Range(0, a.Count), i => Assert.True(!a.Acted[i] || a.InPolicyArm[i]));
        double lowestActed = Enumerable.Range(0, a.Count).Where(i => a.Acted[i]).Min(i => a.Score[i]);
        Assert.All(Enumerable.Range(0, a.Count).Where(i => a.InPolicyArm[i] && !a.Acted[i]), i => Assert.True(a.Score[i] < lowestActed));
    }

    [Fact]
    public void True_effect_matches_a_monte_carlo_of_the_top_k_benefits()
    {
        // Draw policy arms of 20 units directly from the model and average (1/20)·Σ over the top 3 scores of β.
        const int n = 20, k = 3, draws = 40_000;
        var normal = new Normal(0, 1, new Random(4));
        double sum = 0, squares = 0;
        var benefit = new double[n];
        var score = new double[n];
        for (int d = 0; d < draws; d++)
        {
            for (int i = 0; i < n; i++) { benefit[i] = 0.5 + 0.5 * normal.Sample(); score[i] = benefit[i] + 0.5 * normal.Sample(); }
            double v = Enumerable.Range(0, n).OrderByDescending(i => score[i]).Take(k).Sum(i => benefit[i]) / n;
            sum += v;
            squares += v * v;
        }
        double mean = sum / draws, se = Math.Sqrt((squares / draws - mean * mean) / draws);
        double truth = ResourceAllocationTrials.TrueEffect(n, k);
        Assert.True(Math.Abs(mean - truth) < 4 * se, $"Monte Carlo {mean} ± {se}, integral {truth}");
        Assert.True(truth > 0.5 * k / n + 0.02);                       // targeting beats a random allocation of K
        Assert.Equal(0.5 * k / n, ResourceAllocationTrials.TrueEffect(n, k, scoreNoise: 1e6), 4);   // an uninformative score allocates at random
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        Assert.Equal("policyArm", Assert.Throws<ArgumentOutOfRangeException>(() => ResourceAllocationTrials.Sample(1, 5, 1, 0)).ParamName);
        Assert.Equal("controlArm", Assert.Throws<ArgumentOutOfRangeException>(() => ResourceAllocationTrials.Sample(5, 1, 1, 0)).ParamName);
        Assert.Equal("budget", Assert.Throws<ArgumentOutOfRangeException>(() => ResourceAllocationTrials.Sample(5, 5, -1, 0)).ParamName);
        Assert.Equal("benefitSd", Assert.Throws<ArgumentOutOfRangeException>(() => ResourceAllocationTrials.Sample(5, 5, 1, 0, benefitSd: -1)).ParamName);
        Assert.Equal("benefitMean", Assert.Throws<ArgumentException>(() => ResourceAllocationTrials.TrueEffect(5, 1, benefitMean: double.NaN)).ParamName);
    }
}
