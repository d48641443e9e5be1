using DebiasKit.Data;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Data;

public class ImageFeaturesTests
{
    // Two 1-channel 2×4 images with maxValue 4, so intensities are pixel/4:
    //   image 0: 0 4 2 2 / 4 0 2 2      image 1: 1 1 3 3 / 1 1 3 3
    private static ImageSet Toy() => new("toy", [0, 4, 2, 2, 4, 0, 2, 2, 1, 1, 3, 3, 1, 1, 3, 3], [0, 1], channels: 1, height: 2, width: 4,
        maxValue: 4, ["a", "b"]);

    [Fact]
    public void Pools_blocks_standardises_and_flattens()
    {
        var images = Toy();
        var features = new ImageFeatures(pixelMean: 0.25, pixelStd: 0.5, pooling: 2);
        using var data = features.Of(images, [1, 0]);
        // 2×2 block means: image 1 → (1+1+1+1)/16 = 0.25 and (3+3+3+3)/16 = 0.75; image 0 → (0+4+4+0)/16 = 0.5 and 8/16 = 0.5.
        // Standardised: (0.25 − 0.25)/0.5 = 0, (0.75 − 0.25)/0.5 = 1; (0.5 − 0.25)/0.5 = 0.5 twice.
        Assert.Equal(new long[] { 2, 2 }, data.Features.shape);
        Assert.Equal(new[] { 0f, 1f, 0.5f, 0.5f }, data.Features.data<float>().ToArray());
        Assert.Equal(new long[] { 1, 0 }, data.LabelArray());
        Assert.Equal(2, features.Count(images));

        // Pooling 1 keeps every pixel: image 0's first row 0, 1, 0.5, 0.5 becomes (x − 0.25)/0.5.
        using var full = new ImageFeatures(0.25, 0.5).Of(images, [0]);
        Assert.Equal(new[] { -0.5f, 1.5f, 0.5f, 0.5f, 1.5f, -0.5f, 0.5f, 0.5f }, full.Features.data<float>().ToArray());
    }

    [Fact]
    public void Standardised_by_a_reference_part_uses_its_raw_pixel_statistics()
    {
        var images = Toy();
        var features = ImageFeatures.StandardisedBy(images, [1], pooling: 2);
        // Image 1's intensities: four of 0.25 and four of 0.75 → mean 0.5; sample sd √(8 · 0.25² / 7) = √(0.5/7) ≈ 0.267261.
        double sd = Math.Sqrt(0.5 / 7);
        Assert.Equal(0.5, features.PixelMean, 12);
        Assert.Equal(sd, features.PixelStd, 12);
        using var data = features.Of(images, [1]);
        var values = data.Features.data<float>().ToArray();
        Assert.Equal(-0.25 / sd, values[0], 5);   // block means 0.25 and 0.75
        Assert.Equal(0.25 / sd, values[1], 5);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        var images = Toy();
        Assert.Equal("pixelStd", Assert.ThrowsAny<ArgumentException>(() => new ImageFeatures(0, 0)).ParamName);
        Assert.Equal("pixelMean", Assert.ThrowsAny<ArgumentException>(() => new ImageFeatures(double.NaN, 1)).ParamName);
        Assert.Equal("pooling", Assert.ThrowsAny<ArgumentException>(() => new ImageFeatures(0, 1, pooling: 0)).ParamName);
        Assert.Equal("images", Assert.ThrowsAny<ArgumentException>(() => new ImageFeatures(0, 1, pooling: 3).Of(images, [0])).ParamName);
        var flat = new ImageSet("flat", new byte[8], [0], 1, 2, 4, 4, ["a"]);
        Assert.Equal("reference", Assert.ThrowsAny<ArgumentException>(() => ImageFeatures.StandardisedBy(flat, [0])).ParamName);
    }
}
