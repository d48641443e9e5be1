namespace DebiasKit.Reporting;

/// <summary>
/// A number a notebook records: its value, the precision it is meaningful to (the tolerance snapshot tests use),
/// and, for a mean over seeds, the per-seed values and their spread.
/// </summary>
/// <param name="Name">A path-like name, for example "ratio100/ldam-drw/balanced_accuracy".</param>
/// <param name="Value">The value (the mean when <paramref name="Values"/> is given).</param>
/// <param name="Precision">Absolute tolerance, for example 0.001.</param>
/// <param name="Spread">Sample standard deviation of <paramref name="Values"/>, when there are several.</param>
/// <param name="Values">Per-seed values, when the metric is a mean over seeds.</param>
/// <param name="Key">Shown in the run report's summary table.</param>
/// <param name="Unit">Optional unit, for example "s".</param>
public sealed record MetricRecord(string Name, double Value, double Precision, double? Spread = null,
    IReadOnlyList<double>? Values = null, bool Key = false, string? Unit = null);

/// <summary>Helpers for precisions.</summary>
public static class Precisions
{
    /// <summary>The number of decimals that shows a value to the given absolute precision (0.001 → 3).</summary>
    public static int Decimals(double precision)
    {
        if (!(precision > 0) || double.IsInfinity(precision)) return 4;
        return Math.Clamp((int)Math.Ceiling(-Math.Log10(precision) - 1e-9), 0, 12);
    }
}
