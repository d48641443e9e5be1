namespace DebiasKit.Data;

/// <summary>Ways to group a population into bags (<see cref="BagPartition"/>).</summary>
public static class Bags
{
    /// <summary>
    /// Random bags: a seeded uniform shuffle of the units 0 … n − 1 (Fisher–Yates, <see cref="System.Random"/>),
    /// cut into ⌊n / k⌋ consecutive bags of k; the n mod k units at the end of the shuffle belong to no bag.
    /// This is the "random bags" setting of EasyLLP (Busa-Fekete et al., 2023) and of Javanmard et al. (2024).
    /// </summary>
    /// <param name="population">Number of units n, at least <paramref name="bagSize"/>.</param>
    /// <param name="bagSize">Units per bag k ≥ 1.</param>
    /// <param name="seed">Seed of the shuffle; the same seed gives the same bags.</param>
    public static BagPartition Random(int population, int bagSize, int seed)
    {
        if (bagSize < 1) throw new ArgumentOutOfRangeException(nameof(bagSize), bagSize, $"{nameof(bagSize)} must be at least 1.");
        if (population < bagSize)
            throw new ArgumentOutOfRangeException(nameof(population), population, $"{nameof(population)} must hold at least one bag of {bagSize} units.");
        var order = Enumerable.Range(0, population).ToArray();
        new System.Random(seed).Shuffle(order);
        int used = population / bagSize * bagSize;
        return new BagPartition(population, bagSize, order[..used]);
    }

    /// <summary>
    /// Independent bags: <paramref name="bags"/> bags whose k members are drawn uniformly <em>with replacement</em> from
    /// the units 0 … n − 1 (seeded <see cref="System.Random"/>), so a unit may appear in several bags or twice in one.
    /// This is the i.i.d.-bag model of EasyLLP's analysis (every bag-mate's label is an independent draw from the
    /// population), under which the EasyLLP loss is exactly unbiased for the population's mean instance loss when
    /// the prior is the population's share of ones; <see cref="Random"/> (a partition) is unbiased only up to O(k / n).
    /// </summary>
    /// <param name="population">Number of units n ≥ 1.</param>
    /// <param name="bagSize">Units per bag k ≥ 1.</param>
    /// <param name="bags">Number of bags B ≥ 1.</param>
    /// <param name="seed">Seed of the draws.</param>
    public static BagPartition Independent(int population, int bagSize, int bags, int seed)
    {
        if (population < 1) throw new ArgumentOutOfRangeException(nameof(population), population, $"{nameof(population)} must be at least 1.");
        if (bagSize < 1) throw new ArgumentOutOfRangeException(nameof(bagSize), bagSize, $"{nameof(bagSize)} must be at least 1.");
        if (bags < 1) throw new ArgumentOutOfRangeException(nameof(bags), bags, $"{nameof(bags)} must be at least 1.");
        var random = new System.Random(seed);
        var order = new int[(long)bags * bagSize];
        for (int i = 0; i < order.Length; i++) order[i] = random.Next(population);
        return new BagPartition(population, bagSize, order);
    }
}
