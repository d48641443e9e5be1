using System.Security.Cryptography;
using System.Text;
using DebiasKit.Data;
using Xunit;
using static DebiasKit.Tests.Data.DataFolders;

namespace DebiasKit.Tests.Data;

/// <summary>
/// A missing, truncated, altered or lengthened data file fails loudly and by name: through <see cref="DataFile.Verify"/>
/// and through real loaders pointed at a temporary data folder that holds a damaged copy.
/// </summary>
public class DataFileTests
{
    private static readonly DataFile MnistImages = ShippedFiles.MnistMnist10kImagesIdx3Ubyte;
    private static readonly DataFile MnistLabels = ShippedFiles.MnistMnist10kLabelsIdx1Ubyte;
    private static readonly DataFile LaLondeFile = ShippedFiles.LalondeLalondeNswExperimental;

    // ---- DataFile.Verify on a file of known content ----

    private static DataFile Describe(string relativePath, byte[] bytes) =>
        new(relativePath, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));

    [Fact]
    public void Verify_returns_the_full_path_of_an_intact_file()
    {
        using var folder = new TestHelpers.TempFolder();
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,2\n");
        var file = Describe("sub/table.csv", bytes);
        var written = Write(folder.Path, file, bytes);
        Assert.Equal(Path.Combine(folder.Path, "sub", "table.csv"), file.FullPath(folder.Path));
        Assert.Equal(written, file.Verify(folder.Path));
        using var stream = file.Open(folder.Path);
        Assert.Equal(bytes.Length, stream.Length);
    }

    [Fact]
    public void Verify_names_a_missing_file()
    {
        using var folder = new TestHelpers.TempFolder();
        var file = Describe("sub/table.csv", [1, 2, 3]);
        var error = Assert.Throws<FileNotFoundException>(() => file.Verify(folder.Path));
        Assert.Contains("'data/sub/table.csv'", error.Message);
        Assert.Contains("missing", error.Message);
        Assert.Equal(file.FullPath(folder.Path), error.FileName);
    }

    [Fact]
    public void Verify_rejects_a_short_a_long_and_an_altered_file()
    {
        using var folder = new TestHelpers.TempFolder();
        var bytes = Encoding.UTF8.GetBytes("0123456789");
        var file = Describe("x/digits.txt", bytes);

        Write(folder.Path, file, bytes[..4]);
        var shortError = Assert.Throws<InvalidDataException>(() => file.Verify(folder.Path));
        Assert.Contains("'data/x/digits.txt' is truncated", shortError.Message);
        Assert.Contains("4 of 10 bytes", shortError.Message);

        Write(folder.Path, file, [.. bytes, (byte)'0']);
        var longError = Assert.Throws<InvalidDataException>(() => file.Verify(folder.Path));
        Assert.Contains("'data/x/digits.txt' is corrupt", longError.Message);
        Assert.Contains("11 bytes", longError.Message);

        var altered = (byte[])bytes.Clone();
        altered[3] = (byte)'x';
        Write(folder.Path, file, altered);
        var alteredError = Assert.Throws<InvalidDataException>(() => file.Verify(folder.Path));
        Assert.Contains("'data/x/digits.txt' is corrupt", alteredError.Message);
        Assert.Contains("SHA-256", alteredError.Message);
        Assert.Contains(file.Sha256, alteredError.Message);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(altered)), alteredError.Message);
    }

    [Fact]
    public void A_file_that_passed_is_checked_again_once_it_changes()
    {
        using var folder = new TestHelpers.TempFolder();
        var bytes = Encoding.UTF8.GetBytes("hello world");
        var file = Describe("a/b.txt", bytes);
        var path = Write(folder.Path, file, bytes);
        file.Verify(folder.Path);
        var altered = (byte[])bytes.Clone();
        altered[0] = (byte)'j';
        File.WriteAllBytes(path, altered);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));
        Assert.Throws<InvalidDataException>(() => file.Verify(folder.Path));
    }

    [Fact]
    public void OpenContent_decompresses_gz_files_only()
    {
        using var folder = new TestHelpers.TempFolder();
        CopyShipped(folder.Path, MnistLabels);
        using (var stream = MnistLabels.OpenContent(folder.Path))
        {
            var header = new byte[8];
            stream.ReadExactly(header);
            // IDX magic number of unsigned-byte rank-1 data, then 10,000 labels, big-endian.
            Assert.Equal(new byte[] { 0, 0, 8, 1, 0, 0, 0x27, 0x10 }, header);
        }
        CopyShipped(folder.Path, LaLondeFile);
        using var reader = new StreamReader(LaLondeFile.OpenContent(folder.Path));
        Assert.StartsWith("\"age\",\"educ\"", reader.ReadLine());
    }

    // ---- The same failures through real loaders ----

    public static TheoryData<string> Damages => ["missing", "truncated", "flipped", "longer"];

    /// <summary>Lays out a temporary data folder whose copy of <paramref name="file"/> has <paramref name="damage"/>.</summary>
    private static void Damage(string folder, DataFile file, string damage)
    {
        switch (damage)
        {
            case "missing": break;
            case "truncated": Write(folder, file, Truncated(file)); break;
            case "flipped": Write(folder, file, OneByteFlipped(file)); break;
            case "longer": Write(folder, file, OneByteLonger(file)); break;
            default: throw new ArgumentException(damage, nameof(damage));
        }
    }

    private static void AssertFailsByName(Action load, DataFile file, string damage)
    {
        string name = "'data/" + file.RelativePath + "'";
        if (damage == "missing")
        {
            var error = Assert.Throws<FileNotFoundException>(load);
            Assert.Contains(name, error.Message);
            return;
        }
        var invalid = Assert.Throws<InvalidDataException>(load);
        Assert.Contains(name, invalid.Message);
        switch (damage)
        {
            case "truncated": Assert.Contains("truncated", invalid.Message); break;
            case "flipped":
                Assert.Contains("corrupt", invalid.Message);
                Assert.Contains("SHA-256", invalid.Message);
                break;
            case "longer": Assert.Contains("corrupt", invalid.Message); break;
        }
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void Mnist_fails_by_name_on_a_damaged_image_file(string damage)
    {
        using var folder = new TestHelpers.TempFolder();
        CopyShipped(folder.Path, MnistLabels);
        Damage(folder.Path, MnistImages, damage);
        AssertFailsByName(() => Mnist.Load(folder.Path), MnistImages, damage);
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void Mnist_fails_by_name_on_a_damaged_label_file(string damage)
    {
        using var folder = new TestHelpers.TempFolder();
        CopyShipped(folder.Path, MnistImages);
        Damage(folder.Path, MnistLabels, damage);
        AssertFailsByName(() => Mnist.Load(folder.Path), MnistLabels, damage);
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void LaLonde_fails_by_name_on_a_damaged_file(string damage)
    {
        using var folder = new TestHelpers.TempFolder();
        Damage(folder.Path, LaLondeFile, damage);
        AssertFailsByName(() => LaLonde.Experimental(folder.Path), LaLondeFile, damage);
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void Verify_fails_by_name_on_a_damaged_shipped_file(string damage)
    {
        using var folder = new TestHelpers.TempFolder();
        var file = ShippedFiles.GermanCreditCreditG;
        Damage(folder.Path, file, damage);
        AssertFailsByName(() => file.Verify(folder.Path), file, damage);
        AssertFailsByName(() => GermanCredit.Load(folder.Path), file, damage);
    }

    [Fact]
    public void Loaders_read_an_intact_copy_in_another_folder()
    {
        // The control for the failure tests above: the same folder layout with intact copies loads.
        using var folder = new TestHelpers.TempFolder();
        CopyShipped(folder.Path, MnistImages);
        CopyShipped(folder.Path, MnistLabels);
        CopyShipped(folder.Path, LaLondeFile);
        Assert.Equal(10_000, Mnist.Load(folder.Path).Count);
        Assert.Equal(445, LaLonde.Experimental(folder.Path).Rows.Count);
        Assert.Equal(Path.Combine(folder.Path, "lalonde", "lalonde-nsw-experimental.csv"), LaLondeFile.Verify(folder.Path));
    }

    // ---- DataDirectory ----

    [Fact]
    public void Environment_variable_naming_a_missing_folder_fails_and_names_the_variable()
    {
        var missing = Path.Combine(Path.GetTempPath(), "debiaskit-no-such-folder-" + Guid.NewGuid().ToString("N"));
        TestHelpers.WithEnvironment(DataDirectory.EnvironmentVariable, missing, () =>
        {
            var error = Assert.Throws<DirectoryNotFoundException>(() => DataDirectory.Resolve());
            Assert.Contains("DEBIASKIT_DATA", error.Message);
            Assert.Contains(missing, error.Message);
            // Loaders called without a folder go through the same resolution.
            Assert.Throws<DirectoryNotFoundException>(() => LaLonde.Experimental());
        });
    }

    [Fact]
    public void Environment_variable_redirects_the_loaders()
    {
        using var folder = new TestHelpers.TempFolder();
        TestHelpers.WithEnvironment(DataDirectory.EnvironmentVariable, folder.Path, () =>
        {
            Assert.Equal(Path.GetFullPath(folder.Path), DataDirectory.Resolve());
            var error = Assert.Throws<FileNotFoundException>(() => LaLonde.Experimental());
            Assert.Contains("'data/lalonde/lalonde-nsw-experimental.csv'", error.Message);
            Assert.StartsWith(folder.Path, error.FileName);
            CopyShipped(folder.Path, LaLondeFile);
            Assert.Equal(445, LaLonde.Experimental().Rows.Count);
        });
    }

    [Fact]
    public void Without_the_variable_the_repository_data_folder_is_found()
    {
        TestHelpers.WithEnvironment(DataDirectory.EnvironmentVariable, null, () =>
            Assert.Equal(Path.Combine(TestHelpers.RepositoryRoot(), "data"), DataDirectory.Resolve()));
    }
}
