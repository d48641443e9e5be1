using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Data.Augmentation;

/// <summary>
/// Random views of small grey images for contrastive learning (SimCLR, Chen, Kornblith, Norouzi and Hinton, ICML 2020,
/// reduced to what a 14 × 14 or 28 × 28 grey image supports): every image in a batch independently gets
/// <list type="number">
/// <item>a random crop-and-resize as one affine resampling: zoom s ~ U[<see cref="MinScale"/>, 1] about the centre and an
/// integer shift (t_y, t_x), each uniform in [−<see cref="MaxShift"/>, <see cref="MaxShift"/>] pixels, outside pixels
/// filled with 0 (the mean of standardised inputs). With s = 1 the view is the image shifted by exactly (t_y, t_x)
/// pixels;</item>
/// <item>random erasing (Zhong et al., AAAI 2020) with probability <see cref="ErasingProbability"/>: one axis-aligned
/// rectangle whose height and width are each uniform in [1, ⌈<see cref="ErasingSide"/>·side⌉] pixels, at a uniform
/// position inside the image, set to 0;</item>
/// <item>additive Gaussian pixel noise with standard deviation <see cref="NoiseStd"/>.</item>
/// </list>
/// Colour jitter and flips, SimCLR's other augmentations, have no counterpart on grey clothing images that keeps the
/// class (a flipped shoe is still a shoe, but a flipped "6" in MNIST is not a "6"), so they are left out. Images are
/// flattened rows [N, H·W] (the kit's ClassificationData layout) or [N, H, W]; the output has the input's shape, dtype
/// and device. All randomness comes from the given generator (a CPU generator: the same views on every device).
/// </summary>
public sealed record ImageAugmentation
{
    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; }

    /// <summary>Largest shift in pixels along each axis (0: no shift).</summary>
    public int MaxShift { get; init; } = 2;

    /// <summary>Smallest zoom-in factor s in (0, 1]; 1 means no zoom (a pure shift).</summary>
    public double MinScale { get; init; } = 1.0;

    /// <summary>Probability of erasing one rectangle, in [0, 1].</summary>
    public double ErasingProbability { get; init; } = 0.5;

    /// <summary>Largest erased side as a share of the image side, in (0, 1].</summary>
    public double ErasingSide { get; init; } = 0.4;

    /// <summary>Standard deviation of the additive Gaussian pixel noise (0: none).</summary>
    public double NoiseStd { get; init; } = 0.1;

    /// <summary>An augmentation for images of the given size with the default strengths.</summary>
    public ImageAugmentation(int height, int width)
    {
        Height = height;
        Width = width;
        Validate();
    }

    /// <summary>One random view of every image in <paramref name="images"/>.</summary>
    /// <param name="images">[N, H·W] or [N, H, W], floating point.</param>
    /// <param name="generator">A CPU generator; the draws for the batch come from it in a fixed order.</param>
    public Tensor Apply(Tensor images, Generator generator)
    {
        Validate();
        Guard.NotNull(images, nameof(images));
        Guard.NotNull(generator, nameof(generator));
        bool flat = images.dim() == 2;
        if (!images.is_floating_point()
            || !(flat && images.shape[1] == (long)Height * Width || images.dim() == 3 && images.shape[1] == Height && images.shape[2] == Width))
            throw new ArgumentException(
                $"images must be floating point, [N, {Height * Width}] or [N, {Height}, {Width}]; got {images.dtype} [{string.Join(", ", images.shape)}].",
                nameof(images));
        long n = images.shape[0];
        if (n == 0) return images.clone();

        using var scope = NewDisposeScope();
        var device = images.device;
        var x = images.reshape(n, 1, Height, Width).to(ScalarType.Float32);

        // 1. Zoom and integer shift, one affine grid per image. In normalised coordinates (align_corners = false) one
        //    pixel is 2/W wide, so sampling at u·s + 2t/W reads the pixel t to the right: the content moves by −t;
        //    the sign is immaterial for a symmetric distribution.
        var shiftY = randint(-MaxShift, MaxShift + 1, [n], generator: generator).to(ScalarType.Float32);
        var shiftX = randint(-MaxShift, MaxShift + 1, [n], generator: generator).to(ScalarType.Float32);
        var scale = MinScale < 1 ? rand([n], generator: generator) * (float)(1 - MinScale) + (float)MinScale : ones([n]);
        var theta = zeros(n, 2, 3);
        theta[TensorIndex.Colon, 0, 0] = scale;
        theta[TensorIndex.Colon, 1, 1] = scale;
        theta[TensorIndex.Colon, 0, 2] = shiftX * (2f / Width);
        theta[TensorIndex.Colon, 1, 2] = shiftY * (2f / Height);
        var grid = nn.functional.affine_grid(theta.to(device), [n, 1, Height, Width], align_corners: false);
        var views = nn.functional.grid_sample(x, grid, mode: GridSampleMode.Bilinear, padding_mode: GridSamplePaddingMode.Zeros, align_corners: false);

        // 2. Random erasing: one rectangle [y0, y0 + h) × [x0, x0 + w) per selected image.
        if (ErasingProbability > 0)
        {
            int maxH = Math.Max(1, (int)Math.Ceiling(ErasingSide * Height)), maxW = Math.Max(1, (int)Math.Ceiling(ErasingSide * Width));
            var erase = rand([n], generator: generator) < ErasingProbability;
            var h = randint(1, maxH + 1, [n], generator: generator);
            var w = randint(1, maxW + 1, [n], generator: generator);
            var y0 = (rand([n], generator: generator) * (Height - h + 1)).floor().to(ScalarType.Int64);
            var x0 = (rand([n], generator: generator) * (Width - w + 1)).floor().to(ScalarType.Int64);
            var rows = arange(Height).reshape(1, Height, 1);
            var cols = arange(Width).reshape(1, 1, Width);
            var inside = rows.ge(y0.reshape(n, 1, 1)).logical_and(rows.lt((y0 + h).reshape(n, 1, 1)))
                .logical_and(cols.ge(x0.reshape(n, 1, 1))).logical_and(cols.lt((x0 + w).reshape(n, 1, 1)))
                .logical_and(erase.reshape(n, 1, 1));
            views = views.masked_fill(inside.reshape(n, 1, Height, Width).to(device), 0);
        }

        // 3. Pixel noise.
        if (NoiseStd > 0)
            views = views + randn([n, 1, Height, Width], generator: generator).to(device) * (float)NoiseStd;

        var result = (flat ? views.reshape(n, (long)Height * Width) : views.reshape(n, Height, Width)).to(images.dtype);
        return result.MoveToOuterDisposeScope();
    }

    private void Validate()
    {
        if (Height < 1) throw new ArgumentOutOfRangeException(nameof(Height), Height, "Height must be at least 1 pixel.");
        if (Width < 1) throw new ArgumentOutOfRangeException(nameof(Width), Width, "Width must be at least 1 pixel.");
        if (MaxShift < 0) throw new ArgumentOutOfRangeException(nameof(MaxShift), MaxShift, "MaxShift must be a non-negative number of pixels.");
        Guard.InRange(MinScale, 0, 1, nameof(MinScale), lowOpen: true);
        Guard.InRange(ErasingProbability, 0, 1, nameof(ErasingProbability));
        Guard.InRange(ErasingSide, 0, 1, nameof(ErasingSide), lowOpen: true);
        Guard.NonNegative(NoiseStd, nameof(NoiseStd));
    }
}
