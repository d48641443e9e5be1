using static TorchSharp.torch;

namespace DebiasKit.Data;

/// <summary>
/// Labelled examples held as two tensors: features [N, ...] and int64 class labels [N]. The dataset owns its
/// tensors (dispose it, or let a dispose scope do so) and never changes them.
/// </summary>
public sealed class ClassificationData : IDisposable
{
    /// <param name="features">Features, first dimension N.</param>
    /// <param name="labels">Class indices (int64), shape [N], each in [0, classes).</param>
    /// <param name="classes">Number of classes.</param>
    public ClassificationData(Tensor features, Tensor labels, int classes)
    {
        Guard.NotNull(features, nameof(features));
        Guard.NotNull(labels, nameof(labels));
        Guard.Positive(classes, nameof(classes));
        if (features.dim() < 1) throw new ArgumentException("features must have a first (example) dimension.", nameof(features));
        if (labels.dim() != 1 || labels.shape[0] != features.shape[0])
            throw new ArgumentException($"labels must have shape [{features.shape[0]}] to match features; got [{string.Join(", ", labels.shape)}].", nameof(labels));
        if (labels.dtype != ScalarType.Int64) throw new ArgumentException($"labels must be int64; got {labels.dtype}.", nameof(labels));
        if (labels.shape[0] > 0)
        {
            using var minTensor = labels.min();
            using var maxTensor = labels.max();
            long min = minTensor.item<long>(), max = maxTensor.item<long>();
            if (min < 0 || max >= classes)
                throw new ArgumentOutOfRangeException(nameof(labels), $"labels must lie in [0, {classes - 1}]; found values from {min} to {max}.");
        }
        Features = features;
        Labels = labels;
        Classes = classes;
    }

    /// <summary>Features, [N, ...].</summary>
    public Tensor Features { get; }

    /// <summary>Class labels, int64 [N].</summary>
    public Tensor Labels { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of examples.</summary>
    public long Count => Labels.shape[0];

    /// <summary>The labels copied to an array.</summary>
    public long[] LabelArray()
    {
        using var cpuLabels = Labels.cpu();
        return cpuLabels.data<long>().ToArray();
    }

    /// <summary>Examples per class, length <see cref="Classes"/>.</summary>
    public long[] ClassCounts()
    {
        var counts = new long[Classes];
        foreach (var label in LabelArray()) counts[label]++;
        return counts;
    }

    /// <summary>A new dataset with the examples at <paramref name="indices"/>, in that order.</summary>
    public ClassificationData Subset(IReadOnlyList<long> indices)
    {
        Guard.NotNull(indices, nameof(indices));
        foreach (var i in indices)
            if (i < 0 || i >= Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"indices must lie in [0, {Count - 1}].");
        using var index = tensor(indices.ToArray(), device: Labels.device);
        return new ClassificationData(Features.index_select(0, index), Labels.index_select(0, index), Classes);
    }

    /// <summary>A copy on <paramref name="device"/> (the same tensors when already there).</summary>
    public ClassificationData To(Device device)
    {
        Guard.NotNull(device, nameof(device));
        return new ClassificationData(Features.to(device), Labels.to(device), Classes);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
