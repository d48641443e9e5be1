namespace DebiasKit.Data.Sampling;

/// <summary>Target class counts shared by the over-samplers.</summary>
internal static class ClassTargets
{
    /// <summary>Every class below the largest class's count, mapped to that count (imbalanced-learn's "not majority").</summary>
    public static Dictionary<long, int> UpToLargest(IReadOnlyList<long> labels)
    {
        var counts = labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        int max = counts.Values.Max();
        return counts.Where(kv => kv.Value < max).ToDictionary(kv => kv.Key, _ => max);
    }
}
