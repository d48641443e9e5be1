using DebiasKit.Stats;

namespace DebiasKit.Causal;

/// <summary>
/// Tweedie's correction of machine-learning predictions that are shrunk toward the mean (Pettersson, Jerzak and Daoud,
/// "Debiasing Machine Learning Predictions for Causal Inference Without Additional Ground Truth Data: 'One Map, Many
/// Trials' in Satellite-Driven Poverty Analysis", AAAI 2026, arXiv:2508.01341). A predictor trained for accuracy acts like
/// a posterior mean, Ŷ = E[Y | Z] for a noisy measurement Z = Y + ε, ε ~ N(0, σ²); Tweedie's formula (Robbins 1956;
/// Efron 2011) says E[Y | Z] = Z + σ²·∂_z log p_Z(Z), so the un-shrunk measurement is recovered as
/// Ỹ = Ŷ − σ²·∂_ŷ log p_Ŷ(Ŷ), with the score of the prediction density standing in for that of Z (the paper's
/// "score swap"). σ² is the variance of the prediction errors Ŷ − Y and p_Ŷ a kernel density of the predictions, both
/// from a held-out calibration set, so no label is needed at the trial stage. The correction is local: where the
/// predictions pile up (strong shrinkage) the score is steep and the de-shrinking strong.
/// <para>Sign and estimator pinned to the reference package <c>unshrink</c> (<c>TweedieDebiaser</c>, README
/// "ỹ = z − σ²·d/dz log p_Ŷ(z)"): σ = the population standard deviation (ddof = 0, <c>np.std</c>) of the calibration
/// residuals Ŷ − Y; p_Ŷ = <c>scipy.stats.gaussian_kde</c> of the calibration predictions (Scott's bandwidth, see
/// <see cref="KernelDensity"/>). Difference, on purpose: the score is the kernel density's exact derivative instead of a
/// central finite difference. Check: if Y ~ N(μ, s²) and Ŷ = E[Y | Y + ε] exactly, the correction returns Y + ε, whose
/// mean given Y is Y (the tests verify this closed form).</para>
/// </summary>
public sealed class TweedieCorrection
{
    private TweedieCorrection(double noiseVariance, KernelDensity density)
    {
        NoiseVariance = noiseVariance;
        Density = density;
    }

    /// <summary>σ², the variance of the calibration residuals Ŷ − Y.</summary>
    public double NoiseVariance { get; }

    /// <summary>The kernel density of the calibration predictions whose score drives the correction.</summary>
    public KernelDensity Density { get; }

    /// <summary>Fits σ² and the prediction density on a held-out calibration set.</summary>
    /// <param name="calibrationPredictions">Ŷ of the calibration units (at least two, not all equal).</param>
    /// <param name="calibrationOutcomes">Y of the same units, in the same order.</param>
    /// <param name="bandwidth">Kernel width, or null for Scott's rule.</param>
    public static TweedieCorrection Fit(IReadOnlyList<double> calibrationPredictions, IReadOnlyList<double> calibrationOutcomes, double? bandwidth = null)
    {
        Guard.NotNull(calibrationPredictions, nameof(calibrationPredictions));
        Guard.NotNull(calibrationOutcomes, nameof(calibrationOutcomes));
        int n = calibrationPredictions.Count;
        if (calibrationOutcomes.Count != n)
            throw new ArgumentException($"calibrationOutcomes must hold one outcome per prediction ({n}); it holds {calibrationOutcomes.Count}.", nameof(calibrationOutcomes));
        if (n < 2) throw new ArgumentException($"calibrationPredictions must hold at least two calibration units; got {n}.", nameof(calibrationPredictions));
        Guard.Finite(calibrationPredictions, nameof(calibrationPredictions));
        Guard.Finite(calibrationOutcomes, nameof(calibrationOutcomes));
        var residuals = calibrationPredictions.Select((p, i) => p - calibrationOutcomes[i]).ToArray();
        double mean = residuals.Average();
        double variance = residuals.Sum(r => (r - mean) * (r - mean)) / n;
        return new TweedieCorrection(variance, KernelDensity.Fit(calibrationPredictions, bandwidth));
    }

    /// <summary>Ỹ = Ŷ − σ²·∂ log p̂_Ŷ(Ŷ) for every prediction, with the fitted σ² and kernel density.</summary>
    public double[] Correct(IReadOnlyList<double> predictions)
    {
        Guard.NotNull(predictions, nameof(predictions));
        Guard.Finite(predictions, nameof(predictions));
        var scores = Density.Score(predictions);                 // one pass with reused buffers
        var corrected = new double[predictions.Count];
        for (int i = 0; i < corrected.Length; i++) corrected[i] = predictions[i] - NoiseVariance * scores[i];
        return corrected;
    }

    /// <summary>Tweedie's formula with any score function: Ỹᵢ = Ŷᵢ − σ²·score(Ŷᵢ).</summary>
    /// <param name="predictions">Ŷ, finite.</param>
    /// <param name="noiseVariance">σ² ≥ 0 (0 leaves the predictions unchanged).</param>
    /// <param name="score">∂ log p(ŷ)/∂ŷ, for example <see cref="KernelDensity.Score(double)"/> or a known density's.</param>
    public static double[] Apply(IReadOnlyList<double> predictions, double noiseVariance, Func<double, double> score)
    {
        Guard.NotNull(predictions, nameof(predictions));
        Guard.NotNull(score, nameof(score));
        Guard.Finite(predictions, nameof(predictions));
        Guard.NonNegative(noiseVariance, nameof(noiseVariance));
        var corrected = new double[predictions.Count];
        for (int i = 0; i < corrected.Length; i++)
        {
            double s = score(predictions[i]);
            if (!double.IsFinite(s)) throw new ArgumentException($"score returned {s} at prediction {i} ({predictions[i]}); it must be finite.", nameof(score));
            corrected[i] = predictions[i] - noiseVariance * s;
        }
        return corrected;
    }

    /// <summary>
    /// The average treatment effect of a randomised trial measured on corrected predictions: the difference in means of Ỹ
    /// with Neyman's standard error (<see cref="DifferenceInMeans"/>). The interval treats σ² and the density as known: it
    /// does not carry their calibration-sample error.
    /// </summary>
    public EstimateResult Effect(IReadOnlyList<double> predictions, IReadOnlyList<bool> treated, double level = 0.95) =>
        DifferenceInMeans.Estimate(Correct(predictions), treated, level);
}
