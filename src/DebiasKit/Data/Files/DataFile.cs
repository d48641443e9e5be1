using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace DebiasKit.Data;

/// <summary>
/// One file shipped in data/, with the length and SHA-256 it was committed with. <see cref="Open"/> checks both
/// before a loader reads a byte, so a missing, truncated or altered file fails loudly and by name instead of
/// turning into wrong numbers.
/// </summary>
/// <param name="RelativePath">Path below data/, with forward slashes.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="Sha256">SHA-256 of the bytes, lower-case hex.</param>
public sealed record DataFile(string RelativePath, long Length, string Sha256)
{
    private static readonly ConcurrentDictionary<(string Path, DateTime Written), bool> Verified = new();

    /// <summary>The file's name in messages: its path from the repository root, "data/…".</summary>
    public string Name => "data/" + RelativePath;

    /// <summary>Full path of the file in the resolved data folder (see <see cref="DataDirectory"/>).</summary>
    public string FullPath(string? dataDirectory = null) =>
        Path.Combine(dataDirectory ?? DataDirectory.Resolve(), RelativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// Verifies the file and returns its full path. Throws <see cref="FileNotFoundException"/> when it is missing
    /// and <see cref="InvalidDataException"/> when it is truncated, too long or has another checksum. A file that
    /// passed once is not hashed again until it changes.
    /// </summary>
    /// <param name="dataDirectory">Another data folder (tests); default: <see cref="DataDirectory.Resolve"/>.</param>
    public string Verify(string? dataDirectory = null)
    {
        string path = FullPath(dataDirectory);
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException(
                $"Data file '{Name}' is missing (looked for '{path}'). {Remedy}", path);
        if (Verified.ContainsKey((path, info.LastWriteTimeUtc)) && info.Length == Length) return path;
        if (info.Length < Length)
            throw new InvalidDataException(
                $"Data file '{Name}' is truncated: {info.Length:N0} of {Length:N0} bytes. {Remedy}");
        if (info.Length > Length)
            throw new InvalidDataException(
                $"Data file '{Name}' is corrupt: {info.Length:N0} bytes where the shipped file has {Length:N0}. {Remedy}");
        string actual;
        using (var stream = File.OpenRead(path)) actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (actual != Sha256)
            throw new InvalidDataException(
                $"Data file '{Name}' is corrupt: its SHA-256 is {actual}, the shipped file's is {Sha256}. {Remedy}");
        Verified[(path, info.LastWriteTimeUtc)] = true;
        return path;
    }

    /// <summary>Verifies the file and opens it for reading (see <see cref="Verify"/>).</summary>
    public Stream Open(string? dataDirectory = null) => File.OpenRead(Verify(dataDirectory));

    /// <summary>Verifies the file and opens its content: decompressed when the name ends in .gz.</summary>
    public Stream OpenContent(string? dataDirectory = null)
    {
        var stream = Open(dataDirectory);
        return RelativePath.EndsWith(".gz", StringComparison.Ordinal)
            ? new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress)
            : stream;
    }

    private string Remedy =>
        $"Restore it with 'git checkout -- {Name}' or rebuild it with data/prepare/prepare.sh (see data/README.md).";
}
