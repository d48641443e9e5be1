using DebiasKit.Causal;
using DebiasKit.Stats;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Causal;

public class AipwTests
{
    /// <summary>
    /// A confounded observational study with a known effect: X ~ N(0, I₂), e(X) = σ(0.8 X₁ − 0.5 X₂),
    /// Y = 1 + 2T + X₁ + X₂ + ε. The ATE is 2; the treated have larger X₁ and smaller X₂, so the difference in means is biased upwards (by about 0.28).
    /// </summary>
    private static (Matrix<double> X, double[] Y, bool[] T, double[] E) Study(int n, int seed)
    {
        var normal = new Normal(0, 1, new Random(seed));
        var random = new Random(seed + 1);
        var x = Matrix<double>.Build.Dense(n, 2, (_, _) => normal.Sample());
        var e = Enumerable.Range(0, n).Select(i => LogisticRegression.Sigmoid(0.8 * x[i, 0] - 0.5 * x[i, 1])).ToArray();
        var t = e.Select(p => random.NextDouble() < p).ToArray();
        var y = Enumerable.Range(0, n).Select(i => 1 + (t[i] ? 2 : 0) + x[i, 0] + x[i, 1] + normal.Sample()).ToArray();
        return (x, y, t, e);
    }

    [Fact]
    public void Scores_and_interval_match_the_formula_written_out()
    {
        var (x, y, t, e) = Study(200, seed: 1);
        var mu1 = Enumerable.Range(0, 200).Select(i => 3 + 0.9 * x[i, 0]).ToArray();
        var mu0 = Enumerable.Range(0, 200).Select(i => 1.2 + x[i, 1]).ToArray();
        var scores = Aipw.Scores(y, t, e, mu1, mu0);
        double sum = 0;
        for (int i = 0; i < 200; i++)
        {
            double expected = t[i] ? mu1[i] - mu0[i] + (y[i] - mu1[i]) / e[i] : mu1[i] - mu0[i] - (y[i] - mu0[i]) / (1 - e[i]);
            Assert.Equal(expected, scores[i], 12);
            sum += expected;
        }
        double mean = sum / 200, ss = 0;
        for (int i = 0; i < 200; i++) ss += (scores[i] - mean) * (scores[i] - mean);
        double se = Math.Sqrt(ss / 199 / 200);
        var result = Aipw.Estimate(y, t, e, mu1, mu0, level: 0.9);
        Assert.Equal(mean, result.Estimate, 12);
        Assert.Equal(se, result.StandardError, 12);
        Assert.Equal(mean - 1.6448536269514722 * se, result.Lower, 10);
    }

    [Fact]
    public void Doubly_robust_either_nuisance_right_is_enough_on_average()
    {
        // Over 200 studies: true propensity with useless outcome models (zeros), and a constant propensity with the true
        // outcome models, both average to the ATE 2; the difference in means does not.
        double wrongOutcome = 0, wrongPropensity = 0, naive = 0;
        for (int rep = 0; rep < 200; rep++)
        {
            var (x, y, t, e) = Study(500, seed: 100 + rep);
            var zeros = new double[500];
            wrongOutcome += Aipw.Estimate(y, t, e, zeros, zeros).Estimate / 200;
            var half = Enumerable.Repeat(0.5, 500).ToArray();
            var mu1 = Enumerable.Range(0, 500).Select(i => 3 + x[i, 0] + x[i, 1]).ToArray();
            var mu0 = mu1.Select(v => v - 2).ToArray();
            wrongPropensity += Aipw.Estimate(y, t, half, mu1, mu0).Estimate / 200;
            naive += DifferenceInMeans.Estimate(y, t).Estimate / 200;
        }
        Assert.InRange(wrongOutcome, 1.9, 2.1);
        Assert.InRange(wrongPropensity, 1.98, 2.02);
        Assert.True(naive > 2.2, $"difference in means {naive} should be biased upwards");
    }

    [Fact]
    public void Cross_fitted_interval_covers_the_ate_at_its_nominal_rate()
    {
        int covered = 0;
        for (int rep = 0; rep < 200; rep++)
        {
            var (x, y, t, _) = Study(400, seed: 1000 + rep);
            if (Aipw.CrossFitted(x, y, t, folds: 2, seed: rep, level: 0.9).Covers(2)) covered++;
        }
        Assert.InRange(covered / 200.0, 0.85, 0.95);
    }

    [Fact]
    public void Cross_fitted_scores_use_models_fitted_on_the_other_folds_only()
    {
        var (x, y, t, _) = Study(120, seed: 5);
        var scores = Aipw.CrossFittedScores(x, y, t, folds: 3, seed: 8, ridge: 0.5, clip: 0.05);
        var fold = CrossFitting.Folds(120, 3, 8);
        int unit = Enumerable.Range(0, 120).First(i => fold[i] == 1 && t[i]);
        var train = Enumerable.Range(0, 120).Where(i => fold[i] != 1).ToArray();
        var arm1 = train.Where(i => t[i]).ToArray();
        var arm0 = train.Where(i => !t[i]).ToArray();
        var row = x.SubRows(new[] { unit });
        double e = Math.Clamp(LogisticRegression.Fit(x.SubRows(train), train.Select(i => t[i] ? 1.0 : 0.0).ToArray(), 0.5).PredictProbability(row)[0], 0.05, 0.95);
        double m1 = LinearRegression.Fit(x.SubRows(arm1), arm1.Select(i => y[i]).ToArray(), 0.5).Predict(row)[0];
        double m0 = LinearRegression.Fit(x.SubRows(arm0), arm0.Select(i => y[i]).ToArray(), 0.5).Predict(row)[0];
        Assert.Equal(m1 - m0 + (y[unit] - m1) / e, scores[unit], 10);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        var (x, y, t, e) = Study(20, seed: 6);
        var mu = new double[20];
        Assert.Equal("treated", Assert.ThrowsAny<ArgumentException>(() => Aipw.Scores(y, t.Take(19).ToArray(), e, mu, mu)).ParamName);
        var bad = (double[])e.Clone();
        bad[2] = 1.0;
        Assert.Equal("propensity", Assert.ThrowsAny<ArgumentException>(() => Aipw.Scores(y, t, bad, mu, mu)).ParamName);
        var nan = (double[])y.Clone();
        nan[0] = double.NaN;
        Assert.Equal("outcomes", Assert.ThrowsAny<ArgumentException>(() => Aipw.Estimate(nan, t, e, mu, mu)).ParamName);
        Assert.Equal("clip", Assert.ThrowsAny<ArgumentException>(() => Aipw.CrossFitted(x, y, t, clip: 0.6)).ParamName);
        var allTreated = Enumerable.Repeat(true, 20).ToArray();
        Assert.Equal("treated", Assert.ThrowsAny<ArgumentException>(() => Aipw.CrossFitted(x, y, allTreated)).ParamName);
    }
}
