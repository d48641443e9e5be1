using DebiasKit.Causal;
using DebiasKit.Data.Synthetic;
using Xunit;

namespace DebiasKit.Tests.Causal;

public class ReshufflingEstimatorTests
{
    /// <summary>
    /// The definition written out by brute force: enumerate every split of the units into arms of the original sizes, let
    /// the policy (top K by score) act in each, keep the splits in which no unit's action changes (its outcome is then
    /// known), and average their difference in means computed from the observed outcomes.
    /// </summary>
    private static (double Mean, int Count) BruteForce(double[] y, bool[] policy, double[] score, int k)
    {
        int n = y.Length, policySize = policy.Count(p => p);
        var acted = Act(policy, score, k);
        double total = 0;
        int count = 0;
        for (int mask = 0; mask < 1 << n; mask++)
        {
            var arm = Enumerable.Range(0, n).Select(i => (mask >> i & 1) == 1).ToArray();
            if (arm.Count(a => a) != policySize) continue;
            var again = Act(arm, score, k);
            if (!again.SequenceEqual(acted)) continue;
            double p = 0, c = 0;
            for (int i = 0; i < n; i++) if (arm[i]) p += y[i]; else c += y[i];
            total += p / policySize - c / (n - policySize);
            count++;
        }
        return (total / count, count);
    }

    private static bool[] Act(bool[] arm, double[] score, int k)
    {
        var acted = new bool[arm.Length];
        var order = Enumerable.Range(0, arm.Length).Where(i => arm[i]).OrderByDescending(i => score[i]).Take(k);
        foreach (int i in order) acted[i] = true;
        return acted;
    }

    [Fact]
    public void Hand_computed_small_trial()
    {
        // Policy arm {0, 1, 2} with scores 9, 5, 1; control {3, 4, 5} with scores 7, 3, 0; K = 1.
        // Acted S = {0} (t = 9); no control scores above 9, so H = {} and the pool is {1, 2, 3, 4, 5}.
        // Outcomes 10 | 2, 4 | 6, 8, 0: pool mean = (2 + 4 + 6 + 8 + 0)/5 = 4.
        // τ̂ = (10 + 2·4)/3 − (0 + 3·4)/3 = 6 − 4 = 2; the plain difference in means is 16/3 − 14/3 = 2/3.
        double[] y = [10, 2, 4, 6, 8, 0];
        bool[] policy = [true, true, true, false, false, false];
        double[] score = [9, 5, 1, 7, 3, 0];
        var r = ReshufflingEstimator.Estimate(y, policy, score, budget: 1);
        Assert.Equal(2.0, r.Estimate, 12);
        Assert.Equal(2.0 / 3, DifferenceInMeans.Estimate(y, policy).Estimate, 12);
        Assert.Equal(2.0, BruteForce(y, policy, score, 1).Mean, 12);
        // Pool-averaged outcomes: policy (10, 4, 4), control (4, 4, 4) → s²_P = 12, s²_C = 0, SE = √(12/3) = 2.
        Assert.Equal(new double[] { 10, 4, 4, 4, 4, 4 }, ReshufflingEstimator.PoolAveragedOutcomes(y, policy, score, 1));
        Assert.Equal(2.0, r.StandardError, 12);
    }

    [Fact]
    public void Matches_brute_force_enumeration_of_permissible_reshuffles()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 30; trial++)
        {
            int n = 10, policySize = 4 + trial % 3, k = trial % 5;
            var order = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
            var policy = new bool[n];
            foreach (int i in order.Take(policySize)) policy[i] = true;
            var score = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
            var y = Enumerable.Range(0, n).Select(_ => Math.Round(10 * random.NextDouble(), 2)).ToArray();
            var (mean, count) = BruteForce(y, policy, score, k);
            Assert.True(count >= 1);
            Assert.Equal(mean, ReshufflingEstimator.Estimate(y, policy, score, k).Estimate, 10);
        }
    }

    [Fact]
    public void Sampled_reshuffles_converge_to_the_closed_form()
    {
        var t = ResourceAllocationTrials.Sample(60, 60, budget: 6, seed: 5);
        double exact = ReshufflingEstimator.Estimate(t.Outcome, t.InPolicyArm, t.Score, 6).Estimate;
        double sampled = ReshufflingEstimator.EstimateBySampling(t.Outcome, t.InPolicyArm, t.Score, 6, reshuffles: 20_000, seed: 1);
        double few = ReshufflingEstimator.EstimateBySampling(t.Outcome, t.InPolicyArm, t.Score, 6, reshuffles: 1, seed: 1);
        Assert.True(Math.Abs(sampled - exact) < 0.005, $"sampled {sampled}, exact {exact}");
        Assert.True(Math.Abs(few - exact) > Math.Abs(sampled - exact));   // one reshuffle is a single noisy trial
    }

    [Fact]
    public void Unbiased_with_known_truth_lower_variance_than_difference_in_means_and_intervals_cover()
    {
        const int replications = 400, arm = 50, k = 5;
        double truth = ResourceAllocationTrials.TrueEffect(arm, k);
        var reshuffled = new List<EstimateResult>();
        var dim = new List<double>();
        for (int rep = 0; rep < replications; rep++)
        {
            var t = ResourceAllocationTrials.Sample(arm, arm, k, seed: 300 + rep);
            reshuffled.Add(ReshufflingEstimator.Estimate(t.Outcome, t.InPolicyArm, t.Score, k, level: 0.9));
            dim.Add(DifferenceInMeans.Estimate(t.Outcome, t.InPolicyArm).Estimate);
        }
        static (double Mean, double Variance) Moments(IEnumerable<double> v)
        {
            var a = v.ToArray();
            double m = a.Average();
            return (m, a.Sum(x => (x - m) * (x - m)) / (a.Length - 1));
        }
        var rs = Moments(reshuffled.Select(e => e.Estimate));
        var dm = Moments(dim);
        Assert.True(Math.Abs(rs.Mean - truth) <= 3.5 * Math.Sqrt(rs.Variance / replications), $"reshuffling mean {rs.Mean}, truth {truth}");
        Assert.True(Math.Abs(dm.Mean - truth) <= 3.5 * Math.Sqrt(dm.Variance / replications), $"difference-in-means mean {dm.Mean}, truth {truth}");
        Assert.True(rs.Variance < 0.25 * dm.Variance, $"variances {rs.Variance} vs {dm.Variance}");   // K/N = 0.1: most noise is pooled away
        double coverage = reshuffled.Average(e => e.Covers(truth) ? 1.0 : 0.0);
        Assert.InRange(coverage, 0.85, 0.99);                                                        // nominal 90 %, conservative
    }

    [Fact]
    public void Degenerate_budgets()
    {
        var t0 = ResourceAllocationTrials.Sample(40, 40, budget: 0, seed: 8);
        var none = ReshufflingEstimator.Estimate(t0.Outcome, t0.InPolicyArm, t0.Score, 0);
        Assert.Equal(0.0, none.Estimate, 12);                          // nobody is acted on: every split is permissible
        Assert.Equal(0.0, none.StandardError, 12);
        Assert.Equal(0.0, ResourceAllocationTrials.TrueEffect(40, 0));
        var dimNone = DifferenceInMeans.Estimate(t0.Outcome, t0.InPolicyArm);
        Assert.True(dimNone.Covers(0.0));                                // the difference in means agrees, up to its noise
        Assert.NotEqual(0.0, dimNone.Estimate);

        var all = ResourceAllocationTrials.Sample(30, 40, budget: 30, seed: 9);   // the policy acts on its whole arm
        Assert.All(Enumerable.Range(0, all.Count), i => Assert.Equal(all.InPolicyArm[i], all.Acted[i]));
        var rs = ReshufflingEstimator.Estimate(all.Outcome, all.InPolicyArm, all.Score, 30);
        var dim = DifferenceInMeans.Estimate(all.Outcome, all.InPolicyArm);
        Assert.Equal(dim.Estimate, rs.Estimate, 12);                    // no swap is permissible
        Assert.Equal(dim.StandardError, rs.StandardError, 12);
        Assert.Equal(0.5, ResourceAllocationTrials.TrueEffect(30, 30), 12);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        double[] y = [1, 2, 3, 4];
        bool[] arm = [true, true, false, false];
        double[] s = [0.4, 0.3, 0.2, 0.1];
        Assert.Equal("outcomes", Assert.Throws<ArgumentException>(() => ReshufflingEstimator.Estimate([1.0, 2, 3], arm, s, 1)).ParamName);
        Assert.Equal("inPolicyArm", Assert.Throws<ArgumentException>(() => ReshufflingEstimator.Estimate(y, [true, false, true], s, 1)).ParamName);
        Assert.Equal("outcomes", Assert.Throws<ArgumentException>(() => ReshufflingEstimator.Estimate([1.0, double.NaN, 3, 4], arm, s, 1)).ParamName);
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => ReshufflingEstimator.Estimate(y, arm, [0.4, double.NaN, 0.2, 0.1], 1)).ParamName);
        Assert.Equal("budget", Assert.Throws<ArgumentOutOfRangeException>(() => ReshufflingEstimator.Estimate(y, arm, s, -1)).ParamName);
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => ReshufflingEstimator.Estimate(y, arm, [0.3, 0.3, 0.2, 0.1], 1)).ParamName);   // tie at the threshold
        Assert.Equal("inPolicyArm", Assert.Throws<ArgumentException>(() => ReshufflingEstimator.Estimate(y, [true, false, false, false], s, 1)).ParamName);
        Assert.Equal("reshuffles", Assert.Throws<ArgumentOutOfRangeException>(() => ReshufflingEstimator.EstimateBySampling(y, arm, s, 1, 0, 1)).ParamName);
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => ReshufflingEstimator.Estimate(y, arm, s, 1, level: 1.5)).ParamName);
    }
}
