using DebiasKit.Data.Augmentation;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Data;

public class ImageAugmentationTests
{
    /// <summary>N seeded random 6 × 5 images, flattened.</summary>
    private static Tensor Images(int n, int seed)
    {
        using var g = new Generator((ulong)seed);
        return rand([n, 30], generator: g) + 0.5f;   // in [0.5, 1.5): never 0, so a fill of 0 is visible
    }

    /// <summary>The image shifted by (dy, dx) with zero fill: out[r, c] = in[r + dy, c + dx] where that lies inside.</summary>
    private static double[] Shifted(double[] image, int dy, int dx, int height = 6, int width = 5)
    {
        var result = new double[height * width];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
            {
                int rr = r + dy, cc = c + dx;
                result[r * width + c] = rr >= 0 && rr < height && cc >= 0 && cc < width ? image[rr * width + cc] : 0;
            }
        return result;
    }

    [Fact]
    public void Without_zoom_every_view_is_its_image_shifted_by_whole_pixels_within_max_shift()
    {
        using var images = Images(40, 1);
        var augmentation = new ImageAugmentation(6, 5) { MaxShift = 2, ErasingProbability = 0, NoiseStd = 0 };
        using var generator = new Generator(4);
        using var views = augmentation.Apply(images, generator);
        var input = ToRows(images);
        var output = ToRows(views);
        var used = new HashSet<(int, int)>();
        for (int i = 0; i < input.Length; i++)
        {
            var matches = (from dy in Enumerable.Range(-2, 5) from dx in Enumerable.Range(-2, 5)
                           where Shifted(input[i], dy, dx).Zip(output[i]).All(p => Math.Abs(p.First - p.Second) < 1e-5)
                           select (dy, dx)).ToList();
            Assert.True(matches.Count == 1, $"view {i} matches {matches.Count} shifts");
            used.Add(matches[0]);
        }
        Assert.True(used.Count >= 10, $"only {used.Count} distinct shifts in 40 views");   // the shifts are random
        // the checker fails on a shift beyond MaxShift
        Assert.False(Shifted(input[0], 3, 0).Zip(output[0]).All(p => Math.Abs(p.First - p.Second) < 1e-5));
    }

    [Fact]
    public void Erasing_zeroes_one_rectangle_no_larger_than_the_erasing_side()
    {
        using var images = ones(30, 6, 5);   // [N, H, W] input keeps its shape
        var augmentation = new ImageAugmentation(6, 5) { MaxShift = 0, ErasingProbability = 1, ErasingSide = 0.5, NoiseStd = 0 };
        using var generator = new Generator(2);
        using var views = augmentation.Apply(images, generator);
        Assert.Equal(new long[] { 30, 6, 5 }, views.shape);
        var rows = ToRows(views.reshape(30, 30));
        foreach (var view in rows)
        {
            var zeros = Enumerable.Range(0, 30).Where(p => view[p] == 0).ToArray();
            Assert.NotEmpty(zeros);
            Assert.All(view, v => Assert.True(v == 0 || Math.Abs(v - 1) < 1e-6));
            int top = zeros.Min(p => p / 5), bottom = zeros.Max(p => p / 5), left = zeros.Min(p => p % 5), right = zeros.Max(p => p % 5);
            Assert.Equal((bottom - top + 1) * (right - left + 1), zeros.Length);   // a full rectangle
            Assert.True(bottom - top + 1 <= 3 && right - left + 1 <= 3, $"rectangle {bottom - top + 1} × {right - left + 1} exceeds ⌈0.5 · side⌉");
        }
    }

    [Fact]
    public void Pixel_noise_has_mean_zero_and_the_requested_spread_and_the_same_seed_repeats()
    {
        using var images = zeros(2000, 30);
        var augmentation = new ImageAugmentation(6, 5) { MaxShift = 0, ErasingProbability = 0, NoiseStd = 0.3 };
        using var g1 = new Generator(9);
        using var g2 = new Generator(9);
        using var a = augmentation.Apply(images, g1);
        using var b = augmentation.Apply(images, g2);
        Assert.Equal(ToDoubles(a), ToDoubles(b));
        var values = ToDoubles(a);
        double mean = values.Average(), sd = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        Assert.True(Math.Abs(mean) < 0.01, $"mean {mean}");          // 60,000 values: standard error 0.0012
        Assert.True(Math.Abs(sd - 0.3) < 0.01, $"spread {sd}");
    }

    [Fact]
    public void A_view_leaves_no_tensor_behind_but_its_result()
    {
        using var images = Images(8, 3);
        using var generator = new Generator(1);
        var augmentation = new ImageAugmentation(6, 5) { MinScale = 0.8 };
        AssertLeavesOnlyItsResult(() => augmentation.Apply(images, generator));
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        using var generator = new Generator(1);
        using var wrongWidth = zeros(4, 31);
        using var integers = zeros(new long[] { 4, 30 }, dtype: ScalarType.Int64);
        var good = new ImageAugmentation(6, 5);
        Assert.Equal("images", Assert.Throws<ArgumentException>(() => good.Apply(wrongWidth, generator)).ParamName);
        Assert.Equal("images", Assert.Throws<ArgumentException>(() => good.Apply(integers, generator)).ParamName);
        Assert.Equal("Height", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(0, 5)).ParamName);
        using var images = zeros(4, 30);
        Assert.Equal("MaxShift", Assert.Throws<ArgumentOutOfRangeException>(() => (good with { MaxShift = -1 }).Apply(images, generator)).ParamName);
        Assert.Equal("ErasingProbability", Assert.Throws<ArgumentOutOfRangeException>(() => (good with { ErasingProbability = 2 }).Apply(images, generator)).ParamName);
        Assert.Equal("MinScale", Assert.Throws<ArgumentOutOfRangeException>(() => (good with { MinScale = 0 }).Apply(images, generator)).ParamName);
        Assert.Equal("NoiseStd", Assert.Throws<ArgumentOutOfRangeException>(() => (good with { NoiseStd = -0.1 }).Apply(images, generator)).ParamName);
    }
}
