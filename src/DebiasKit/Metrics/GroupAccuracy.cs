namespace DebiasKit.Metrics;

/// <summary>
/// Accuracy within groups (for example (class, spurious attribute) pairs such as Waterbirds' (bird, background)): the
/// per-group accuracies, their plain average over examples, their unweighted mean and the worst group's accuracy, the
/// robustness measure of group-shift papers (Sagawa et al., 2020; Chuang et al., 2023).
/// </summary>
/// <param name="Average">Accuracy over all examples.</param>
/// <param name="MeanOverGroups">Unweighted mean of the per-group accuracies (groups without examples skipped).</param>
/// <param name="Worst">Lowest per-group accuracy among groups with examples.</param>
/// <param name="PerGroup">Accuracy of each group; NaN for a group with no examples.</param>
public sealed record GroupAccuracy(double Average, double MeanOverGroups, double Worst, IReadOnlyList<double> PerGroup)
{
    /// <summary>Computes the group accuracies.</summary>
    /// <param name="predicted">Predicted class per example.</param>
    /// <param name="actual">True class per example.</param>
    /// <param name="groups">Group per example, in [0, <paramref name="groupCount"/>).</param>
    /// <param name="groupCount">Number of groups.</param>
    public static GroupAccuracy Compute(IReadOnlyList<long> predicted, IReadOnlyList<long> actual, IReadOnlyList<long> groups, int groupCount)
    {
        Guard.NotNull(predicted, nameof(predicted));
        Guard.NotNull(actual, nameof(actual));
        Guard.NotNull(groups, nameof(groups));
        Guard.Positive(groupCount, nameof(groupCount));
        if (actual.Count == 0) throw new ArgumentException("actual must hold at least one label.", nameof(actual));
        if (predicted.Count != actual.Count)
            throw new ArgumentException($"predicted has {predicted.Count} labels but actual has {actual.Count}.", nameof(predicted));
        if (groups.Count != actual.Count)
            throw new ArgumentException($"groups has {groups.Count} entries but actual has {actual.Count}.", nameof(groups));
        var correct = new long[groupCount];
        var total = new long[groupCount];
        long allCorrect = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            long g = groups[i];
            if (g < 0 || g >= groupCount)
                throw new ArgumentOutOfRangeException(nameof(groups), g, $"groups[{i}] is {g}; groups must lie in [0, {groupCount - 1}].");
            total[g]++;
            if (predicted[i] == actual[i]) { correct[g]++; allCorrect++; }
        }
        var perGroup = Enumerable.Range(0, groupCount).Select(g => total[g] == 0 ? double.NaN : (double)correct[g] / total[g]).ToArray();
        var present = perGroup.Where(v => !double.IsNaN(v)).ToArray();
        return new GroupAccuracy((double)allCorrect / actual.Count, present.Average(), present.Min(), perGroup);
    }

    /// <summary>The worst group's accuracy (see <see cref="Compute"/>).</summary>
    public static double WorstGroupAccuracy(IReadOnlyList<long> predicted, IReadOnlyList<long> actual, IReadOnlyList<long> groups, int groupCount) =>
        Compute(predicted, actual, groups, groupCount).Worst;
}
