
namespace DebiasKit.Causal;

/// <summary>
/// The difference-in-means estimator of the average treatment effect in a completely randomised experiment,
/// with Neyman's conservative standard error √(s₁²/n₁ + s₀²/n₀) and a normal (z) interval.
/// It is the baseline every causal notebook of the kit compares against on experimental data.
/// </summary>
public static class DifferenceInMeans
{
    /// <param name="outcomes">Outcome of every unit; finite.</param>
    /// <param name="treated">Treatment indicator of every unit.</param>
    /// <param name="level">Confidence level in (0, 1), for example 0.95.</param>
    /// <exception cref="ArgumentException">Mismatched lengths, NaN outcomes, or fewer than two units in an arm.</exception>
    public static EstimateResult Estimate(IReadOnlyList<double> outcomes, IReadOnlyList<bool> treated, double level = 0.95)
    {
        Guard.NotNull(outcomes, nameof(outcomes));
        Guard.NotNull(treated, nameof(treated));
        if (outcomes.Count != treated.Count)
            throw new ArgumentException($"outcomes has {outcomes.Count} values but treated has {treated.Count}.", nameof(treated));
        Guard.Finite(outcomes, nameof(outcomes));
        Guard.InRange(level, 0, 1, nameof(level), lowOpen: true, highOpen: true);
        var arm1 = outcomes.Where((_, i) => treated[i]).ToArray();
        var arm0 = outcomes.Where((_, i) => !treated[i]).ToArray();
        if (arm1.Length < 2 || arm0.Length < 2)
            throw new ArgumentException($"each arm needs at least two units; got {arm1.Length} treated and {arm0.Length} control.", nameof(treated));
        double estimate = arm1.Average() - arm0.Average();
        double se = Math.Sqrt(SampleVariance(arm1) / arm1.Length + SampleVariance(arm0) / arm0.Length);
        return EstimateResult.FromStandardError(estimate, se, level, outcomes.Count);
    }

    private static double SampleVariance(double[] values)
    {
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }
}
