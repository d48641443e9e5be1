using DebiasKit.Causal;
using DebiasKit.Stats;
using MathNet.Numerics.Distributions;
using Xunit;

namespace DebiasKit.Tests.Causal;

public class TweedieCorrectionTests
{
    /// <summary>
    /// Gaussian shrinkage: Y ~ N(μ, s²) (+ τ if treated), Z = Y + ε with ε ~ N(0, σ_ε²), and the predictor
    /// Ŷ = E[Y | Z] = μ + k(Z − μ), k = s²/(s² + σ_ε²), of the untreated population. Returns Y, Z and Ŷ.
    /// </summary>
    private static (double[] Y, double[] Z, double[] YHat, bool[] T) World(int n, double tau, int seed, double mu = 1, double s = 2, double noise = 1)
    {
        var normal = new Normal(0, 1, new Random(seed));
        double k = s * s / (s * s + noise * noise);
        var t = Enumerable.Range(0, n).Select(i => i % 2 == 1).ToArray();
        var y = t.Select(ti => mu + s * normal.Sample() + (ti ? tau : 0)).ToArray();
        var z = y.Select(v => v + noise * normal.Sample()).ToArray();
        return (y, z, z.Select(v => mu + k * (v - mu)).ToArray(), t);
    }

    [Fact]
    public void Exact_gaussian_score_recovers_the_unshrunk_measurement_in_closed_form()
    {
        // μ = 1, s = 2, σ_ε = 1: k = 0.8, Ŷ ~ N(1, k·s² = 3.2), residual variance Var(Ŷ − Y) = s²(1 − k) = 0.8.
        // Z = 3 → Ŷ = 2.6, score = −(2.6 − 1)/3.2 = −0.5, Ỹ = 2.6 + 0.8·0.5 = 3.0 = Z.
        Func<double, double> score = v => -(v - 1) / 3.2;
        Assert.Equal(3.0, TweedieCorrection.Apply([2.6], 0.8, score)[0], 12);
        var (_, z, yHat, _) = World(100, 0, seed: 1);
        TestHelpers.AllClose(z, TweedieCorrection.Apply(yHat, 0.8, score), 1e-12);
        TestHelpers.AllClose(yHat, TweedieCorrection.Apply(yHat, 0, score), 0);   // σ² = 0 changes nothing
    }

    [Fact]
    public void Fitted_from_calibration_data_it_estimates_the_residual_variance_and_nearly_recovers_the_measurement()
    {
        var (y, _, yHat, _) = World(4000, 0, seed: 2);
        var tweedie = TweedieCorrection.Fit(yHat, y);
        Assert.InRange(tweedie.NoiseVariance, 0.75, 0.85);         // s²(1 − k) = 0.8
        var (_, z, fresh, _) = World(500, 0, seed: 3);
        var corrected = tweedie.Correct(fresh);
        // In the bulk (|Z − μ| < 2 sd of Z) the kernel score is close to the Gaussian's, so Ỹ ≈ Z.
        var bulk = Enumerable.Range(0, z.Length).Where(i => Math.Abs(z[i] - 1) < 2 * Math.Sqrt(5)).ToArray();
        double meanError = bulk.Average(i => Math.Abs(corrected[i] - z[i]));
        Assert.True(meanError < 0.1, $"mean |Ỹ − Z| in the bulk = {meanError}");
        // The raw predictions are far from Z (shrunk by k = 0.8): the check above is not trivially met.
        Assert.True(bulk.Average(i => Math.Abs(fresh[i] - z[i])) > 0.3);
    }

    [Fact]
    public void Matches_residual_variance_and_kernel_score_written_out_with_loops()
    {
        var (y, _, yHat, _) = World(200, 0, seed: 4);
        var tweedie = TweedieCorrection.Fit(yHat, y);
        double meanResidual = 0;
        for (int i = 0; i < y.Length; i++) meanResidual += (yHat[i] - y[i]) / y.Length;
        double variance = 0;
        for (int i = 0; i < y.Length; i++) variance += Math.Pow(yHat[i] - y[i] - meanResidual, 2) / y.Length;   // ddof = 0 (np.std)
        Assert.Equal(variance, tweedie.NoiseVariance, 12);
        double mean = yHat.Average(), sd = 0;
        foreach (double v in yHat) sd += (v - mean) * (v - mean);
        double h = Math.Sqrt(sd / (yHat.Length - 1)) * Math.Pow(yHat.Length, -0.2);   // Scott, as scipy's gaussian_kde
        double[] points = [-4, 0, 1.3, 6];
        var corrected = tweedie.Correct(points);
        for (int p = 0; p < points.Length; p++)
        {
            double num = 0, den = 0;
            foreach (double xi in yHat)
            {
                double u = (points[p] - xi) / h;
                double w = Math.Exp(-0.5 * u * u);
                num += w * u;
                den += w;
            }
            Assert.Equal(points[p] - variance * (-num / (den * h)), corrected[p], 9);
        }
    }

    [Fact]
    public void Nominal_90_percent_effect_intervals_cover_while_the_raw_predictions_do_not()
    {
        var (yCal, _, hatCal, _) = World(1000, 0, seed: 5, mu: 0, s: 1, noise: 1);   // k = 1/2: effects on Ŷ are halved
        var tweedie = TweedieCorrection.Fit(hatCal, yCal);                               // one map, fitted once
        const int replications = 200;
        const double tau = 0.5;
        int corrected = 0, raw = 0;
        for (int rep = 0; rep < replications; rep++)
        {
            var (_, _, hat, t) = World(300, tau, seed: 100 + rep, mu: 0, s: 1, noise: 1);
            if (tweedie.Effect(hat, t, level: 0.9).Covers(tau)) corrected++;
            if (DifferenceInMeans.Estimate(hat, t, level: 0.9).Covers(tau)) raw++;
        }
        Assert.InRange(corrected / (double)replications, 0.85, 0.95);
        Assert.True(raw / (double)replications < 0.5, $"raw predictions covered {raw} of {replications}");
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        double[] ok = [1, 2, 3, 4];
        Assert.Equal("calibrationOutcomes", Assert.Throws<ArgumentException>(() => TweedieCorrection.Fit(ok, [1.0, 2])).ParamName);
        Assert.Equal("calibrationPredictions", Assert.Throws<ArgumentException>(() => TweedieCorrection.Fit([1.0], [1.0])).ParamName);
        Assert.Equal("calibrationOutcomes", Assert.Throws<ArgumentException>(() => TweedieCorrection.Fit(ok, [1.0, 2, double.NaN, 4])).ParamName);
        Assert.Equal("sample", Assert.Throws<ArgumentException>(() => TweedieCorrection.Fit([3.0, 3, 3], [1.0, 2, 3])).ParamName);
        Assert.Equal("noiseVariance", Assert.Throws<ArgumentOutOfRangeException>(() => TweedieCorrection.Apply(ok, -1, _ => 0)).ParamName);
        Assert.Equal("predictions", Assert.Throws<ArgumentException>(() => TweedieCorrection.Apply([double.NaN], 1, _ => 0)).ParamName);
        Assert.Equal("score", Assert.Throws<ArgumentException>(() => TweedieCorrection.Apply(ok, 1, _ => double.NaN)).ParamName);
        var tweedie = TweedieCorrection.Fit(ok, [1.5, 1.5, 3.5, 3.5]);
        Assert.Equal("treated", Assert.Throws<ArgumentException>(() => tweedie.Effect(ok, [true])).ParamName);
    }
}
