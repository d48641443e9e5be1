namespace DebiasKit.Data.Sampling;

/// <summary>
/// Random majority under-sampling in the terms of the SMOTE paper (Chawla, Bowyer, Hall and Kegelmeyer, JAIR 16, 2002,
/// Section 4.3): "the majority class is under-sampled by randomly removing samples from the majority class population
/// until the minority class becomes some specified percentage of the majority class … if we under-sample the majority
/// class at 200%, it would mean that the modified dataset will contain twice as many elements from the minority class as
/// from the majority class; that is, if the minority class had 50 samples and the majority class had 200 samples and we
/// under-sample majority at 200%, the majority class would end up having 25 samples."
/// <para>
/// Formula pinned: at P %, the majority keeps m = round(n_min · 100 / P) examples (half away from zero), drawn uniformly
/// without replacement, where n_min is the minority count of the set passed in; after SMOTE that is the over-sampled
/// count (the paper's "modified dataset"). When m is at least the majority's size nothing is removed (the paper's
/// smallest percentages leave the raw data); m is at least 1, so the majority never vanishes. Checked against the
/// paper's text (Section 4.3, quoted above). The kept indices are returned in increasing order, so the minority's rows
/// keep their order and position.
/// </para>
/// </summary>
public static class RandomUnderSampler
{
    /// <summary>How many majority examples the paper's P % under-sampling keeps: min(n_maj, max(1, round(n_min·100/P))).</summary>
    /// <param name="minorityCount">Minority examples in the set, at least 1.</param>
    /// <param name="majorityCount">Majority examples in the set, at least 1.</param>
    /// <param name="percent">P &gt; 0: the minority's size as a percentage of the kept majority.</param>
    public static int KeptMajority(int minorityCount, int majorityCount, double percent)
    {
        if (minorityCount < 1) throw new ArgumentOutOfRangeException(nameof(minorityCount), minorityCount, "minorityCount must be at least 1.");
        if (majorityCount < 1) throw new ArgumentOutOfRangeException(nameof(majorityCount), majorityCount, "majorityCount must be at least 1.");
        if (!(percent > 0) || !double.IsFinite(percent))
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "percent must be a finite number above 0 (the minority's size as a percentage of the kept majority).");
        double target = Math.Round(minorityCount * 100.0 / percent, MidpointRounding.AwayFromZero);
        return (int)Math.Min(majorityCount, Math.Max(1, target));
    }

    /// <summary>
    /// Indices (increasing) of the rows kept when the majority class is under-sampled at <paramref name="percent"/> %:
    /// every row not of the majority class, and a uniform random subset of the majority's rows of size
    /// <see cref="KeptMajority"/>.
    /// </summary>
    /// <param name="labels">The class of every row (any long values); minority and majority must both occur.</param>
    /// <param name="majorityClass">The class to under-sample.</param>
    /// <param name="minorityClass">The class whose count sets the target.</param>
    /// <param name="percent">P &gt; 0, as in the paper (it sweeps 10 % … 2000 %).</param>
    /// <param name="seed">Seed of the generator; the same labels and seed give the same indices.</param>
    public static int[] Sample(IReadOnlyList<long> labels, long majorityClass, long minorityClass, double percent, int seed = 0)
    {
        Guard.NotNull(labels, nameof(labels));
        if (majorityClass == minorityClass)
            throw new ArgumentException($"majorityClass and minorityClass must differ; both are {majorityClass}.", nameof(minorityClass));
        var majority = new List<int>();
        int minority = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] == majorityClass) majority.Add(i);
            else if (labels[i] == minorityClass) minority++;
        }
        if (majority.Count == 0) throw new ArgumentException($"labels has no example of majorityClass {majorityClass}.", nameof(majorityClass));
        if (minority == 0) throw new ArgumentException($"labels has no example of minorityClass {minorityClass}.", nameof(minorityClass));
        int keep = KeptMajority(minority, majority.Count, percent);

        // Partial Fisher–Yates over the majority's positions: the first `keep` are a uniform subset.
        var rng = new Random(seed);
        var order = majority.ToArray();
        for (int j = 0; j < keep; j++)
        {
            int swap = j + rng.Next(order.Length - j);
            (order[j], order[swap]) = (order[swap], order[j]);
        }
        var kept = new bool[labels.Count];
        for (int i = 0; i < labels.Count; i++) kept[i] = labels[i] != majorityClass;
        for (int j = 0; j < keep; j++) kept[order[j]] = true;
        var result = new List<int>(labels.Count - majority.Count + keep);
        for (int i = 0; i < kept.Length; i++) if (kept[i]) result.Add(i);
        return result.ToArray();
    }
}
