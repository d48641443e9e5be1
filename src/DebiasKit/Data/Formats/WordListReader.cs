namespace DebiasKit.Data;

/// <summary>
/// Reads the kit's word-list files: UTF-8 text, one entry a line, '#' starts a comment line, blank lines ignored.
/// Entries are trimmed; their letter case is kept as the source wrote it.
/// </summary>
internal static class WordListReader
{
    public static IReadOnlyList<string> Lines(DataFile file, string? dataDirectory)
    {
        using var reader = new StreamReader(file.OpenContent(dataDirectory));
        var lines = new List<string>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var entry = line.Trim();
            if (entry.Length > 0 && !entry.StartsWith('#')) lines.Add(entry);
        }
        return lines;
    }

    /// <summary>The entries split at tabs (when the file has tabs) or at spaces, each row checked for its field count.</summary>
    public static IReadOnlyList<string[]> Rows(DataFile file, string? dataDirectory, char separator, int? fields = null)
    {
        var rows = Lines(file, dataDirectory).Select(l => l.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        for (int r = 0; r < rows.Count; r++)
            if (fields is int n && rows[r].Length != n)
                throw new InvalidDataException($"'{file.Name}' entry {r + 1} has {rows[r].Length} fields; {n} expected.");
        return rows;
    }
}
