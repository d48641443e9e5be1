namespace DebiasKit.Data;

/// <summary>
/// Seeded train/validation/test splits. Every loader's StandardSplit uses <see cref="StandardSeed"/>, so all
/// notebooks that use a data set split it the same way and no notebook picks a split that flatters it.
/// </summary>
public static class Splits
{
    /// <summary>The seed of every standard split in the kit.</summary>
    public const int StandardSeed = 20261125;

    /// <summary>
    /// A split that keeps each class's share in every part: each class's indices are shuffled (seeded) and the
    /// first round(n_c · testFraction) go to test, the next round(n_c · validationFraction) to validation, the rest
    /// to train.
    /// </summary>
    /// <param name="labels">Class label of every example (any non-negative integers).</param>
    /// <param name="validationFraction">Share of each class for validation, in [0, 1).</param>
    /// <param name="testFraction">Share of each class for test, in [0, 1); the two shares sum to less than 1.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public static DataSplit Stratified(IReadOnlyList<long> labels, double validationFraction, double testFraction, int seed)
    {
        Guard.NotNull(labels, nameof(labels));
        CheckFractions(validationFraction, testFraction);
        var byClass = new SortedDictionary<long, List<long>>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0) throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"labels[{i}] is negative.");
            if (!byClass.TryGetValue(labels[i], out var list)) byClass[labels[i]] = list = new List<long>();
            list.Add(i);
        }
        var random = new Random(seed);
        List<long> train = [], validation = [], test = [];
        foreach (var members in byClass.Values)
        {
            var pool = members.ToArray();
            random.Shuffle(pool);
            int nTest = (int)Math.Round(pool.Length * testFraction, MidpointRounding.AwayFromZero);
            int nValidation = (int)Math.Round(pool.Length * validationFraction, MidpointRounding.AwayFromZero);
            nValidation = Math.Min(nValidation, pool.Length - nTest);
            test.AddRange(pool.Take(nTest));
            validation.AddRange(pool.Skip(nTest).Take(nValidation));
            train.AddRange(pool.Skip(nTest + nValidation));
        }
        return Sorted(train, validation, test);
    }

    /// <summary>A split of <paramref name="count"/> examples by one seeded shuffle, without regard to classes.</summary>
    public static DataSplit Random(long count, double validationFraction, double testFraction, int seed)
    {
        Guard.NonNegative(count, nameof(count));
        CheckFractions(validationFraction, testFraction);
        var pool = Enumerable.Range(0, checked((int)count)).Select(i => (long)i).ToArray();
        new Random(seed).Shuffle(pool);
        int nTest = (int)Math.Round(count * testFraction, MidpointRounding.AwayFromZero);
        int nValidation = (int)Math.Round(count * validationFraction, MidpointRounding.AwayFromZero);
        return Sorted(pool.Skip(nTest + nValidation).ToList(), pool.Skip(nTest).Take(nValidation).ToList(), pool.Take(nTest).ToList());
    }

    private static void CheckFractions(double validationFraction, double testFraction)
    {
        Guard.InRange(validationFraction, 0, 1, nameof(validationFraction), highOpen: true);
        Guard.InRange(testFraction, 0, 1, nameof(testFraction), highOpen: true);
        if (validationFraction + testFraction >= 1)
            throw new ArgumentException($"validationFraction + testFraction is {validationFraction + testFraction}; it must be below 1 to leave examples to train on.", nameof(testFraction));
    }

    private static DataSplit Sorted(List<long> train, List<long> validation, List<long> test)
    {
        train.Sort(); validation.Sort(); test.Sort();
        return new DataSplit(train.ToArray(), validation.ToArray(), test.ToArray());
    }
}
