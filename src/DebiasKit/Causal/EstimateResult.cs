using System.Globalization;
using MathNet.Numerics.Distributions;

namespace DebiasKit.Causal;

/// <summary>
/// What an estimator returns: the point estimate, its standard error, a confidence interval at
/// <see cref="Level"/>, and the number of observations used.
/// </summary>
public sealed record EstimateResult(double Estimate, double StandardError, double Lower, double Upper, double Level, int N)
{
    /// <summary>The normal (z) interval estimate ± z·SE at <paramref name="level"/>, the form every estimator of the kit reports.</summary>
    public static EstimateResult FromStandardError(double estimate, double standardError, double level, int n)
    {
        double z = Normal.InvCDF(0, 1, 0.5 + level / 2);
        return new EstimateResult(estimate, standardError, estimate - z * standardError, estimate + z * standardError, level, n);
    }

    /// <summary>
    /// The mean of per-unit scores (doubly robust scores, pseudo-outcomes) with the standard error sd/√n (ddof = 1) and a
    /// normal interval.
    /// </summary>
    /// <param name="scores">At least two finite values.</param>
    /// <param name="level">Confidence level in (0, 1).</param>
    /// <param name="name">The caller's argument name, for error messages.</param>
    public static EstimateResult MeanOf(IReadOnlyList<double> scores, double level, string name = "scores")
    {
        Guard.NotNull(scores, name);
        int n = scores.Count;
        if (n < 2) throw new ArgumentException($"{name} holds {n} values; the estimate needs at least two.", name);
        Guard.Finite(scores, name);
        Guard.InRange(level, 0, 1, nameof(level), lowOpen: true, highOpen: true);
        double mean = scores.Average();
        double variance = scores.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        return FromStandardError(mean, Math.Sqrt(variance / n), level, n);
    }

    /// <summary>True when the interval contains <paramref name="value"/>.</summary>
    public bool Covers(double value) => Lower <= value && value <= Upper;

    /// <summary>Interval width.</summary>
    public double Width => Upper - Lower;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Estimate:G4} (SE {StandardError:G3}; {Level:P0} CI [{Lower:G4}, {Upper:G4}]; n = {N})");
}
