namespace DebiasKit.Metrics;

/// <summary>
/// Regression between two versions of a classifier: a negative flip is an example the old model got right and the new
/// model gets wrong (Yan et al., "Positive-Congruent Training: Towards Regression-Free Model Updates", CVPR 2021).
/// </summary>
public static class NegativeFlips
{
    /// <summary>
    /// Negative flip rate NFR = (1/n) Σ_i 1[old_i = y_i] · 1[new_i ≠ y_i]: the share of all examples that the update breaks.
    /// </summary>
    /// <param name="oldPredicted">Classes predicted by the old model.</param>
    /// <param name="newPredicted">Classes predicted by the new model.</param>
    /// <param name="actual">True classes.</param>
    public static double Rate(IReadOnlyList<long> oldPredicted, IReadOnlyList<long> newPredicted, IReadOnlyList<long> actual) =>
        (double)Count(oldPredicted, newPredicted, actual) / actual.Count;

    /// <summary>The number of negative flips (see <see cref="Rate"/>).</summary>
    public static long Count(IReadOnlyList<long> oldPredicted, IReadOnlyList<long> newPredicted, IReadOnlyList<long> actual)
    {
        Guard.NotNull(oldPredicted, nameof(oldPredicted));
        Guard.NotNull(newPredicted, nameof(newPredicted));
        Guard.NotNull(actual, nameof(actual));
        if (actual.Count == 0) throw new ArgumentException("actual must hold at least one example.", nameof(actual));
        if (oldPredicted.Count != actual.Count)
            throw new ArgumentException($"oldPredicted has {oldPredicted.Count} values but actual has {actual.Count}.", nameof(oldPredicted));
        if (newPredicted.Count != actual.Count)
            throw new ArgumentException($"newPredicted has {newPredicted.Count} values but actual has {actual.Count}.", nameof(newPredicted));
        long flips = 0;
        for (int i = 0; i < actual.Count; i++)
            if (oldPredicted[i] == actual[i] && newPredicted[i] != actual[i]) flips++;
        return flips;
    }
}
