using DebiasKit.Data;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Data;

/// <summary>Colored-MNIST on the real digits: labels, colour agreement, label noise, pixels, shapes and arguments.</summary>
public class ColoredMnistTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    private ImageSet Digits => mnist.Digits;

    private long[] Train => mnist.Split.Train;

    /// <summary>Every 10th training digit: 600 examples, for the tests that need no statistics.</summary>
    private long[] Few => Train.Where((_, k) => k % 10 == 0).ToArray();

    private long Digit(long index) => Digits.Labels[(int)index];

    /// <summary>The three channel planes of example <paramref name="k"/>.</summary>
    private static double[] Row(ColoredImages images, long k)
    {
        using var row = images.Data.Features[k];
        return ToDoubles(row);
    }

    [Fact]
    public void Binary_labels_are_digit_at_least_5_without_label_noise()
    {
        using var images = ColoredMnist.Create(Digits, Train, colourAgreement: 0.9, seed: 1);
        Assert.Equal(6000, images.Labels.Count);
        Assert.Equal(Train.Select(i => Digit(i) >= 5 ? 1L : 0L), images.Labels);
        Assert.Equal(images.Labels, images.Data.LabelArray());
        Assert.Equal(2, images.Data.Classes);
        Assert.All(images.Colours, c => Assert.InRange(c, 0, 1));
    }

    [Theory]
    [InlineData(0.9, 0.02)]
    [InlineData(0.8, 0.02)]
    [InlineData(0.5, 0.03)]
    [InlineData(0.1, 0.02)]
    public void Measured_agreement_is_near_the_requested_rate(double agreement, double tolerance)
    {
        using var images = ColoredMnist.Create(Digits, Train, agreement, seed: 2);
        Assert.InRange(images.MeasuredAgreement, agreement - tolerance, agreement + tolerance);
        double byHand = images.Labels.Where((label, k) => images.Colours[k] == label).Count() / 6000.0;
        Assert.Equal(byHand, images.MeasuredAgreement);
    }

    [Fact]
    public void Agreement_one_colours_every_example_by_its_label_and_zero_by_the_other()
    {
        using (var agree = ColoredMnist.Create(Digits, Few, 1, seed: 3))
        {
            Assert.Equal(agree.Labels, agree.Colours);
            Assert.Equal(1, agree.MeasuredAgreement);
        }
        using var disagree = ColoredMnist.Create(Digits, Few, 0, seed: 3);
        Assert.All(Enumerable.Range(0, Few.Length), k => Assert.Equal(1 - disagree.Labels[k], disagree.Colours[k]));
        Assert.Equal(0, disagree.MeasuredAgreement);
    }

    [Fact]
    public void Label_noise_flips_about_that_share_of_labels()
    {
        using var images = ColoredMnist.Create(Digits, Train, 0.9, seed: 4, labelNoise: 0.25);
        double flipped = Train.Where((i, k) => images.Labels[k] != (Digit(i) >= 5 ? 1 : 0)).Count() / (double)Train.Length;
        Assert.InRange(flipped, 0.23, 0.27);
        // Agreement is measured against the noisy label.
        Assert.InRange(images.MeasuredAgreement, 0.88, 0.92);
    }

    [Fact]
    public void Red_and_green_examples_tint_the_grey_digit()
    {
        using var images = ColoredMnist.Create(Digits, Few, 0.5, seed: 5);
        long red = Enumerable.Range(0, Few.Length).First(k => images.Colours[k] == 0);
        long green = Enumerable.Range(0, Few.Length).First(k => images.Colours[k] == 1);
        foreach (var (k, channel) in new[] { (red, 0), (green, 1) })
        {
            var grey = Digits.Image((int)Few[k]).ToArray().Select(b => (double)(b / 255f)).ToArray();
            var values = Row(images, k);
            Assert.Equal(3 * 784, values.Length);
            for (int c = 0; c < 3; c++)
            {
                var plane = values.Skip(c * 784).Take(784).ToArray();
                if (c == channel) AllClose(grey, plane, 0);
                else Assert.All(plane, v => Assert.Equal(0, v));
            }
            Assert.Contains(grey, v => v > 0.5);
        }
    }

    [Fact]
    public void Features_are_flat_or_images_with_three_channels()
    {
        long[] indices = Few.Take(7).ToArray();
        using var flat = ColoredMnist.Create(Digits, indices, 0.9, seed: 6);
        Assert.Equal(new long[] { 7, 3 * 784 }, flat.Data.Features.shape);
        Assert.Equal(ScalarType.Float32, flat.Data.Features.dtype);
        Assert.Equal(ScalarType.Int64, flat.Data.Labels.dtype);
        using var images = ColoredMnist.Create(Digits, indices, 0.9, seed: 6, flatten: false);
        Assert.Equal(new long[] { 7, 3, 28, 28 }, images.Data.Features.shape);
        // The same seed gives the same examples, only shaped differently.
        Assert.Equal(flat.Colours, images.Colours);
        AllClose(ToDoubles(flat.Data.Features), ToDoubles(images.Data.Features), 0);
        var all = ToDoubles(flat.Data.Features);
        Assert.Equal(0, all.Min());
        Assert.True(all.Max() <= 1);
    }

    [Fact]
    public void Ten_class_mode_labels_by_digit_and_uses_ten_colours()
    {
        using var images = ColoredMnist.Create(Digits, Train, 0.7, seed: 7, binary: false);
        Assert.Equal(10, images.Data.Classes);
        Assert.Equal(Train.Select(Digit), images.Labels);
        Assert.Equal(Enumerable.Range(0, 10).Select(c => (long)c), images.Colours.Distinct().Order());
        Assert.InRange(images.MeasuredAgreement, 0.68, 0.72);
        Assert.Equal(10, ColoredMnist.DigitPalette.Count);
        Assert.Equal(10, ColoredMnist.DigitPalette.Distinct().Count());

        // Pixels are the grey digit times the palette colour.
        int k = 17;
        var (r, g, b) = ColoredMnist.DigitPalette[(int)images.Colours[k]];
        var grey = Digits.Image((int)Train[k]).ToArray().Select(v => v / 255f).ToArray();
        var expected = grey.Select(v => (double)(v * r)).Concat(grey.Select(v => (double)(v * g))).Concat(grey.Select(v => (double)(v * b))).ToArray();
        AllClose(expected, Row(images, k), 0);
    }

    [Fact]
    public void Groups_combine_label_and_colour()
    {
        using var images = ColoredMnist.Create(Digits, Few, 0.5, seed: 8);
        var groups = images.Groups();
        Assert.Equal(Enumerable.Range(0, Few.Length).Select(k => images.Labels[k] * 2 + images.Colours[k]), groups);
        Assert.Equal(new long[] { 0, 1, 2, 3 }, groups.Distinct().Order());
    }

    [Fact]
    public void The_same_seed_gives_the_same_colours_and_another_seed_others()
    {
        using var a = ColoredMnist.Create(Digits, Few, 0.5, seed: 9);
        using var b = ColoredMnist.Create(Digits, Few, 0.5, seed: 9);
        using var c = ColoredMnist.Create(Digits, Few, 0.5, seed: 10);
        Assert.Equal(a.Colours, b.Colours);
        Assert.NotEqual(a.Colours, c.Colours);
    }

    [Fact]
    public void Rejects_bad_arguments_and_names_them()
    {
        long[] indices = Few.Take(5).ToArray();
        long before = LiveTensors();
        Assert.Equal("colourAgreement", Assert.ThrowsAny<ArgumentException>(() => ColoredMnist.Create(Digits, indices, 1.5, 0)).ParamName);
        Assert.Equal("colourAgreement", Assert.ThrowsAny<ArgumentException>(() => ColoredMnist.Create(Digits, indices, -0.1, 0)).ParamName);
        Assert.Equal("labelNoise", Assert.ThrowsAny<ArgumentException>(() => ColoredMnist.Create(Digits, indices, 0.9, 0, labelNoise: 1)).ParamName);
        Assert.Equal("labelNoise", Assert.ThrowsAny<ArgumentException>(() => ColoredMnist.Create(Digits, indices, 0.9, 0, labelNoise: -0.5)).ParamName);
        Assert.Equal("indices", Assert.ThrowsAny<ArgumentException>(() => ColoredMnist.Create(Digits, [0, 10_000], 0.9, 0)).ParamName);
        Assert.Equal("digits", Assert.ThrowsAny<ArgumentException>(() => ColoredMnist.Create(null!, indices, 0.9, 0)).ParamName);
        var rgb = new ImageSet("rgb", new byte[3 * 4], [0], 3, 2, 2, 255, Mnist.ClassNames);
        Assert.Equal("digits", Assert.ThrowsAny<ArgumentException>(() => ColoredMnist.Create(rgb, [0], 0.9, 0)).ParamName);
        Assert.Equal(before, LiveTensors());
    }

    [Fact]
    public void Creates_two_tensors_and_disposing_frees_them()
    {
        long before = LiveTensors();
        var images = ColoredMnist.Create(Digits, Few, 0.9, seed: 11);
        Assert.Equal(before + 2, LiveTensors());
        images.Dispose();
        Assert.Equal(before, LiveTensors());
    }
}
