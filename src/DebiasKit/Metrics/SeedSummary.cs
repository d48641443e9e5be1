using System.Globalization;

namespace DebiasKit.Metrics;

/// <summary>
/// A quantity measured once per seed: the per-seed values, their mean and their spread (the sample standard
/// deviation, n − 1 in the denominator; 0 for a single seed).
/// </summary>
public sealed record SeedSummary(double Mean, double Spread, IReadOnlyList<double> Values)
{
    /// <summary>Summarises per-seed values.</summary>
    public static SeedSummary Of(IEnumerable<double> values)
    {
        Guard.NotNull(values, nameof(values));
        var array = values.ToArray();
        if (array.Length == 0) throw new ArgumentException("values must hold at least one per-seed value.", nameof(values));
        Guard.Finite(array, nameof(values));
        double mean = array.Average();
        double spread = array.Length < 2 ? 0 : Math.Sqrt(array.Sum(v => (v - mean) * (v - mean)) / (array.Length - 1));
        return new SeedSummary(mean, spread, array);
    }

    /// <summary>Per-seed differences this − baseline (same seeds, same order), summarised.</summary>
    public SeedSummary Minus(SeedSummary baseline)
    {
        Guard.NotNull(baseline, nameof(baseline));
        if (baseline.Values.Count != Values.Count)
            throw new ArgumentException($"baseline has {baseline.Values.Count} seeds but this summary has {Values.Count}.", nameof(baseline));
        return Of(Values.Zip(baseline.Values, (a, b) => a - b));
    }

    /// <summary>"mean ± spread" with the given number of decimals.</summary>
    public string ToString(int decimals) =>
        Mean.ToString("F" + decimals, CultureInfo.InvariantCulture) + " ± " + Spread.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => ToString(3);
}
