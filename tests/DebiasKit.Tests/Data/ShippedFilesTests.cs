using System.Reflection;
using DebiasKit.Data;
using Xunit;

namespace DebiasKit.Tests.Data;

/// <summary>
/// The checksum list and the data/ folder agree: a data file added, removed or changed without updating
/// <see cref="ShippedFiles"/> fails here rather than in a notebook.
/// </summary>
public class ShippedFilesTests
{
    private static string DataFolder => Path.Combine(TestHelpers.RepositoryRoot(), "data");

    /// <summary>Data files on disk, relative to data/ with forward slashes: all but notices and licences (*.md, COPYRIGHT*, LICENSE*) and data/prepare/.</summary>
    private static List<string> FilesOnDisk() =>
        Directory.EnumerateFiles(DataFolder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(DataFolder, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(relative => !relative.StartsWith("prepare/", StringComparison.Ordinal)
                && !relative.EndsWith(".md", StringComparison.Ordinal)
                && !Path.GetFileName(relative).StartsWith("COPYRIGHT", StringComparison.Ordinal)
                && !Path.GetFileName(relative).StartsWith("LICENSE", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Every_file_in_data_is_listed_and_every_listed_file_exists()
    {
        var onDisk = FilesOnDisk();
        var listed = ShippedFiles.All.Select(f => f.RelativePath).Order(StringComparer.Ordinal).ToList();
        var unlisted = onDisk.Except(listed).ToList();
        var absent = listed.Except(onDisk).ToList();
        Assert.True(unlisted.Count == 0, "Files in data/ missing from ShippedFiles: " + string.Join(", ", unlisted));
        Assert.True(absent.Count == 0, "ShippedFiles entries with no file in data/: " + string.Join(", ", absent));
        Assert.Equal(onDisk, listed);
    }

    [Fact]
    public void Every_listed_file_verifies()
    {
        var failures = new List<string>();
        foreach (var file in ShippedFiles.All)
        {
            try { Assert.Equal(file.FullPath(DataFolder), file.Verify(DataFolder)); }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException) { failures.Add(e.Message); }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void The_list_is_well_formed()
    {
        Assert.Equal(ShippedFiles.All.Count, ShippedFiles.All.Select(f => f.RelativePath).Distinct().Count());
        Assert.All(ShippedFiles.All, f =>
        {
            Assert.DoesNotContain('\\', f.RelativePath);
            Assert.False(f.RelativePath.StartsWith('/'), f.RelativePath);
            Assert.True(f.Length > 0, f.RelativePath);
            Assert.Matches("^[0-9a-f]{64}$", f.Sha256);
        });
        // Every public DataFile field is in All, and All holds nothing else.
        var fields = typeof(ShippedFiles).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DataFile))
            .Select(f => (DataFile)f.GetValue(null)!)
            .ToList();
        Assert.Equal(fields.Count, ShippedFiles.All.Count);
        Assert.All(fields, f => Assert.Contains(f, ShippedFiles.All));
    }
}
