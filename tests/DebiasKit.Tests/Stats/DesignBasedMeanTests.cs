using DebiasKit.Stats;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Stats;

public class DesignBasedMeanTests
{
    /// <summary>
    /// A seeded annotation world: Y = 1 + X + ε, a surrogate S = Y + 0.8 (biased) + noise whose error grows with X, and
    /// expert labels for a Bernoulli(π) sample. The truth is E[Y] = 1 (X centred).
    /// </summary>
    private static (double[] Y, double[] S, double[] X, bool[] R, double[] Pi) World(int n, double pi, int seed)
    {
        var normal = new Normal(0, 1, new Random(seed));
        var random = new Random(seed + 7);
        var x = Enumerable.Range(0, n).Select(_ => normal.Sample()).ToArray();
        var y = x.Select(v => 1 + v + normal.Sample()).ToArray();
        var s = Enumerable.Range(0, n).Select(i => y[i] + 0.8 + (0.5 + 0.5 * Math.Abs(x[i])) * normal.Sample()).ToArray();
        var r = Enumerable.Range(0, n).Select(_ => random.NextDouble() < pi).ToArray();
        return (y, s, x, r, Enumerable.Repeat(pi, n).ToArray());
    }

    [Fact]
    public void Matches_the_pseudo_outcome_formula_written_out()
    {
        var (y, s, _, r, pi) = World(400, 0.2, seed: 1);
        var labels = y.Select((v, i) => r[i] ? v : double.NaN).ToArray();   // unlabelled units carry no label
        var result = DesignBasedMean.Estimate(s, labels, r, pi, level: 0.95);
        var pseudo = Enumerable.Range(0, y.Length).Select(i => s[i] + (r[i] ? (y[i] - s[i]) / pi[i] : 0)).ToArray();
        double mean = pseudo.Average();
        double se = Math.Sqrt(pseudo.Sum(v => (v - mean) * (v - mean)) / pseudo.Length / pseudo.Length);
        Assert.Equal(mean, result.Result.Estimate, 12);
        Assert.Equal(se, result.Result.StandardError, 12);
        Assert.Equal(mean + 1.959963984540054 * se, result.Result.Upper, 10);
        Assert.Equal(pseudo, result.PseudoOutcomes);
        var estimateOnly = DesignBasedMean.Estimate(s, labels, r, pi, level: 0.95, keepPseudoOutcomes: false);
        Assert.Equal(result.Result, estimateOnly.Result);   // the two-pass form gives the same record, bit for bit
        Assert.Empty(estimateOnly.PseudoOutcomes);
    }

    [Fact]
    public void A_large_common_offset_leaves_the_standard_error_intact()
    {
        // the one-pass sums are shifted by the first value: adding 1e8 to every outcome and prediction moves the estimate
        // by exactly that and leaves the standard error as it was (a plain Σv² − n·mean² would lose every digit here)
        var (y, s, _, r, pi) = World(1_000, 0.2, seed: 6);
        var labels = y.Select((v, i) => r[i] ? v : double.NaN).ToArray();
        var plain = DesignBasedMean.Estimate(s, labels, r, pi, keepPseudoOutcomes: false).Result;
        var shifted = DesignBasedMean.Estimate(s.Select(v => v + 1e8).ToArray(), labels.Select(v => v + 1e8).ToArray(), r, pi, keepPseudoOutcomes: false).Result;
        Assert.Equal(plain.Estimate + 1e8, shifted.Estimate, 6);
        Assert.Equal(plain.StandardError, shifted.StandardError, 7);
    }

    [Fact]
    public void Perfect_predictions_make_the_correction_vanish_and_everyone_labelled_gives_the_plain_mean()
    {
        var (y, _, _, r, pi) = World(300, 0.3, seed: 2);
        Assert.Equal(y.Average(), DesignBasedMean.Estimate(y, y, r, pi).Result.Estimate, 12);
        var all = Enumerable.Repeat(true, y.Length).ToArray();
        var ones = Enumerable.Repeat(1.0, y.Length).ToArray();
        var bad = y.Select(v => v + 5).ToArray();                           // however bad the predictions, π = 1 labels everything
        Assert.Equal(y.Average(), DesignBasedMean.Estimate(bad, y, all, ones).Result.Estimate, 12);
    }

    [Fact]
    public void Cross_fitted_predictions_never_use_a_units_own_label_and_match_ols_on_the_other_folds()
    {
        var (y, s, x, r, _) = World(200, 0.5, seed: 3);
        var features = Matrix<double>.Build.DenseOfColumnArrays(s, x);
        var predictions = CrossFitting.OlsPredictions(features, y, r, folds: 4, seed: 9);
        var folds = CrossFitting.Folds(200, 4, 9);
        int unit = Enumerable.Range(0, 200).First(i => r[i]);
        var changed = (double[])y.Clone();
        changed[unit] += 100;
        var again = CrossFitting.OlsPredictions(features, changed, r, folds: 4, seed: 9);
        Assert.Equal(predictions[unit], again[unit], 12);                    // its own label does not reach it
        Assert.NotEqual(predictions.Where((_, i) => folds[i] != folds[unit]).First(), again.Where((_, i) => folds[i] != folds[unit]).First()); // others' do
        // The fold's model, fitted by the normal equations (an independent route from QR).
        var train = Enumerable.Range(0, 200).Where(i => folds[i] != folds[unit] && r[i]).ToArray();
        var design = Matrix<double>.Build.Dense(train.Length, 3, (a, b) => b == 0 ? 1 : b == 1 ? s[train[a]] : x[train[a]]);
        var beta = (design.TransposeThisAndMultiply(design)).Inverse() * design.TransposeThisAndMultiply(Vector<double>.Build.DenseOfEnumerable(train.Select(i => y[i])));
        Assert.Equal(beta[0] + beta[1] * s[unit] + beta[2] * x[unit], predictions[unit], 9);
    }

    [Fact]
    public void Nominal_90_percent_intervals_cover_the_truth_while_the_surrogate_mean_does_not()
    {
        const int replications = 200;
        int dsl = 0, surrogate = 0;
        for (int rep = 0; rep < replications; rep++)
        {
            var (y, s, x, r, pi) = World(1000, 0.1, seed: 100 + rep);
            var g = CrossFitting.OlsPredictions(Matrix<double>.Build.DenseOfColumnArrays(s, x), y, r, folds: 5, seed: rep);
            if (DesignBasedMean.Estimate(g, y, r, pi, level: 0.9).Result.Covers(1.0)) dsl++;
            if (PredictionPoweredMean.Naive(s, level: 0.9).Covers(1.0)) surrogate++;
        }
        Assert.InRange(dsl / (double)replications, 0.85, 0.95);
        Assert.True(surrogate / (double)replications < 0.05, $"surrogate-only coverage {surrogate / (double)replications}");
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        double[] g = [1, 2, 3], y = [1, 2, 3], half = [0.5, 0.5, 0.5];
        bool[] r = [true, true, false];
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => DesignBasedMean.Estimate(g, [1.0, 2], r, half)).ParamName);
        Assert.Equal("probabilities", Assert.ThrowsAny<ArgumentException>(() => DesignBasedMean.Estimate(g, y, r, [0.5, 0, 0.5])).ParamName);
        Assert.Equal("probabilities", Assert.ThrowsAny<ArgumentException>(() => DesignBasedMean.Estimate(g, y, r, [0.5, 1.2, 0.5])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => DesignBasedMean.Estimate(g, [1, double.NaN, 3], r, half)).ParamName);
        Assert.Equal("labelled", Assert.Throws<ArgumentException>(() => DesignBasedMean.Estimate(g, y, [true, false, false], half)).ParamName);
        Assert.Equal("predictions", Assert.Throws<ArgumentException>(() => DesignBasedMean.Estimate([1, double.NaN, 3], y, r, half)).ParamName);
        Assert.Equal("level", Assert.ThrowsAny<ArgumentException>(() => DesignBasedMean.Estimate(g, y, r, half, level: 0)).ParamName);
        Assert.Equal("folds", Assert.ThrowsAny<ArgumentException>(() => CrossFitting.Folds(10, 1, 0)).ParamName);
        Assert.Equal("labelled", Assert.Throws<ArgumentException>(() =>
            CrossFitting.OlsPredictions(Matrix<double>.Build.Dense(6, 1, (i, _) => i), [1, 2, 3, 4, 5, 6], [true, false, false, false, false, false], folds: 2)).ParamName);
    }
}
