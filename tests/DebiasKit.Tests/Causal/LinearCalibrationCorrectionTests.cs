using DebiasKit.Causal;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Causal;

public class LinearCalibrationCorrectionTests
{
    /// <summary>
    /// A linear-Gaussian shrinkage world: Y ~ N(0, 1) (+ τ if treated), a measurement Z = Y + ε with ε ~ N(0, 1), and the
    /// predictor Ŷ = E[Y | Z] = Z/2 under the untreated population, so Ŷ regressed on Y has slope 1/2.
    /// </summary>
    private static (double[] Y, double[] YHat, bool[] T) World(int n, double tau, int seed)
    {
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        var t = Enumerable.Range(0, n).Select(i => i % 2 == 0).ToArray();
        var y = t.Select(ti => normal.Sample() + (ti ? tau : 0)).ToArray();
        var yHat = y.Select(v => (v + normal.Sample()) / 2).ToArray();
        return (y, yHat, t);
    }

    [Fact]
    public void Recovers_the_outcome_exactly_when_predictions_are_an_exact_linear_function_of_it()
    {
        var y = TestHelpers.Uniform(50, seed: 1, low: -3, high: 5);
        var yHat = y.Select(v => 0.7 + 0.4 * v).ToArray();
        var lcc = LinearCalibrationCorrection.Fit(yHat, y);
        Assert.Equal(0.7, lcc.Intercept, 12);
        Assert.Equal(0.4, lcc.Slope, 12);
        Assert.Equal(0.0, lcc.SlopeStandardError, 12);
        Assert.Equal(50, lcc.CalibrationCount);
        var other = TestHelpers.Uniform(20, seed: 2, low: -10, high: 10);
        TestHelpers.AllClose(other, lcc.Correct(other.Select(v => 0.7 + 0.4 * v).ToArray()), 1e-12);
    }

    [Fact]
    public void Matches_the_normal_equations_and_the_delta_method_written_out()
    {
        var (y, yHat, _) = World(300, 0, seed: 3);
        var lcc = LinearCalibrationCorrection.Fit(yHat, y);
        var design = Matrix<double>.Build.Dense(y.Length, 2, (i, j) => j == 0 ? 1 : y[i]);
        var xtx = design.TransposeThisAndMultiply(design);
        var beta = xtx.Inverse() * design.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(yHat));
        double rss = 0;
        for (int i = 0; i < y.Length; i++) rss += Math.Pow(yHat[i] - beta[0] - beta[1] * y[i], 2);
        double slopeSe = Math.Sqrt(rss / (y.Length - 2) * xtx.Inverse()[1, 1]);
        Assert.Equal(beta[0], lcc.Intercept, 10);
        Assert.Equal(beta[1], lcc.Slope, 10);
        Assert.Equal(slopeSe, lcc.SlopeStandardError, 10);

        var (_, trialHat, t) = World(200, 0.5, seed: 4);
        var effect = lcc.Effect(trialHat, t, level: 0.9);
        double m1 = 0, m0 = 0;
        int n1 = 0, n0 = 0;
        for (int i = 0; i < t.Length; i++)
            if (t[i]) { m1 += trialHat[i]; n1++; } else { m0 += trialHat[i]; n0++; }
        m1 /= n1; m0 /= n0;
        double tau = (m1 - m0) / beta[1];
        double v1 = 0, v0 = 0;
        for (int i = 0; i < t.Length; i++)
        {
            double c = (trialHat[i] - beta[0]) / beta[1];
            if (t[i]) v1 += Math.Pow(c - (m1 - beta[0]) / beta[1], 2); else v0 += Math.Pow(c - (m0 - beta[0]) / beta[1], 2);
        }
        double dimVariance = v1 / (n1 - 1) / n1 + v0 / (n0 - 1) / n0;
        double se = Math.Sqrt(dimVariance + tau * tau * slopeSe * slopeSe / (beta[1] * beta[1]));
        Assert.Equal(tau, effect.Estimate, 10);
        Assert.Equal(se, effect.StandardError, 10);
        Assert.Equal(tau - 1.6448536269514722 * se, effect.Lower, 9);
        Assert.Equal(Math.Sqrt(dimVariance), lcc.Effect(trialHat, t, 0.9, includeCalibrationError: false).StandardError, 10);
    }

    [Fact]
    public void Nominal_90_percent_effect_intervals_cover_while_the_raw_predictions_do_not()
    {
        const int replications = 200;
        const double tau = 0.5;
        int corrected = 0, raw = 0;
        for (int rep = 0; rep < replications; rep++)
        {
            var (yCal, hatCal, _) = World(300, 0, seed: 1000 + rep);   // a small calibration set: the slope's error matters
            var lcc = LinearCalibrationCorrection.Fit(hatCal, yCal);
            var (_, hat, t) = World(400, tau, seed: 5000 + rep);
            if (lcc.Effect(hat, t, level: 0.9).Covers(tau)) corrected++;
            if (DifferenceInMeans.Estimate(hat, t, level: 0.9).Covers(tau)) raw++;
        }
        double coverage = corrected / (double)replications;
        Assert.InRange(coverage, 0.85, 0.95);
        Assert.True(raw / (double)replications < 0.5, $"raw predictions covered {raw} of {replications} (attenuated by half, they should rarely)");
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        double[] ok = [1, 2, 3, 4];
        Assert.Equal("calibrationOutcomes", Assert.Throws<ArgumentException>(() => LinearCalibrationCorrection.Fit(ok, [1.0, 2, 3])).ParamName);
        Assert.Equal("calibrationPredictions", Assert.Throws<ArgumentException>(() => LinearCalibrationCorrection.Fit([1.0, 2], [1.0, 2])).ParamName);
        Assert.Equal("calibrationPredictions", Assert.Throws<ArgumentException>(() => LinearCalibrationCorrection.Fit([1.0, double.NaN, 3], [1.0, 2, 3])).ParamName);
        Assert.Equal("calibrationOutcomes", Assert.Throws<ArgumentException>(() => LinearCalibrationCorrection.Fit(ok, [1.0, 1, 1, 1])).ParamName);
        var negative = Assert.Throws<ArgumentException>(() => LinearCalibrationCorrection.Fit([4.0, 3, 2, 1], ok));
        Assert.Equal("calibrationPredictions", negative.ParamName);
        Assert.Contains("positive", negative.Message);
        var lcc = LinearCalibrationCorrection.Fit(ok, ok);
        Assert.Equal("predictions", Assert.Throws<ArgumentException>(() => lcc.Correct([double.NaN])).ParamName);
        Assert.Equal("treated", Assert.Throws<ArgumentException>(() => lcc.Effect(ok, [true, false])).ParamName);
    }
}
