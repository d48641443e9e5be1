namespace DebiasKit.Data;

/// <summary>Labels after noise injection, with which of them were changed.</summary>
public sealed record NoisyLabels(long[] Labels, bool[] Flipped)
{
    /// <summary>The share of labels that were changed.</summary>
    public double Rate => Flipped.Length == 0 ? 0 : Flipped.Count(f => f) / (double)Flipped.Length;
}

/// <summary>
/// Seeded label noise for real data sets, the two standard forms of the noisy-label literature that papers on noisy
/// long-tailed data (for example RCAL, paper 113) inject: <b>symmetric</b> noise replaces a label, with probability
/// <c>rate</c>, by one of the other K − 1 classes chosen uniformly; <b>asymmetric</b> (class-dependent) noise moves a
/// label of class c to a fixed other class target[c] with probability <c>rate</c> (the "pair flip" c → c + 1 mod K is
/// <see cref="PairFlip"/>). A noise "rate" is thus the probability that a label is wrong, never a no-op redraw of the
/// same class.
/// </summary>
public static class LabelNoise
{
    /// <summary>Each label is replaced, with probability <paramref name="rate"/>, by a uniformly chosen other class.</summary>
    /// <param name="labels">Clean labels in [0, <paramref name="classes"/>).</param>
    /// <param name="classes">K ≥ 2.</param>
    /// <param name="rate">Probability that a label is changed, in [0, 1].</param>
    /// <param name="seed">Seeds which labels change and to what.</param>
    public static NoisyLabels Symmetric(IReadOnlyList<long> labels, int classes, double rate, int seed)
    {
        Check(labels, classes, rate);
        var random = new Random(seed);
        var noisy = new long[labels.Count];
        var flipped = new bool[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            noisy[i] = labels[i];
            if (random.NextDouble() < rate)
            {
                long other = random.Next(classes - 1);          // one of the K − 1 other classes, uniformly
                noisy[i] = other >= labels[i] ? other + 1 : other;
                flipped[i] = true;
            }
        }
        return new NoisyLabels(noisy, flipped);
    }

    /// <summary>Each label of class c becomes <paramref name="target"/>[c] with probability <paramref name="rate"/>.</summary>
    /// <param name="labels">Clean labels in [0, K) with K = target.Count.</param>
    /// <param name="target">For each class, the class its noisy labels move to (not itself).</param>
    /// <param name="rate">Probability that a label is changed, in [0, 1].</param>
    /// <param name="seed">Seeds which labels change.</param>
    public static NoisyLabels Asymmetric(IReadOnlyList<long> labels, IReadOnlyList<long> target, double rate, int seed)
    {
        Guard.NotNull(target, nameof(target));
        Check(labels, target.Count, rate);
        for (int c = 0; c < target.Count; c++)
            if (target[c] < 0 || target[c] >= target.Count || target[c] == c)
                throw new ArgumentOutOfRangeException(nameof(target), target[c], $"target[{c}] is {target[c]}; it must be another class in [0, {target.Count - 1}].");
        var random = new Random(seed);
        var noisy = new long[labels.Count];
        var flipped = new bool[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            bool flip = random.NextDouble() < rate;
            noisy[i] = flip ? target[(int)labels[i]] : labels[i];
            flipped[i] = flip;
        }
        return new NoisyLabels(noisy, flipped);
    }

    /// <summary>The pair-flip targets c → (c + 1) mod K for <see cref="Asymmetric"/>.</summary>
    public static long[] PairFlip(int classes)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 2.");
        return Enumerable.Range(0, classes).Select(c => (long)((c + 1) % classes)).ToArray();
    }

    private static void Check(IReadOnlyList<long> labels, int classes, double rate)
    {
        Guard.NotNull(labels, nameof(labels));
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 2 for labels to be changed.");
        Guard.InRange(rate, 0, 1, nameof(rate));
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"labels[{i}] is {labels[i]}; labels must lie in [0, {classes - 1}].");
    }
}
