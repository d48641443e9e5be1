using static TorchSharp.torch;

namespace DebiasKit.Data;

/// <summary>
/// The input features the image notebooks train small models on: each image's pooling × pooling pixel blocks averaged
/// (1 keeps full resolution), standardised by one pixel mean and standard deviation, and flattened to
/// [N, C·(H/pooling)·(W/pooling)] float32. The statistics come from a reference part, normally the training part,
/// so that no statistic is taken from test images; the same statistics can be applied to another image set (for
/// example out-of-distribution digits beside Fashion-MNIST).
/// </summary>
public sealed class ImageFeatures
{
    /// <summary>Features with the given statistics (pixel intensities in [0, 1]).</summary>
    /// <param name="pixelMean">Mean subtracted from every pooled pixel.</param>
    /// <param name="pixelStd">Standard deviation every pooled pixel is divided by, &gt; 0.</param>
    /// <param name="pooling">Side of the averaged square blocks, ≥ 1.</param>
    /// <param name="device">Device of the tensors; default the CPU.</param>
    public ImageFeatures(double pixelMean, double pixelStd, int pooling = 1, Device? device = null)
    {
        if (!double.IsFinite(pixelMean)) throw new ArgumentException($"pixelMean must be finite; got {pixelMean}.", nameof(pixelMean));
        if (!(pixelStd > 0) || !double.IsFinite(pixelStd))
            throw new ArgumentOutOfRangeException(nameof(pixelStd), pixelStd, "pixelStd must be positive and finite (constant pixels cannot be standardised).");
        Guard.Positive(pooling, nameof(pooling));
        PixelMean = pixelMean;
        PixelStd = pixelStd;
        Pooling = pooling;
        Device = device;
    }

    /// <summary>Features standardised by the raw pixel statistics (<see cref="ImageSet.PixelStatistics"/>) of <paramref name="reference"/>.</summary>
    public static ImageFeatures StandardisedBy(ImageSet images, IReadOnlyList<long> reference, int pooling = 1, Device? device = null)
    {
        Guard.NotNull(images, nameof(images));
        Guard.NotNull(reference, nameof(reference));
        var (mean, std) = images.PixelStatistics(reference);
        if (!(std > 0)) throw new ArgumentException("The reference images' pixels are constant; they cannot be standardised.", nameof(reference));
        return new ImageFeatures(mean, std, pooling, device);
    }

    /// <summary>Mean subtracted from every pooled pixel.</summary>
    public double PixelMean { get; }

    /// <summary>Standard deviation every pooled pixel is divided by.</summary>
    public double PixelStd { get; }

    /// <summary>Side of the averaged square blocks.</summary>
    public int Pooling { get; }

    /// <summary>Device of the tensors (null: the CPU).</summary>
    public Device? Device { get; }

    /// <summary>Input features per image of <paramref name="images"/>.</summary>
    public int Count(ImageSet images)
    {
        Guard.NotNull(images, nameof(images));
        return images.Channels * (images.Height / Pooling) * (images.Width / Pooling);
    }

    /// <summary>The images at <paramref name="indices"/> of <paramref name="images"/> as features and their class labels.</summary>
    public ClassificationData Of(ImageSet images, IReadOnlyList<long> indices)
    {
        Guard.NotNull(images, nameof(images));
        Guard.NotNull(indices, nameof(indices));
        if (images.Height % Pooling != 0 || images.Width % Pooling != 0)
            throw new ArgumentOutOfRangeException(nameof(images), $"The pooling ({Pooling}) must divide the image size {images.Height}×{images.Width}.");
        using var scope = NewDisposeScope();
        using var raw = images.ToClassificationData(indices, flatten: false, device: Device);
        var pixels = Pooling > 1 ? nn.functional.avg_pool2d(raw.Features, Pooling) : raw.Features.alias();
        var features = pixels.sub(PixelMean).div_(PixelStd).flatten(1).MoveToOuterDisposeScope();
        var labels = raw.Labels.clone().MoveToOuterDisposeScope();
        return new ClassificationData(features, labels, images.Classes);
    }
}
