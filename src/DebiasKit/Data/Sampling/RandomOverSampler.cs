namespace DebiasKit.Data.Sampling;

/// <summary>
/// Random over-sampling with replacement ("replication"), the baseline the SMOTE paper (Chawla, Bowyer, Hall and
/// Kegelmeyer, JAIR 16, 2002, Section 4.1) sets SMOTE against: a class grows by copies of its own examples, drawn
/// uniformly with replacement (imbalanced-learn's RandomOverSampler without shrinkage).
/// <para>
/// Variant pinned: the copies are drawn with replacement (not "every example ⌊m/n⌋ times, then the rest at random",
/// the scheme <see cref="Smote"/> uses for its bases), as imbalanced-learn does. The result lists the original indices
/// first (0 … n − 1 in order), then the copied indices in class order (classes sorted), so it can index any per-row
/// data (features, tensors, images).
/// </para>
/// </summary>
public static class RandomOverSampler
{
    /// <summary>Row indices of the over-sampled set: 0 … n − 1, then, for each class named in <paramref name="targetCounts"/>, target − count random rows of that class.</summary>
    /// <param name="labels">The class of every row.</param>
    /// <param name="targetCounts">Class → the count it should have afterwards (at least its current count). Classes not named keep their count.</param>
    /// <param name="seed">Seed of the generator.</param>
    public static int[] Sample(IReadOnlyList<long> labels, IReadOnlyDictionary<long, int> targetCounts, int seed = 0)
    {
        Guard.NotNull(labels, nameof(labels));
        Guard.NotNull(targetCounts, nameof(targetCounts));
        var members = new SortedDictionary<long, List<int>>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (!members.TryGetValue(labels[i], out var list)) members[labels[i]] = list = [];
            list.Add(i);
        }
        foreach (var (cls, target) in targetCounts)
        {
            if (!members.TryGetValue(cls, out var list))
                throw new ArgumentException($"targetCounts names class {cls}, which has no example in labels.", nameof(targetCounts));
            if (target < list.Count)
                throw new ArgumentOutOfRangeException(nameof(targetCounts), target,
                    $"targetCounts[{cls}] is {target} but the class already has {list.Count} examples; over-sampling only adds examples.");
        }
        var rng = new Random(seed);
        var result = new List<int>(Enumerable.Range(0, labels.Count));
        foreach (var (cls, list) in members)
        {
            if (!targetCounts.TryGetValue(cls, out int target)) continue;
            for (int r = list.Count; r < target; r++) result.Add(list[rng.Next(list.Count)]);
        }
        return result.ToArray();
    }

    /// <summary>Indices that over-sample every class up to the largest class's count.</summary>
    public static int[] Balance(IReadOnlyList<long> labels, int seed = 0)
    {
        Guard.NotNull(labels, nameof(labels));
        if (labels.Count == 0) throw new ArgumentException("labels must not be empty.", nameof(labels));
        return Sample(labels, ClassTargets.UpToLargest(labels), seed);   // the largest class keeps its count
    }
}
