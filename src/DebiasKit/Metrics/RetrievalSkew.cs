namespace DebiasKit.Metrics;

/// <summary>
/// Skew of a ranked list with respect to a protected attribute (Geyik, Ambler and Kenthapadi, 2019, "Fairness-aware
/// ranking in search &amp; recommendation systems"; used for CLIP retrieval by Berg et al., 2022, and SANER, Hirota et al.,
/// 2025): Skew_a@K = ln(p_a(top K) / q_a), with p_a the share of attribute value a among the top K results and q_a its
/// desired share (uniform by default); MaxSkew@K = max_a Skew_a@K. Zero means the top K follow the desired shares
/// exactly; ln(1/q_max) is reached when the top K hold a single value.
/// </summary>
public static class RetrievalSkew
{
    /// <summary>MaxSkew@K of one ranked list.</summary>
    /// <param name="rankedAttributes">Attribute value of each retrieved item, best first (at least <paramref name="k"/> items).</param>
    /// <param name="attributeCount">Number of attribute values (≥ 2).</param>
    /// <param name="k">Cut-off K (≥ 1).</param>
    /// <param name="desiredShares">Desired share of each value (positive, summing to 1); null = uniform.</param>
    public static double MaxSkewAtK(IReadOnlyList<long> rankedAttributes, int attributeCount, int k, IReadOnlyList<double>? desiredShares = null)
    {
        Guard.NotNull(rankedAttributes, nameof(rankedAttributes));
        if (attributeCount < 2) throw new ArgumentOutOfRangeException(nameof(attributeCount), attributeCount, "attributeCount must be at least 2.");
        if (k < 1 || k > rankedAttributes.Count)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in [1, {rankedAttributes.Count}] (the length of the ranked list).");
        var desired = desiredShares?.ToArray() ?? Enumerable.Repeat(1.0 / attributeCount, attributeCount).ToArray();
        if (desired.Length != attributeCount)
            throw new ArgumentException($"desiredShares has {desired.Length} entries but there are {attributeCount} attribute values.", nameof(desiredShares));
        if (desired.Any(q => !(q > 0) || !double.IsFinite(q)) || Math.Abs(desired.Sum() - 1) > 1e-9)
            throw new ArgumentException("desiredShares must be positive and sum to 1.", nameof(desiredShares));
        var counts = new long[attributeCount];
        for (int i = 0; i < k; i++)
        {
            long a = rankedAttributes[i];
            if (a < 0 || a >= attributeCount)
                throw new ArgumentOutOfRangeException(nameof(rankedAttributes), a, $"rankedAttributes[{i}] is {a}; values must lie in [0, {attributeCount - 1}].");
            counts[a]++;
        }
        double max = double.NegativeInfinity;
        for (int a = 0; a < attributeCount; a++)
            if (counts[a] > 0) max = Math.Max(max, Math.Log(counts[a] / (double)k / desired[a]));
        return max;
    }

    /// <summary>The mean MaxSkew@K over several ranked lists (one per query).</summary>
    public static double MeanMaxSkewAtK(IReadOnlyList<IReadOnlyList<long>> rankedLists, int attributeCount, int k, IReadOnlyList<double>? desiredShares = null)
    {
        Guard.NotNull(rankedLists, nameof(rankedLists));
        if (rankedLists.Count == 0) throw new ArgumentException("rankedLists must hold at least one list.", nameof(rankedLists));
        return rankedLists.Average(list => MaxSkewAtK(list, attributeCount, k, desiredShares));
    }
}
