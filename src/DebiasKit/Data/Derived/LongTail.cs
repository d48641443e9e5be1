namespace DebiasKit.Data;

/// <summary>Long-tailed class profiles and subsets, as in the long-tailed CIFAR benchmarks.</summary>
public static class LongTail
{
    /// <summary>
    /// The exponential profile n_i = ⌊n_max · ratio^(−i/(C−1))⌋ for classes i = 0 … C−1, so class 0 has
    /// <paramref name="headCount"/> examples and the last class n_max / ratio (the construction of the long-tailed
    /// CIFAR of Cui et al. 2019 and Cao et al. 2019).
    /// </summary>
    /// <param name="classes">Number of classes C ≥ 2.</param>
    /// <param name="headCount">Examples of the most frequent class.</param>
    /// <param name="imbalanceRatio">n_max / n_min ≥ 1.</param>
    public static long[] ExponentialCounts(int classes, long headCount, double imbalanceRatio)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 2.");
        Guard.Positive(headCount, nameof(headCount));
        if (!(imbalanceRatio >= 1) || double.IsInfinity(imbalanceRatio))
            throw new ArgumentOutOfRangeException(nameof(imbalanceRatio), imbalanceRatio, "imbalanceRatio must be a finite number ≥ 1.");
        var counts = new long[classes];
        for (int i = 0; i < classes; i++)
            counts[i] = (long)Math.Floor(headCount * Math.Pow(imbalanceRatio, -i / (classes - 1.0)) + 1e-9);
        if (counts[^1] < 1)
            throw new ArgumentException($"headCount {headCount} at ratio {imbalanceRatio} leaves the rarest class empty; raise headCount.", nameof(headCount));
        return counts;
    }

    /// <summary>
    /// Indices of a seeded subset with <paramref name="counts"/>[c] examples of each class c: a seeded shuffle of
    /// each class's indices, keeping the first counts[c]. The result is sorted, so the subset keeps the source order.
    /// </summary>
    /// <param name="labels">Class label of every example of the source.</param>
    /// <param name="counts">Examples wanted per class.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public static long[] SubsetIndices(IReadOnlyList<long> labels, IReadOnlyList<long> counts, int seed)
    {
        Guard.NotNull(labels, nameof(labels));
        Guard.NotNull(counts, nameof(counts));
        var byClass = Enumerable.Range(0, counts.Count).Select(_ => new List<long>()).ToArray();
        for (int i = 0; i < labels.Count; i++)
        {
            long label = labels[i];
            if (label < 0 || label >= counts.Count)
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"labels[{i}] is {label}; counts covers classes 0 to {counts.Count - 1}.");
            byClass[label].Add(i);
        }
        var random = new Random(seed);
        var chosen = new List<long>();
        for (int c = 0; c < counts.Count; c++)
        {
            if (counts[c] < 0) throw new ArgumentOutOfRangeException(nameof(counts), counts[c], $"counts[{c}] must not be negative.");
            if (counts[c] > byClass[c].Count)
                throw new ArgumentException($"counts[{c}] asks for {counts[c]} examples but class {c} has only {byClass[c].Count}.", nameof(counts));
            var pool = byClass[c].ToArray();
            random.Shuffle(pool);
            chosen.AddRange(pool.Take((int)counts[c]));
        }
        chosen.Sort();
        return chosen.ToArray();
    }

    /// <summary>
    /// A seeded long-tailed subset with the exponential profile of <see cref="ExponentialCounts"/>: class 0 keeps
    /// the most examples and class C−1 a 1/<paramref name="imbalanceRatio"/> share of that. Indices are into
    /// <paramref name="labels"/> and come from <paramref name="candidates"/> (e.g. a split's train part; all when
    /// null). The head count defaults to the largest for which every class i has at least
    /// headCount · ratio^(−i/(C−1)) candidates.
    /// </summary>
    /// <param name="labels">Class label of every example of the source, in [0, classes).</param>
    /// <param name="classes">Number of classes C.</param>
    /// <param name="imbalanceRatio">n_max / n_min ≥ 1.</param>
    /// <param name="seed">Seed of which examples are kept.</param>
    /// <param name="candidates">Indices to draw from; default all.</param>
    /// <param name="headCount">Examples of class 0; default the largest the candidates allow at this exact profile.</param>
    public static long[] Subset(IReadOnlyList<long> labels, int classes, double imbalanceRatio, int seed,
        IReadOnlyList<long>? candidates = null, long? headCount = null)
    {
        Guard.NotNull(labels, nameof(labels));
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 2.");
        if (!(imbalanceRatio >= 1) || double.IsInfinity(imbalanceRatio))
            throw new ArgumentOutOfRangeException(nameof(imbalanceRatio), imbalanceRatio, "imbalanceRatio must be a finite number ≥ 1.");
        var pool = candidates ?? Enumerable.Range(0, labels.Count).Select(i => (long)i).ToArray();
        var poolLabels = new long[pool.Count];
        var available = new long[classes];
        for (int k = 0; k < pool.Count; k++)
        {
            if (pool[k] < 0 || pool[k] >= labels.Count)
                throw new ArgumentOutOfRangeException(nameof(candidates), pool[k], $"candidates[{k}] must lie in [0, {labels.Count - 1}].");
            poolLabels[k] = labels[(int)pool[k]];
            if (poolLabels[k] < 0 || poolLabels[k] >= classes)
                throw new ArgumentOutOfRangeException(nameof(labels), poolLabels[k], $"labels[{pool[k]}] is {poolLabels[k]}; classes is {classes}.");
            available[poolLabels[k]]++;
        }
        long head = headCount ?? Enumerable.Range(0, classes)
            .Min(i => (long)Math.Floor(available[i] * Math.Pow(imbalanceRatio, i / (classes - 1.0)) + 1e-9));
        var counts = ExponentialCounts(classes, head, imbalanceRatio);
        var chosen = SubsetIndices(poolLabels, counts, seed);
        var result = chosen.Select(k => pool[(int)k]).ToArray();
        Array.Sort(result);
        return result;
    }
}
