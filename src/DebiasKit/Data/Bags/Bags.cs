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
}
