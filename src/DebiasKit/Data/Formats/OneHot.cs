using Microsoft.Data.Analysis;
using static TorchSharp.torch;

namespace DebiasKit.Data;

/// <summary>A one-hot design: a float32 tensor [rows, levels] and the name "column=level" of each of its columns.</summary>
public sealed record OneHotFeatures(Tensor Values, IReadOnlyList<string> Names);

/// <summary>One-hot encoding of categorical DataFrame columns.</summary>
public static class OneHot
{
    /// <summary>
    /// One indicator column per (column, level): the levels of each column are its distinct values over the whole
    /// table (so that every split of the same table gets the same columns), sorted ordinally, with a missing value
    /// (NA) as a level of its own named "NA". No level is dropped; fit an intercept with a penalty, or drop one
    /// column per block yourself, if the design must have full rank.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">Names of the columns to encode (any type; values are compared as text).</param>
    /// <param name="rows">Rows to encode (all when null).</param>
    /// <param name="device">Device of the returned tensor.</param>
    public static OneHotFeatures Encode(DataFrame table, IReadOnlyList<string> columns, IReadOnlyList<long>? rows = null, Device? device = null)
    {
        Guard.NotNull(table, nameof(table));
        Guard.NotNull(columns, nameof(columns));
        if (columns.Count == 0) throw new ArgumentException($"{nameof(columns)} must name at least one column.", nameof(columns));
        var selected = rows ?? Enumerable.Range(0, (int)table.Rows.Count).Select(i => (long)i).ToArray();
        var names = new List<string>();
        var blocks = new List<(DataFrameColumn Column, Dictionary<string, int> Offset)>();
        foreach (var name in columns)
        {
            if (!table.Columns.Any(c => c.Name == name))
                throw new ArgumentException($"The table has no column '{name}'; its columns are {string.Join(", ", table.Columns.Select(c => c.Name))}.", nameof(columns));
            var column = table.Columns[name];
            var levels = Enumerable.Range(0, (int)column.Length).Select(i => Text(column[i])).Distinct().Order(StringComparer.Ordinal).ToArray();
            blocks.Add((column, levels.Select((level, j) => (level, j)).ToDictionary(t => t.level, t => names.Count + t.j)));
            names.AddRange(levels.Select(level => $"{name}={level}"));
        }
        var values = new float[(long)selected.Count * names.Count];
        for (int r = 0; r < selected.Count; r++)
        {
            if (selected[r] < 0 || selected[r] >= table.Rows.Count)
                throw new ArgumentOutOfRangeException(nameof(rows), selected[r], $"{nameof(rows)} must lie in [0, {table.Rows.Count - 1}].");
            foreach (var (column, offset) in blocks)
                values[(long)r * names.Count + offset[Text(column[selected[r]])]] = 1f;
        }
        return new OneHotFeatures(tensor(values, [selected.Count, names.Count], device: device), names);
    }

    private static string Text(object? value) => value?.ToString() ?? "NA";
}
