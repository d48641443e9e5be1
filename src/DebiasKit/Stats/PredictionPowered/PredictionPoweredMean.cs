using System.Numerics;
using DebiasKit.Causal;

namespace DebiasKit.Stats;

/// <summary>A prediction-powered estimate: the interval of <see cref="EstimateResult"/> and the power-tuning weight λ used.</summary>
public sealed record PredictionPoweredResult(EstimateResult Result, double Lambda);

/// <summary>
/// Prediction-powered inference for a mean (Angelopoulos, Bates, Fannjiang, Jordan and Zrnic, 2023, "Prediction-powered
/// inference", Science 382) and its power-tuned form PPI++ (Angelopoulos, Duchi and Zrnic, 2023, arXiv:2311.01453).
/// With n gold labels Y and predictions Ŷ of them, and predictions Ỹ of N unlabelled units,
/// θ̂_λ = λ·mean(Ỹ) + mean(Y − λŶ), with standard error √(var(λỸ)/N + var(Y − λŶ)/n) and a normal (z) interval.
/// λ = 1 is PPI, λ = 0 the classical estimate; PPI++ picks λ̂ = cov(Y, Ŷ) / ((1 + n/N)·var(Ŷ ∪ Ỹ)) clipped to [0, 1].
/// <para>Variant pinned to the reference package ppi_py (<c>ppi_mean_ci</c>, <c>_calc_lam_glm</c>): the interval's
/// variances and the covariance use the population form (ddof = 0, numpy's default), the pooled prediction variance in
/// λ̂ the sample form (ddof = 1, <c>np.cov</c>); normal intervals, two-sided.</para>
/// <para>The unlabelled predictions are read in one vectorised pass (sum and sum of squares, shifted by their first value
/// for accuracy), which is what makes 10⁷ rows cheap.</para>
/// </summary>
public static class PredictionPoweredMean
{
    /// <summary>PPI (λ = 1 by default), a fixed λ, or PPI++ with <paramref name="lambda"/> = null (estimated).</summary>
    /// <param name="labels">Gold labels Y of the n labelled units (n ≥ 2).</param>
    /// <param name="labelledPredictions">Predictions Ŷ of the same units, in the same order.</param>
    /// <param name="unlabelledPredictions">Predictions Ỹ of the N unlabelled units (N ≥ 2).</param>
    /// <param name="level">Confidence level in (0, 1); 0.9 is ppi_py's default (α = 0.1).</param>
    /// <param name="lambda">Power-tuning weight in [0, 1], or null to estimate it (PPI++).</param>
    public static PredictionPoweredResult Estimate(ReadOnlySpan<double> labels, ReadOnlySpan<double> labelledPredictions,
        ReadOnlySpan<double> unlabelledPredictions, double level = 0.9, double? lambda = 1.0)
    {
        Check(labels, labelledPredictions, unlabelledPredictions, level);
        if (lambda is double fixedLambda) Guard.InRange(fixedLambda, 0, 1, nameof(lambda));
        int n = labels.Length, bigN = unlabelledPredictions.Length;
        var unlabelled = Moments(unlabelledPredictions);                 // mean and ddof-0 variance of Ỹ
        if (!double.IsFinite(unlabelled.Mean) || !double.IsFinite(unlabelled.Variance))
        {
            CheckFinite(unlabelledPredictions, nameof(unlabelledPredictions)); // names the first bad element
            throw new ArgumentException("unlabelledPredictions are too large to average in double precision.", nameof(unlabelledPredictions));
        }
        double meanY = Mean(labels), meanYHat = Mean(labelledPredictions);
        double lam = lambda ?? OptimalLambda(labels, labelledPredictions, meanY, meanYHat, unlabelled, bigN);
        double rectifierMean = meanY - lam * meanYHat;
        double rectifierVariance = 0;
        for (int i = 0; i < n; i++)
        {
            double r = labels[i] - lam * labelledPredictions[i] - rectifierMean;
            rectifierVariance += r * r;
        }
        rectifierVariance /= n;
        double estimate = lam * unlabelled.Mean + rectifierMean;
        double se = Math.Sqrt(lam * lam * unlabelled.Variance / bigN + rectifierVariance / n);
        return new PredictionPoweredResult(Interval(estimate, se, level, n + bigN), lam);
    }

    /// <summary>The classical estimate from the gold labels alone: mean(Y) with standard error std(Y)/√n (ddof = 0, as ppi_py's <c>classical_mean_ci</c>).</summary>
    public static EstimateResult Classical(ReadOnlySpan<double> labels, double level = 0.9) => PlainMean(labels, nameof(labels), level);

    /// <summary>
    /// The naive (imputed) estimate that trusts the predictions: mean(Ỹ) with standard error std(Ỹ)/√N. Its interval
    /// ignores the predictions' bias, so it covers the truth only when the predictor is unbiased.
    /// </summary>
    public static EstimateResult Naive(ReadOnlySpan<double> unlabelledPredictions, double level = 0.9) =>
        PlainMean(unlabelledPredictions, nameof(unlabelledPredictions), level);

    /// <summary>mean(v) with standard error std(v)/√n (ddof = 0) and a normal interval: the classical and the naive estimate alike.</summary>
    private static EstimateResult PlainMean(ReadOnlySpan<double> values, string name, double level)
    {
        if (values.Length < 2) throw new ArgumentException($"{name} must hold at least two values; got {values.Length}.", name);
        CheckFinite(values, name);
        Guard.InRange(level, 0, 1, nameof(level), lowOpen: true, highOpen: true);
        var m = Moments(values);
        return Interval(m.Mean, Math.Sqrt(m.Variance / values.Length), level, values.Length);
    }

    private static double OptimalLambda(ReadOnlySpan<double> y, ReadOnlySpan<double> yHat, double meanY, double meanYHat, (double Mean, double Variance) unlabelled, int bigN)
    {
        int n = y.Length;
        double covariance = 0, sumHat = 0, sumHatSquares = 0;
        for (int i = 0; i < n; i++)
        {
            covariance += (y[i] - meanY) * (yHat[i] - meanYHat);
            double centred = yHat[i] - unlabelled.Mean; // pooled moments around the unlabelled mean
            sumHat += centred;
            sumHatSquares += centred * centred;
        }
        covariance /= n;
        // Pooled sample variance of Ŷ ∪ Ỹ from the unlabelled moments (about their own mean) and the labelled sums.
        double total = n + bigN;
        double pooledMeanShift = sumHat / total;
        double pooledSquares = unlabelled.Variance * bigN + sumHatSquares;
        double pooledVariance = (pooledSquares - total * pooledMeanShift * pooledMeanShift) / (total - 1);
        if (!(pooledVariance > 0)) return 0; // constant predictions carry no information
        return Math.Clamp(covariance / ((1 + (double)n / bigN) * pooledVariance), 0, 1);
    }

    /// <summary>Mean and population variance in one vectorised pass, shifted by the first value for accuracy.</summary>
    private static (double Mean, double Variance) Moments(ReadOnlySpan<double> values) => VectorMoments.Moments(values);

    private static double Mean(ReadOnlySpan<double> values)
    {
        double s = 0;
        foreach (double v in values) s += v;
        return s / values.Length;
    }

    private static EstimateResult Interval(double estimate, double se, double level, int n) => EstimateResult.FromStandardError(estimate, se, level, n);

    private static void Check(ReadOnlySpan<double> labels, ReadOnlySpan<double> labelledPredictions, ReadOnlySpan<double> unlabelledPredictions, double level)
    {
        if (labels.Length < 2) throw new ArgumentException($"labels must hold at least two gold labels; got {labels.Length}.", nameof(labels));
        if (labelledPredictions.Length != labels.Length)
            throw new ArgumentException($"labelledPredictions must hold one prediction per gold label ({labels.Length}); it holds {labelledPredictions.Length}.", nameof(labelledPredictions));
        if (unlabelledPredictions.Length < 2)
            throw new ArgumentException($"unlabelledPredictions must hold at least two predictions; got {unlabelledPredictions.Length}.", nameof(unlabelledPredictions));
        CheckFinite(labels, nameof(labels));
        CheckFinite(labelledPredictions, nameof(labelledPredictions));
        Guard.InRange(level, 0, 1, nameof(level), lowOpen: true, highOpen: true);
        // The (large) unlabelled array is checked through its moments: a NaN or infinity makes them non-finite.
    }

    private static void CheckFinite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentException($"{name} must be finite; element {i} is {values[i]}.", name);
    }
}
