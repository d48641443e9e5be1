using DebiasKit.Causal;
using DebiasKit.Data.Synthetic;
using DebiasKit.Stats;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Causal;

public class PLearnerTests
{
    [Fact]
    public void Scores_match_the_proximal_pseudo_outcome_written_out()
    {
        double[] y = { 1.5, -0.5, 2.0, 0.0 };
        bool[] a = { true, false, true, false };
        double[] q = { 2.0, 3.0, 1.5, 4.0 };
        double[] h1 = { 1.0, 0.5, 2.5, -1.0 };
        double[] h0 = { 0.0, 0.0, 1.0, -2.0 };
        // φ = (−1)^(1−A) q (Y − h(W, A, X)) + h1 − h0, by hand:
        // unit 0: +2(1.5 − 1) + 1 = 2;  unit 1: −3(−0.5 − 0) + 0.5 = 2;  unit 2: +1.5(2 − 2.5) + 1.5 = 0.75;  unit 3: −4(0 + 2) + 1 = −7.
        Assert.Equal(new[] { 2.0, 2.0, 0.75, -7.0 }, PLearner.Scores(y, a, q, h1, h0));
        var ate = PLearner.Ate(new[] { 2.0, 2.0, 0.75, -7.0 }, level: 0.9);
        Assert.Equal(-0.5625, ate.Estimate, 12);
    }

    [Fact]
    public void The_pseudo_outcome_is_doubly_robust_with_the_true_bridges()
    {
        // True q with a wrong h (h ≡ 0), and true h with a wrong q (q ≡ 1): both means recover the ATE of 1, while the
        // pseudo-outcome with both wrong (the difference in means) is biased by U.
        var d = ProximalConfounding.Sample(200_000, seed: 21, ProximalEffect.Sine, treatmentConfounding: 0.5);
        int n = d.Count;
        double s2 = 0.25, g = 0.5;
        var qTrue = Enumerable.Range(0, n).Select(i => 1 + Math.Exp((d.Treated[i] ? -g : g) * (d.Z[i, 0] + d.X[i, 0]) - g * g * s2 / 2)).ToArray();
        var h1True = Enumerable.Range(0, n).Select(i => d.Cate[i] + 2 * d.W[i, 0] + d.X[i, 1]).ToArray();
        var h0True = Enumerable.Range(0, n).Select(i => 2 * d.W[i, 0] + d.X[i, 1]).ToArray();
        var zeros = new double[n];
        var ones = Enumerable.Repeat(1.0, n).ToArray();
        double correctQ = PLearner.Scores(d.Outcome, d.Treated, qTrue, zeros, zeros).Average();
        double correctH = PLearner.Scores(d.Outcome, d.Treated, ones, h1True, h0True).Average();
        double both = PLearner.Scores(d.Outcome, d.Treated, qTrue, h1True, h0True).Average();
        Assert.True(Math.Abs(correctQ - 1) < 0.06, $"q right, h wrong: {correctQ}");
        Assert.True(Math.Abs(correctH - 1) < 0.02, $"h right, q wrong: {correctH}");
        Assert.True(Math.Abs(both - 1) < 0.02, $"both right: {both}");
        // Conditional version: with q right and h wrong, E[φ | X₁ > 1] is τ's mean there (1 + E[sin X₁ | X₁ > 1] ≈ 1.87).
        var phi = PLearner.Scores(d.Outcome, d.Treated, qTrue, zeros, zeros);
        var high = Enumerable.Range(0, n).Where(i => d.X[i, 0] > 1).ToArray();
        Assert.True(Math.Abs(high.Average(i => phi[i]) - high.Average(i => d.Cate[i])) < 0.15);
        // Neither right: the unadjusted contrast is biased upwards by the confounder.
        double treatedShare = d.Treated.Count(t => t) / (double)n;
        var inverseShare = d.Treated.Select(t => t ? 1 / treatedShare : 1 / (1 - treatedShare)).ToArray();
        Assert.True(PLearner.Scores(d.Outcome, d.Treated, inverseShare, zeros, zeros).Average() > 1.5);
    }

    [Fact]
    public void Cross_fitting_uses_bridges_fitted_on_the_other_folds()
    {
        var d = ProximalConfounding.Sample(400, seed: 4);
        var result = PLearner.CrossFitted(d.X, d.Z, d.W, d.Treated, d.Outcome, folds: 4, seed: 7, maxWeight: 5);
        var fold = CrossFitting.Folds(400, 4, 7);
        for (int k = 0; k < 4; k++)
        {
            var train = Enumerable.Range(0, 400).Where(i => fold[i] != k).ToArray();
            var h = ProximalBridges.FitOutcome(d.W.SubRows(train), train.Select(i => d.Treated[i]).ToArray(), d.X.SubRows(train), d.Z.SubRows(train), train.Select(i => d.Outcome[i]).ToArray());
            var q = ProximalBridges.FitTreatment(d.Z.SubRows(train), train.Select(i => d.Treated[i]).ToArray(), d.X.SubRows(train), d.W.SubRows(train));
            foreach (int i in Enumerable.Range(0, 400).Where(i => fold[i] == k).Take(20))
            {
                var row = (Matrix<double> m) => m.SubRows(new[] { i });
                double h1 = h.Predict(row(d.W), true, row(d.X))[0], h0 = h.Predict(row(d.W), false, row(d.X))[0];
                double qi = Math.Min(q.Predict(row(d.Z), new[] { d.Treated[i] }, row(d.X))[0], 5);
                double expected = (d.Treated[i] ? 1 : -1) * qi * (d.Outcome[i] - (d.Treated[i] ? h1 : h0)) + h1 - h0;
                Assert.Equal(expected, result.Scores[i], 9);
                Assert.Equal(h1 - h0, result.PlugIn[i], 9);
            }
        }
    }

    [Fact]
    public void Ate_interval_covers_at_the_nominal_rate()
    {
        // 200 seeded worlds of 500 units, γ = 0.5; the 90 % interval of the mean of the cross-fitted φ covers the ATE (1).
        int covered = 0;
        for (int rep = 0; rep < 200; rep++)
        {
            var d = ProximalConfounding.Sample(500, seed: 10_000 + rep, ProximalEffect.Sine, treatmentConfounding: 0.5);
            var phi = PLearner.CrossFitted(d.X, d.Z, d.W, d.Treated, d.Outcome, folds: 2, seed: rep).Scores;
            if (PLearner.Ate(phi, level: 0.9).Covers(ProximalConfounding.Ate(ProximalEffect.Sine))) covered++;
        }
        Assert.InRange(covered / 200.0, 0.85, 0.95);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var d = ProximalConfounding.Sample(60, seed: 2);
        Assert.Equal("maxWeight", Assert.ThrowsAny<ArgumentException>(() => PLearner.CrossFitted(d.X, d.Z, d.W, d.Treated, d.Outcome, maxWeight: 1)).ParamName);
        Assert.Equal("folds", Assert.ThrowsAny<ArgumentException>(() => PLearner.CrossFitted(d.X, d.Z, d.W, d.Treated, d.Outcome, folds: 1)).ParamName);
        Assert.Equal("outcomes", Assert.ThrowsAny<ArgumentException>(() => PLearner.CrossFitted(d.X, d.Z, d.W, d.Treated, d.Outcome.Take(10).ToArray())).ParamName);
        Assert.Equal("treated", Assert.ThrowsAny<ArgumentException>(() => PLearner.CrossFitted(d.X, d.Z, d.W, d.Treated.Take(10).ToArray(), d.Outcome)).ParamName);
        Assert.Equal("treatmentBridge", Assert.ThrowsAny<ArgumentException>(() => PLearner.Scores(new[] { 1.0 }, new[] { true }, new[] { double.NaN }, new[] { 0.0 }, new[] { 0.0 })).ParamName);
        Assert.Equal("bridgeControl", Assert.ThrowsAny<ArgumentException>(() => PLearner.Scores(new[] { 1.0 }, new[] { true }, new[] { 1.0 }, new[] { 0.0 }, new double[0])).ParamName);
        Assert.Equal("pseudoOutcomes", Assert.ThrowsAny<ArgumentException>(() => PLearner.Ate(new[] { 1.0 })).ParamName);
        Assert.Equal("level", Assert.ThrowsAny<ArgumentException>(() => PLearner.Ate(new[] { 1.0, 2.0 }, level: 1.5)).ParamName);
    }
}
