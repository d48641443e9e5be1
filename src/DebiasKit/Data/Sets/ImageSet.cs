using static TorchSharp.torch;

namespace DebiasKit.Data;

/// <summary>
/// Labelled images held as bytes (the way they are shipped): N images of Channels × Height × Width values in
/// [0, MaxValue], row-major, and an int64 label each. Small and plain, so notebooks can index, show and subset it;
/// <see cref="ToClassificationData"/> makes the float tensors a model trains on.
/// </summary>
public sealed class ImageSet
{
    private readonly byte[] _pixels;
    private readonly long[] _labels;

    /// <param name="name">Name shown in tables and errors.</param>
    /// <param name="pixels">N · channels · height · width values, image after image.</param>
    /// <param name="labels">N labels in [0, classNames.Count).</param>
    /// <param name="channels">Colour channels (1 for grey).</param>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    /// <param name="maxValue">Value of a full-intensity pixel (255 for MNIST, 16 for the 8x8 digits).</param>
    /// <param name="classNames">Name of each class.</param>
    public ImageSet(string name, byte[] pixels, long[] labels, int channels, int height, int width, byte maxValue, IReadOnlyList<string> classNames)
    {
        Guard.NotNull(name, nameof(name));
        Guard.NotNull(pixels, nameof(pixels));
        Guard.NotNull(labels, nameof(labels));
        Guard.NotNull(classNames, nameof(classNames));
        Guard.Positive(channels, nameof(channels));
        Guard.Positive(height, nameof(height));
        Guard.Positive(width, nameof(width));
        Guard.Positive(maxValue, nameof(maxValue));
        long size = (long)channels * height * width;
        if (pixels.LongLength != labels.LongLength * size)
            throw new ArgumentException($"pixels holds {pixels.LongLength:N0} values; {labels.Length:N0} images of {channels}×{height}×{width} need {labels.LongLength * size:N0}.", nameof(pixels));
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] < 0 || labels[i] >= classNames.Count)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"labels[{i}] is {labels[i]}; there are {classNames.Count} classes.");
        Name = name;
        _pixels = pixels;
        _labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
        MaxValue = maxValue;
        ClassNames = classNames;
    }

    /// <summary>Name of the set.</summary>
    public string Name { get; }

    /// <summary>Number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>Colour channels.</summary>
    public int Channels { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Value of a full-intensity pixel.</summary>
    public byte MaxValue { get; }

    /// <summary>Name of each class.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of classes.</summary>
    public int Classes => ClassNames.Count;

    /// <summary>Values of one image.</summary>
    public int ImageSize => Channels * Height * Width;

    /// <summary>The labels, one per image.</summary>
    public IReadOnlyList<long> Labels => _labels;

    /// <summary>All pixel values, image after image.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>The values of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Image(int index)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must lie in [0, {Count - 1}].");
        return _pixels.AsSpan(index * ImageSize, ImageSize);
    }

    /// <summary>Images per class among those at <paramref name="indices"/> (all when null), length <see cref="Classes"/>.</summary>
    public long[] ClassCounts(IReadOnlyList<long>? indices = null)
    {
        var counts = new long[Classes];
        if (indices is null)
            foreach (var label in _labels) counts[label]++;
        else
            for (int k = 0; k < indices.Count; k++)
            {
                if (indices[k] < 0 || indices[k] >= Count) throw new ArgumentOutOfRangeException(nameof(indices), indices[k], $"indices[{k}] must lie in [0, {Count - 1}].");
                counts[_labels[indices[k]]]++;
            }
        return counts;
    }

    /// <summary>A new set with the images at <paramref name="indices"/>, in that order.</summary>
    public ImageSet Subset(IReadOnlyList<long> indices)
    {
        Guard.NotNull(indices, nameof(indices));
        var pixels = new byte[(long)indices.Count * ImageSize];
        var labels = new long[indices.Count];
        for (int k = 0; k < indices.Count; k++)
        {
            long i = indices[k];
            if (i < 0 || i >= Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"indices[{k}] must lie in [0, {Count - 1}].");
            _pixels.AsSpan((int)i * ImageSize, ImageSize).CopyTo(pixels.AsSpan(k * ImageSize));
            labels[k] = _labels[i];
        }
        return new ImageSet(Name, pixels, labels, Channels, Height, Width, MaxValue, ClassNames);
    }

    /// <summary>
    /// Float features scaled to [0, 1] and int64 labels, for the images at <paramref name="indices"/> (all when
    /// null): [N, C·H·W] when <paramref name="flatten"/>, else [N, C, H, W].
    /// </summary>
    public ClassificationData ToClassificationData(IReadOnlyList<long>? indices = null, bool flatten = true, Device? device = null)
    {
        var set = indices is null ? this : Subset(indices);
        var values = new float[set._pixels.Length];
        float scale = 1f / MaxValue;
        for (int i = 0; i < values.Length; i++) values[i] = set._pixels[i] * scale;
        long[] shape = flatten ? [set.Count, ImageSize] : [set.Count, Channels, Height, Width];
        var features = tensor(values, shape, device: device);
        var labels = tensor(set._labels, device: device);
        return new ClassificationData(features, labels, Classes);
    }

    /// <summary>
    /// Mean and standard deviation of the pixel values (scaled to [0, 1]) of the images at <paramref name="indices"/>
    /// (all when null): the statistics for standardising inputs, taken from training images only.
    /// </summary>
    public (double Mean, double StandardDeviation) PixelStatistics(IReadOnlyList<long>? indices = null)
    {
        var histogram = new long[256];
        if (indices is null)
            foreach (var value in _pixels) histogram[value]++;
        else
            foreach (var i in indices)
                foreach (var value in Image(checked((int)i))) histogram[value]++;
        long n = histogram.Sum();
        if (n < 2) throw new ArgumentException("indices must select at least one image with two or more pixels.", nameof(indices));
        double sum = 0, sumSquares = 0;
        for (int v = 0; v < 256; v++)
        {
            double x = v / (double)MaxValue;
            sum += histogram[v] * x;
            sumSquares += histogram[v] * x * x;
        }
        double mean = sum / n;
        return (mean, Math.Sqrt(Math.Max(0, (sumSquares - n * mean * mean) / (n - 1))));
    }

    /// <summary>
    /// One grey image that tiles the first channel of the images at <paramref name="indices"/>, <paramref name="columns"/>
    /// to a row, with a one-pixel gap: for showing a few examples as one heatmap.
    /// </summary>
    public double[,] Montage(IReadOnlyList<long> indices, int columns)
    {
        Guard.NotNull(indices, nameof(indices));
        Guard.Positive(columns, nameof(columns));
        int rows = (indices.Count + columns - 1) / columns;
        var montage = new double[rows * (Height + 1), columns * (Width + 1)];
        for (int k = 0; k < indices.Count; k++)
        {
            var image = Image((int)indices[k]);
            int top = k / columns * (Height + 1), left = k % columns * (Width + 1);
            for (int y = 0; y < Height; y++)
                for (int x = 0; x < Width; x++)
                    montage[top + y, left + x] = image[y * Width + x] / (double)MaxValue;
        }
        return montage;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Count:N0} images of {Channels}×{Height}×{Width}, {Classes} classes";
}
