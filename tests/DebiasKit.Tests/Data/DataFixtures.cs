using DebiasKit.Data;
using Xunit;

namespace DebiasKit.Tests.Data;

/// <summary>The 10,000 MNIST digits and their standard split, loaded once per test class.</summary>
public sealed class MnistFixture
{
    public ImageSet Digits { get; } = Mnist.Load();

    public DataSplit Split => _split ??= Mnist.StandardSplit(Digits);

    private DataSplit? _split;
}

/// <summary>Fashion-MNIST's 30,000 images, loaded once per test class.</summary>
public sealed class FashionMnistFixture
{
    public ImageSet All { get; } = FashionMnist.Load();
}

/// <summary>The 50,000 GloVe vectors, loaded once per test class (about a second).</summary>
public sealed class GloveFixture
{
    public WordEmbeddings Vectors { get; } = Glove.Load();
}

/// <summary>Helpers for tests that point a loader at a temporary data folder.</summary>
internal static class DataFolders
{
    /// <summary>The shipped copy of <paramref name="file"/> in the repository's data/ folder.</summary>
    public static string Shipped(DataFile file) =>
        Path.Combine(TestHelpers.RepositoryRoot(), "data", file.RelativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes <paramref name="bytes"/> where <paramref name="file"/> belongs below <paramref name="dataDirectory"/>.</summary>
    public static string Write(string dataDirectory, DataFile file, byte[] bytes)
    {
        var path = file.FullPath(dataDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Copies the shipped <paramref name="file"/> unchanged into <paramref name="dataDirectory"/>.</summary>
    public static string CopyShipped(string dataDirectory, DataFile file) => Write(dataDirectory, file, File.ReadAllBytes(Shipped(file)));

    /// <summary>The shipped bytes of <paramref name="file"/> with their first half only.</summary>
    public static byte[] Truncated(DataFile file)
    {
        var bytes = File.ReadAllBytes(Shipped(file));
        return bytes[..(bytes.Length / 2)];
    }

    /// <summary>The shipped bytes of <paramref name="file"/> with the byte in the middle inverted: same length, other content.</summary>
    public static byte[] OneByteFlipped(DataFile file)
    {
        var bytes = File.ReadAllBytes(Shipped(file));
        bytes[bytes.Length / 2] ^= 0xFF;
        return bytes;
    }

    /// <summary>The shipped bytes of <paramref name="file"/> with one extra byte at the end.</summary>
    public static byte[] OneByteLonger(DataFile file) => [.. File.ReadAllBytes(Shipped(file)), (byte)'\n'];

    /// <summary>Asserts that indices parts are each sorted, pairwise disjoint and together exactly 0 … count−1.</summary>
    public static void AssertPartition(DataSplit split, long count)
    {
        foreach (var part in new[] { split.Train, split.Validation, split.Test })
        {
            Assert.Equal(part.Order(), part);
            Assert.Equal(part.Length, part.Distinct().Count());
        }
        Assert.Empty(split.Train.Intersect(split.Validation));
        Assert.Empty(split.Train.Intersect(split.Test));
        Assert.Empty(split.Validation.Intersect(split.Test));
        Assert.Equal(count, split.Count);
        Assert.Equal(Enumerable.Range(0, (int)count).Select(i => (long)i), split.Train.Concat(split.Validation).Concat(split.Test).Order());
    }
}
