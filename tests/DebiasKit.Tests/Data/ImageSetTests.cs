using DebiasKit.Data;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Data;

/// <summary><see cref="ImageSet"/>: construction checks, subsets, tensors for training and montages.</summary>
public class ImageSetTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    /// <summary>Three 2×3 grey images with values 0 … 17 and labels 2, 0, 1 of three classes; full intensity 20.</summary>
    private static ImageSet Small() =>
        new("small", Enumerable.Range(0, 18).Select(v => (byte)v).ToArray(), [2, 0, 1], 1, 2, 3, 20, ["a", "b", "c"]);

    [Fact]
    public void Constructor_keeps_what_it_is_given()
    {
        var set = Small();
        Assert.Equal("small", set.Name);
        Assert.Equal(3, set.Count);
        Assert.Equal(6, set.ImageSize);
        Assert.Equal(3, set.Classes);
        Assert.Equal(new long[] { 2, 0, 1 }, set.Labels);
        Assert.Equal(new long[] { 1, 1, 1 }, set.ClassCounts());
        Assert.Equal(new byte[] { 6, 7, 8, 9, 10, 11 }, set.Image(1).ToArray());
        Assert.Equal("small: 3 images of 1×2×3, 3 classes", set.ToString());
    }

    [Fact]
    public void Constructor_rejects_a_wrong_pixel_count_and_labels_out_of_range()
    {
        string[] names = ["a", "b", "c"];
        var pixelsError = Assert.ThrowsAny<ArgumentException>(() => new ImageSet("x", new byte[17], [0, 1, 2], 1, 2, 3, 255, names));
        Assert.Equal("pixels", pixelsError.ParamName);
        Assert.Contains("17", pixelsError.Message);
        Assert.Equal("pixels", Assert.ThrowsAny<ArgumentException>(() => new ImageSet("x", new byte[19], [0, 1, 2], 1, 2, 3, 255, names)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => new ImageSet("x", new byte[18], [0, 3, 2], 1, 2, 3, 255, names)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => new ImageSet("x", new byte[18], [0, -1, 2], 1, 2, 3, 255, names)).ParamName);
        Assert.Equal("maxValue", Assert.ThrowsAny<ArgumentException>(() => new ImageSet("x", new byte[18], [0, 1, 2], 1, 2, 3, 0, names)).ParamName);
        Assert.Equal("height", Assert.ThrowsAny<ArgumentException>(() => new ImageSet("x", [], [], 1, 0, 3, 255, names)).ParamName);
    }

    [Fact]
    public void Image_rejects_an_index_out_of_range()
    {
        var set = Small();
        Assert.Equal("index", Assert.ThrowsAny<ArgumentException>(() => set.Image(3)).ParamName);
        Assert.Equal("index", Assert.ThrowsAny<ArgumentException>(() => set.Image(-1)).ParamName);
    }

    [Fact]
    public void Subset_takes_the_images_in_the_given_order()
    {
        var set = Small();
        var subset = set.Subset([2, 0, 2]);
        Assert.Equal(3, subset.Count);
        Assert.Equal(new long[] { 1, 2, 1 }, subset.Labels);
        Assert.Equal(new byte[] { 12, 13, 14, 15, 16, 17, 0, 1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17 }, subset.Pixels.ToArray());
        Assert.Equal(set.MaxValue, subset.MaxValue);
        Assert.Equal(set.ClassNames, subset.ClassNames);
        Assert.Equal("indices", Assert.ThrowsAny<ArgumentException>(() => set.Subset([0, 3])).ParamName);
        Assert.Equal("indices", Assert.ThrowsAny<ArgumentException>(() => set.Subset([-1])).ParamName);
        Assert.Equal(0, set.Subset([]).Count);
    }

    [Fact]
    public void ToClassificationData_scales_to_unit_range_with_int64_labels()
    {
        using var data = Small().ToClassificationData();
        Assert.Equal(new long[] { 3, 6 }, data.Features.shape);
        Assert.Equal(ScalarType.Float32, data.Features.dtype);
        Assert.Equal(ScalarType.Int64, data.Labels.dtype);
        Assert.Equal(3, data.Classes);
        Assert.Equal(new long[] { 2, 0, 1 }, data.LabelArray());
        AllClose(Enumerable.Range(0, 18).Select(v => v / 20.0).ToArray(), ToDoubles(data.Features), 1e-7);
    }

    [Fact]
    public void ToClassificationData_of_mnist_digits_is_in_0_1_with_full_intensity_1()
    {
        var digits = mnist.Digits;
        long[] indices = [0, 5000, 9999, 123];
        using var flat = digits.ToClassificationData(indices);
        Assert.Equal(new long[] { 4, 784 }, flat.Features.shape);
        Assert.Equal(indices.Select(i => digits.Labels[(int)i]), flat.LabelArray());
        var values = ToDoubles(flat.Features);
        Assert.Equal(0, values.Min());
        Assert.Equal(1, values.Max(), 6);
        var expected = indices.SelectMany(i => digits.Image((int)i).ToArray()).Select(b => b / 255.0).ToArray();
        AllClose(expected, values, 1e-6);

        using var images = digits.ToClassificationData(indices, flatten: false);
        Assert.Equal(new long[] { 4, 1, 28, 28 }, images.Features.shape);
        AllClose(expected, ToDoubles(images.Features), 1e-6);
    }

    [Fact]
    public void ToClassificationData_leaves_only_its_two_tensors()
    {
        var set = Small();
        long before = LiveTensors();
        var data = set.ToClassificationData([1, 2]);
        Assert.Equal(before + 2, LiveTensors());
        data.Dispose();
        Assert.Equal(before, LiveTensors());
    }

    [Fact]
    public void Montage_tiles_the_images_with_one_pixel_gaps()
    {
        var set = Small();
        // Three images, two to a row: two rows of (2 + 1) pixels, two columns of (3 + 1) pixels.
        var montage = set.Montage([0, 1, 2], columns: 2);
        Assert.Equal(2 * (2 + 1), montage.GetLength(0));
        Assert.Equal(2 * (3 + 1), montage.GetLength(1));
        Assert.Equal(0 / 20.0, montage[0, 0]);
        Assert.Equal(5 / 20.0, montage[1, 2]);      // image 0, last pixel
        Assert.Equal(6 / 20.0, montage[0, 4]);      // image 1 starts after a gap column
        Assert.Equal(17 / 20.0, montage[4, 2]);     // image 2, second row of tiles, last pixel
        Assert.Equal(0, montage[0, 3]);             // gap column
        Assert.Equal(0, montage[2, 0]);             // gap row
        Assert.Equal(0, montage[3, 4]);             // empty fourth tile
        Assert.Equal(0, montage[5, 7]);
    }

    [Theory]
    [InlineData(10, 5, 2)]
    [InlineData(7, 3, 3)]
    [InlineData(1, 4, 1)]
    public void Montage_size_is_rows_times_height_plus_one_by_columns_times_width_plus_one(int count, int columns, int rows)
    {
        var digits = mnist.Digits;
        var montage = digits.Montage(Enumerable.Range(0, count).Select(i => (long)i * 1000).ToArray(), columns);
        Assert.Equal(rows * 29, montage.GetLength(0));
        Assert.Equal(columns * 29, montage.GetLength(1));
        Assert.Equal(digits.Image(0)[14 * 28 + 14] / 255.0, montage[14, 14]);
    }

    [Fact]
    public void Montage_rejects_bad_arguments()
    {
        var set = Small();
        Assert.Equal("columns", Assert.ThrowsAny<ArgumentException>(() => set.Montage([0], 0)).ParamName);
        Assert.Equal("indices", Assert.ThrowsAny<ArgumentException>(() => set.Montage(null!, 2)).ParamName);
        Assert.Equal("index", Assert.ThrowsAny<ArgumentException>(() => set.Montage([5], 2)).ParamName);
    }

    [Fact]
    public void PixelStatistics_equal_a_direct_computation()
    {
        var set = new ImageSet("t", [0, 255, 51, 102, 0, 0, 255, 255], [0, 1], 1, 2, 2, 255, ["a", "b"]);
        var all = new[] { 0, 1, 0.2, 0.4, 0, 0, 1, 1 };
        double mean = all.Average(), sd = Math.Sqrt(all.Sum(v => (v - mean) * (v - mean)) / (all.Length - 1));
        var (m, s) = set.PixelStatistics();
        Assert.Equal(mean, m, 12);
        Assert.Equal(sd, s, 12);
        var (m1, _) = set.PixelStatistics([1]);
        Assert.Equal(0.5, m1, 12);   // the second image: 0, 0, 1, 1
    }

    [Fact]
    public void ClassCounts_of_some_images_count_their_labels_only()
    {
        var set = Small();   // labels 2, 0, 1
        Assert.Equal(new long[] { 1, 0, 2 }, set.ClassCounts([0, 1, 0]));
        Assert.Equal(new long[] { 0, 0, 0 }, set.ClassCounts([]));
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => set.ClassCounts([3])).ParamName);
    }
}
