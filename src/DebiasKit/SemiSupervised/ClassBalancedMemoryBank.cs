using static TorchSharp.torch;

namespace DebiasKit.SemiSupervised;

/// <summary>
/// The class-balanced memory bank of DeCrisisMB (paper 056): a first-in-first-out queue per (pseudo-)class holding the
/// most recent confidently pseudo-labelled examples, from which each training step draws the <b>same number of
/// examples for every class</b>. Pseudo-labels of a semi-supervised learner follow its own bias towards the frequent
/// classes; sampling the unsupervised batch evenly across classes keeps the rare classes in the consistency loss.
/// <para>Variant: fixed capacity per class, oldest entries dropped first (as the reference, HenryPengZou/DeCrisisMB
/// <c>utils/memorybank.py</c>). Where the reference waits until every class holds enough entries and then draws without
/// replacement, this bank on its own samples a short class with replacement and skips empty classes;
/// <see cref="PseudoLabelTraining"/> adds the reference's rule (no unsupervised batch until every class is ready), so
/// training follows the reference. Entries are kept on the CPU as float rows and returned as a new float32 tensor.</para>
/// </summary>
public sealed class ClassBalancedMemoryBank
{
    private readonly Queue<float[]>[] queues;
    private readonly int width;

    /// <param name="classes">Number of classes K ≥ 2.</param>
    /// <param name="features">Width of a stored feature row.</param>
    /// <param name="capacityPerClass">Entries kept per class (the oldest are dropped first), ≥ 1.</param>
    public ClassBalancedMemoryBank(int classes, int features, int capacityPerClass)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 2.");
        Guard.Positive(features, nameof(features));
        Guard.Positive(capacityPerClass, nameof(capacityPerClass));
        queues = Enumerable.Range(0, classes).Select(_ => new Queue<float[]>()).ToArray();
        width = features;
        CapacityPerClass = capacityPerClass;
    }

    /// <summary>Entries kept per class.</summary>
    public int CapacityPerClass { get; }

    /// <summary>Entries stored for each class.</summary>
    public IReadOnlyList<int> Counts => queues.Select(q => q.Count).ToArray();

    /// <summary>Stores rows of <paramref name="features"/> [n, F] under their (pseudo-)labels [n] (int64, each in [0, K)).</summary>
    public void Add(Tensor features, Tensor labels)
    {
        Guard.NotNull(features, nameof(features));
        Guard.NotNull(labels, nameof(labels));
        if (features.dim() != 2 || features.shape[1] != width)
            throw new ArgumentException($"features must be [n, {width}]; got [{string.Join(", ", features.shape)}].", nameof(features));
        if (labels.dim() != 1 || labels.shape[0] != features.shape[0] || labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"labels must be int64 [{features.shape[0]}]; got {labels.dtype} [{string.Join(", ", labels.shape)}].", nameof(labels));
        using var scope = NewDisposeScope();
        var rows = features.detach().cpu().to_type(ScalarType.Float32).data<float>().ToArray();
        var classes = labels.cpu().data<long>().ToArray();
        for (int i = 0; i < classes.Length; i++)
        {
            if (classes[i] < 0 || classes[i] >= queues.Length)
                throw new ArgumentOutOfRangeException(nameof(labels), classes[i], $"labels[{i}] is {classes[i]}; labels must lie in [0, {queues.Length - 1}].");
            var queue = queues[classes[i]];
            queue.Enqueue(rows.AsSpan(i * width, width).ToArray());
            if (queue.Count > CapacityPerClass) queue.Dequeue();
        }
    }

    /// <summary>
    /// <paramref name="perClass"/> entries of every class that has any (with replacement when it holds fewer), as float32
    /// features [m, F] and int64 labels [m] on <paramref name="device"/>; m = perClass × (non-empty classes).
    /// </summary>
    public (Tensor Features, Tensor Labels) Sample(int perClass, Random random, Device? device = null)
    {
        Guard.Positive(perClass, nameof(perClass));
        Guard.NotNull(random, nameof(random));
        var rows = new List<float>();
        var labels = new List<long>();
        for (int c = 0; c < queues.Length; c++)
        {
            var entries = queues[c].ToArray();
            if (entries.Length == 0) continue;
            var order = Enumerable.Range(0, entries.Length).ToArray();
            random.Shuffle(order);
            for (int k = 0; k < perClass; k++)
            {
                int pick = perClass <= entries.Length ? order[k] : random.Next(entries.Length);
                rows.AddRange(entries[pick]);
                labels.Add(c);
            }
        }
        return (tensor(rows.ToArray(), [labels.Count, width], device: device), tensor(labels.ToArray(), device: device));
    }
}
