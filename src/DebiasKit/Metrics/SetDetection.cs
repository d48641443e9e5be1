namespace DebiasKit.Metrics;

/// <summary>How well a flagged set of items recovers a known set (e.g. examples flagged as outliers against the injected ones).</summary>
/// <param name="Flagged">Items flagged.</param>
/// <param name="Actual">Items in the known set.</param>
/// <param name="TruePositives">Flagged items that are in the known set.</param>
public sealed record SetDetection(long Flagged, long Actual, long TruePositives)
{
    /// <summary>TP / flagged; 0 when nothing is flagged (scikit-learn's zero_division = 0).</summary>
    public double Precision => Flagged == 0 ? 0 : (double)TruePositives / Flagged;

    /// <summary>TP / actual; 0 when the known set is empty.</summary>
    public double Recall => Actual == 0 ? 0 : (double)TruePositives / Actual;

    /// <summary>Harmonic mean of precision and recall; 0 when both are 0.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Scores <paramref name="flagged"/> against <paramref name="actual"/> (duplicates count once).</summary>
    public static SetDetection Score(IEnumerable<long> flagged, IEnumerable<long> actual)
    {
        Guard.NotNull(flagged, nameof(flagged));
        Guard.NotNull(actual, nameof(actual));
        var f = flagged.ToHashSet();
        var a = actual.ToHashSet();
        return new SetDetection(f.Count, a.Count, f.Count(a.Contains));
    }
}
