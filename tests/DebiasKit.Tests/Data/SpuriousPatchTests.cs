using DebiasKit.Data;
using Xunit;

namespace DebiasKit.Tests.Data;

public class SpuriousPatchTests
{
    /// <summary>A small grey set: 3 classes, 2 × 6 × 6 images with pixel value 10 + class everywhere.</summary>
    private static ImageSet Toy(int perClass)
    {
        int n = 3 * perClass, size = 2 * 6 * 6;
        var labels = Enumerable.Range(0, n).Select(i => (long)(i % 3)).ToArray();
        var pixels = new byte[n * size];
        for (int i = 0; i < n; i++) pixels.AsSpan(i * size, size).Fill((byte)(10 + labels[i]));
        return new ImageSet("toy", pixels, labels, channels: 2, height: 6, width: 6, maxValue: 255, ["a", "b", "c"]);
    }

    [Fact]
    public void The_patch_follows_the_class_probabilities_and_changes_only_its_square()
    {
        var toy = Toy(2_000);
        var all = Enumerable.Range(0, toy.Count).Select(i => (long)i).ToArray();
        var result = SpuriousPatch.Apply(toy, all, new[] { 0.9, 0.5, 0.0 }, seed: 1, size: 2);
        double Rate(long c) => Enumerable.Range(0, toy.Count).Where(i => toy.Labels[i] == c).Average(i => result.HasPatch[i] ? 1.0 : 0.0);
        Assert.InRange(Rate(0), 0.88, 0.92);
        Assert.InRange(Rate(1), 0.47, 0.53);
        Assert.Equal(0, Rate(2));
        for (int i = 0; i < 30; i++)
        {
            var image = result.Images.Image(i);
            for (int ch = 0; ch < 2; ch++)
                for (int row = 0; row < 6; row++)
                    for (int col = 0; col < 6; col++)
                    {
                        bool inSquare = row < 2 && col < 2;
                        byte expected = result.HasPatch[i] && inSquare ? (byte)255 : (byte)(10 + toy.Labels[i]);
                        Assert.Equal(expected, image[ch * 36 + row * 6 + col]);
                    }
        }
        Assert.Equal(10, toy.Image(0)[0]);   // the source set is untouched
        Assert.Equal(result.HasPatch, SpuriousPatch.Apply(toy, all, new[] { 0.9, 0.5, 0.0 }, seed: 1, size: 2).HasPatch);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        var toy = Toy(2);
        long[] some = { 0, 1 };
        Assert.Equal("patchProbability", Assert.ThrowsAny<ArgumentException>(() => SpuriousPatch.Apply(toy, some, new[] { 0.5, 0.5 }, seed: 0)).ParamName);
        Assert.Equal("patchProbability", Assert.ThrowsAny<ArgumentException>(() => SpuriousPatch.Apply(toy, some, new[] { 0.5, 1.5, 0 }, seed: 0)).ParamName);
        Assert.Equal("size", Assert.ThrowsAny<ArgumentException>(() => SpuriousPatch.Apply(toy, some, new[] { 0.5, 0.5, 0 }, seed: 0, size: 7)).ParamName);
        Assert.Equal("indices", Assert.ThrowsAny<ArgumentException>(() => SpuriousPatch.Apply(toy, new long[] { 99 }, new[] { 0.5, 0.5, 0 }, seed: 0)).ParamName);
    }
}
