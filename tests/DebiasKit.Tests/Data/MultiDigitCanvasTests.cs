using DebiasKit.Data;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Data;

/// <summary><see cref="MultiDigitCanvas"/> on the real MNIST: labels are the placed digits, cells hold the source pixels.</summary>
public class MultiDigitCanvasTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    [Fact]
    public void Labels_are_the_set_of_placed_digits_and_cells_hold_their_pixels()
    {
        var pool = mnist.Split.Train;
        using var canvas = MultiDigitCanvas.Create(mnist.Digits, pool, count: 40, seed: 3, grid: 2, minImages: 1, maxImages: 3);
        Assert.Equal(new long[] { 40, 1, 56, 56 }, canvas.Images.shape);
        Assert.Equal(new long[] { 40, 10 }, canvas.Targets.shape);
        var poolSet = pool.ToHashSet();
        for (int n = 0; n < 40; n++)
        {
            var placed = canvas.Sources[n].Where(i => i >= 0).ToArray();
            Assert.InRange(placed.Length, 1, 3);
            Assert.Equal(placed.Length, placed.Distinct().Count());
            Assert.All(placed, i => Assert.Contains(i, poolSet));
            var expected = new float[10];
            foreach (var i in placed) expected[mnist.Digits.Labels[(int)i]] = 1;
            Assert.Equal(expected, canvas.Targets[n].data<float>().ToArray());
            for (int cell = 0; cell < 4; cell++)
            {
                int top = cell / 2 * 28, left = cell % 2 * 28;
                var block = canvas.Images[n, 0].narrow(0, top, 28).narrow(1, left, 28).contiguous().data<float>().ToArray();
                long source = canvas.Sources[n][cell];
                var reference = source < 0 ? new float[28 * 28] : mnist.Digits.Image((int)source).ToArray().Select(b => b * (1f / 255)).ToArray();
                Assert.Equal(reference, block);
            }
        }
    }

    [Fact]
    public void Same_seed_same_canvases_and_every_count_in_range_occurs()
    {
        using var a = MultiDigitCanvas.Create(mnist.Digits, mnist.Split.Test, count: 300, seed: 5, grid: 2, minImages: 2, maxImages: 4);
        using var b = MultiDigitCanvas.Create(mnist.Digits, mnist.Split.Test, count: 300, seed: 5, grid: 2, minImages: 2, maxImages: 4);
        Assert.Equal(a.Sources, b.Sources);
        var counts = a.Sources.Select(s => s.Count(i => i >= 0)).ToHashSet();
        Assert.Equal(new HashSet<int> { 2, 3, 4 }, counts);
    }

    [Fact]
    public void Missing_positives_only_remove_labels_at_about_the_rate()
    {
        using var canvas = MultiDigitCanvas.Create(mnist.Digits, mnist.Split.Train, count: 2000, seed: 1, maxImages: 4);
        using var hidden = canvas.WithMissingPositives(0.3, seed: 2);
        Assert.True(hidden.le(canvas.Targets).all().item<bool>());      // never adds a label
        double kept = hidden.sum().item<float>() / canvas.Targets.sum().item<float>();
        Assert.InRange(kept, 0.67, 0.73);
        using var none = canvas.WithMissingPositives(0, seed: 2);
        Assert.True(none.eq(canvas.Targets).all().item<bool>());
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        var pool = mnist.Split.Train;
        Assert.Throws<ArgumentOutOfRangeException>("maxImages", () => MultiDigitCanvas.Create(mnist.Digits, pool, 5, 0, grid: 2, maxImages: 5));
        Assert.Throws<ArgumentOutOfRangeException>("minImages", () => MultiDigitCanvas.Create(mnist.Digits, pool, 5, 0, minImages: 0));
        Assert.Throws<ArgumentException>("pool", () => MultiDigitCanvas.Create(mnist.Digits, [1L, 2L], 5, 0, maxImages: 3));
        Assert.Throws<ArgumentOutOfRangeException>("pool", () => MultiDigitCanvas.Create(mnist.Digits, [1L, 2L, 99_999L], 5, 0));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => MultiDigitCanvas.Create(mnist.Digits, pool, 0, 0));
        using var canvas = MultiDigitCanvas.Create(mnist.Digits, pool, 3, 0);
        Assert.Throws<ArgumentOutOfRangeException>("rate", () => canvas.WithMissingPositives(1.5, 0));
    }
}
