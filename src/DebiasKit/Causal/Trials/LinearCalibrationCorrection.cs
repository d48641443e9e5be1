
namespace DebiasKit.Causal;

/// <summary>
/// Linear calibration correction (LCC) of machine-learning predictions that are shrunk toward the mean (Pettersson, Jerzak
/// and Daoud, "Debiasing Machine Learning Predictions for Causal Inference Without Additional Ground Truth Data: 'One Map,
/// Many Trials' in Satellite-Driven Poverty Analysis", AAAI 2026, arXiv:2508.01341). On a held-out calibration set with
/// both predictions Ŷ and outcomes Y, regress the predictions on the outcomes, Ŷ = a + bY + e (ordinary least squares);
/// downstream, every prediction is replaced by Ỹ = (Ŷ − a)/b. A shrinking predictor has b &lt; 1, so an effect estimated
/// on Ŷ is attenuated by about b, and dividing by b undoes it; no label is needed at the trial stage.
/// <para>Variant pinned to the reference package <c>unshrink</c> (<c>LccDebiaser</c>: sklearn LinearRegression of the
/// calibration predictions on the calibration targets, then (Ŷ − intercept)/slope). Added here: the slope's standard
/// error (classical OLS, s/√Σ(y − ȳ)² with s² = Σe²/(n − 2)), which <see cref="Effect"/> uses to widen the effect
/// interval by the delta method, since the corrected effect (mean Ŷ₁ − mean Ŷ₀)/b̂ inherits the calibration slope's
/// sampling error; the intercept cancels in a difference of means.</para>
/// </summary>
/// <param name="Intercept">a.</param>
/// <param name="Slope">b (positive: predictions increase with the outcome).</param>
/// <param name="SlopeStandardError">Standard error of b̂ from the calibration regression.</param>
/// <param name="CalibrationCount">Number of calibration units.</param>
public sealed record LinearCalibrationCorrection(double Intercept, double Slope, double SlopeStandardError, int CalibrationCount)
{
    /// <summary>Fits Ŷ = a + bY on the calibration pairs.</summary>
    /// <param name="calibrationPredictions">Ŷ of the calibration units (held out from the predictor's training).</param>
    /// <param name="calibrationOutcomes">Y of the same units, in the same order.</param>
    /// <exception cref="ArgumentException">Fewer than three pairs, mismatched lengths, non-finite values, outcomes without
    /// spread, or a slope that is not positive (the correction would divide by zero or flip the sign of every effect).</exception>
    public static LinearCalibrationCorrection Fit(IReadOnlyList<double> calibrationPredictions, IReadOnlyList<double> calibrationOutcomes)
    {
        Guard.NotNull(calibrationPredictions, nameof(calibrationPredictions));
        Guard.NotNull(calibrationOutcomes, nameof(calibrationOutcomes));
        int n = calibrationPredictions.Count;
        if (calibrationOutcomes.Count != n)
            throw new ArgumentException($"calibrationOutcomes must hold one outcome per prediction ({n}); it holds {calibrationOutcomes.Count}.", nameof(calibrationOutcomes));
        if (n < 3) throw new ArgumentException($"calibrationPredictions must hold at least three calibration units; got {n}.", nameof(calibrationPredictions));
        Guard.Finite(calibrationPredictions, nameof(calibrationPredictions));
        Guard.Finite(calibrationOutcomes, nameof(calibrationOutcomes));
        double meanY = calibrationOutcomes.Average(), meanHat = calibrationPredictions.Average();
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            double dy = calibrationOutcomes[i] - meanY;
            sxx += dy * dy;
            sxy += dy * (calibrationPredictions[i] - meanHat);
        }
        if (!(sxx > 0)) throw new ArgumentException("calibrationOutcomes has no spread (all values equal); the slope is undefined.", nameof(calibrationOutcomes));
        double slope = sxy / sxx, intercept = meanHat - slope * meanY;
        if (!(slope > 0))
            throw new ArgumentException($"the calibration slope of the predictions on the outcomes is {slope:G4}; it must be positive for the correction (Ŷ − a)/b.", nameof(calibrationPredictions));
        double rss = 0;
        for (int i = 0; i < n; i++)
        {
            double e = calibrationPredictions[i] - intercept - slope * calibrationOutcomes[i];
            rss += e * e;
        }
        return new LinearCalibrationCorrection(intercept, slope, Math.Sqrt(rss / (n - 2) / sxx), n);
    }

    /// <summary>Ỹ = (Ŷ − a)/b for every prediction.</summary>
    public double[] Correct(IReadOnlyList<double> predictions)
    {
        Guard.NotNull(predictions, nameof(predictions));
        Guard.Finite(predictions, nameof(predictions));
        var corrected = new double[predictions.Count];
        for (int i = 0; i < corrected.Length; i++) corrected[i] = (predictions[i] - Intercept) / Slope;
        return corrected;
    }

    /// <summary>
    /// The average treatment effect of a randomised trial measured on corrected predictions: the difference in means of
    /// Ỹ (<see cref="DifferenceInMeans"/>), τ̂ = (mean Ŷ₁ − mean Ŷ₀)/b̂. Its standard error is
    /// √(SE²_DiM(Ỹ) + (τ̂·SE(b̂)/b̂)²) when <paramref name="includeCalibrationError"/> (the delta method for the ratio,
    /// calibration and trial samples independent), else the difference-in-means standard error alone.
    /// </summary>
    public EstimateResult Effect(IReadOnlyList<double> predictions, IReadOnlyList<bool> treated, double level = 0.95, bool includeCalibrationError = true)
    {
        var plain = DifferenceInMeans.Estimate(Correct(predictions), treated, level);
        if (!includeCalibrationError) return plain;
        double relative = SlopeStandardError / Slope;
        double se = Math.Sqrt(plain.StandardError * plain.StandardError + plain.Estimate * plain.Estimate * relative * relative);
        return EstimateResult.FromStandardError(plain.Estimate, se, level, plain.N);
    }
}
