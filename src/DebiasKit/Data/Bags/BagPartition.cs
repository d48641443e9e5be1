using static TorchSharp.torch;

namespace DebiasKit.Data;

/// <summary>
/// Bags of units of a population: usually a partition of (part of) a population of <see cref="Population"/> units into <see cref="Count"/> disjoint bags of
/// <see cref="BagSize"/> units each, the data format of learning from label proportions and of learning from
/// aggregate responses: the learner sees the units' features but only one aggregate (the mean label) per bag.
/// <para>
/// <see cref="Order"/> lists the unit indices bag after bag: bag b holds Order[b·k … b·k + k − 1]. Reordering the
/// instances by <see cref="Order"/> (for example with <see cref="Index"/>) lays each bag out contiguously, which is
/// the layout the bag losses in <see cref="Losses.Functional"/> expect. Units left over when the population size is
/// not a multiple of the bag size belong to no bag.
/// </para>
/// </summary>
/// <param name="Population">Number of units the indices refer to.</param>
/// <param name="BagSize">Units per bag, k ≥ 1.</param>
/// <param name="Order">Unit indices in bag order; its length is a multiple of <paramref name="BagSize"/>.</param>
public sealed record BagPartition(int Population, int BagSize, IReadOnlyList<int> Order)
{
    /// <summary>Number of bags.</summary>
    public int Count => Order.Count / BagSize;

    /// <summary>
    /// The bag each unit belongs to (−1 for a unit in no bag), length <see cref="Population"/>; only for a partition
    /// (throws <see cref="InvalidOperationException"/> when a unit appears twice).
    /// </summary>
    public int[] BagOf()
    {
        var bag = Enumerable.Repeat(-1, Population).ToArray();
        for (int i = 0; i < Order.Count; i++)
        {
            if (bag[Order[i]] != -1) throw new InvalidOperationException($"unit {Order[i]} appears in more than one place; these bags are not a partition.");
            bag[Order[i]] = i / BagSize;
        }
        return bag;
    }

    /// <summary>The unit indices of bag <paramref name="bag"/>.</summary>
    public int[] Members(int bag)
    {
        if (bag < 0 || bag >= Count)
            throw new ArgumentOutOfRangeException(nameof(bag), bag, $"bag must lie in [0, {Count - 1}].");
        return Order.Skip(bag * BagSize).Take(BagSize).ToArray();
    }

    /// <summary>
    /// The mean of <paramref name="values"/> over each bag (length <see cref="Count"/>): the bag's label proportion
    /// α_b when the values are 0/1 labels, the aggregate response ȳ_b when they are real responses.
    /// </summary>
    /// <param name="values">One finite value per unit of the population.</param>
    public double[] Means(IReadOnlyList<double> values)
    {
        Guard.NotNull(values, nameof(values));
        if (values.Count != Population)
            throw new ArgumentException($"{nameof(values)} must hold one value per unit ({Population}); got {values.Count}.", nameof(values));
        Guard.Finite(values, nameof(values));
        var means = new double[Count];
        for (int i = 0; i < Order.Count; i++) means[i / BagSize] += values[Order[i]];
        for (int b = 0; b < means.Length; b++) means[b] /= BagSize;
        return means;
    }

    /// <summary>Each bag's proportion of label 1 (length <see cref="Count"/>).</summary>
    /// <param name="labels">One 0/1 label per unit of the population.</param>
    public double[] Proportions(IReadOnlyList<long> labels)
    {
        Guard.NotNull(labels, nameof(labels));
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] is not (0 or 1))
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"{nameof(labels)} must be 0 or 1; element {i} is {labels[i]}.");
        return Means(labels.Select(l => (double)l).ToArray());
    }

    /// <summary><see cref="Order"/> as an int64 tensor, for index_select on instance tensors.</summary>
    public Tensor Index(Device? device = null) => tensor(Order.Select(i => (long)i).ToArray(), device: device);
}
