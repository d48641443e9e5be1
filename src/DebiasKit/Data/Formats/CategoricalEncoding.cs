using MathNet.Numerics.LinearAlgebra;
using Microsoft.Data.Analysis;

namespace DebiasKit.Data;

/// <summary>A one-hot design: the 0/1 matrix (rows = table rows) and a "column=level" name for each of its columns.</summary>
public sealed record OneHotDesign(Matrix<double> Values, IReadOnlyList<string> Names);

/// <summary>
/// Categorical DataFrame columns as indicator columns, the form the regressions and estimators take. A missing value (NA)
/// is a level of its own ("NA"), because in survey tables such as <see cref="KernlabIncome"/> a non-answer is information,
/// not noise. Levels are ordered ordinally (culture-invariant); with <c>dropFirst</c> each column's first level is the
/// reference and gets no indicator, so that the design with an intercept has full rank.
/// </summary>
public static class CategoricalEncoding
{
    /// <param name="table">The table.</param>
    /// <param name="columns">Names of the columns to encode (any type; values are compared as text).</param>
    /// <param name="dropFirst">Leave out each column's first level (the reference).</param>
    /// <param name="rows">Rows to encode, in this order (all when null); levels are taken from the whole table, so every row set gets the same columns.</param>
    public static OneHotDesign OneHot(DataFrame table, IReadOnlyList<string> columns, bool dropFirst = true, IReadOnlyList<int>? rows = null)
    {
        Guard.NotNull(table, nameof(table));
        Guard.NotNull(columns, nameof(columns));
        if (columns.Count == 0) throw new ArgumentException("columns must name at least one column.", nameof(columns));
        int total = (int)table.Rows.Count;
        var selected = rows ?? Enumerable.Range(0, total).ToArray();
        foreach (int r in selected)
            if (r < 0 || r >= total) throw new ArgumentOutOfRangeException(nameof(rows), r, $"row {r} is outside the table's {total} rows.");
        var names = new List<string>();
        var blocks = new List<(string[] Text, string[] Levels)>();
        foreach (var name in columns)
        {
            if (!table.Columns.Any(c => c.Name == name))
                throw new ArgumentException($"The table has no column '{name}'; its columns are {string.Join(", ", table.Columns.Select(c => c.Name))}.", nameof(columns));
            var column = table.Columns[name];
            var text = Enumerable.Range(0, total).Select(i => column[i]?.ToString() ?? "NA").ToArray();
            var levels = text.Distinct().Order(StringComparer.Ordinal).Skip(dropFirst ? 1 : 0).ToArray();
            blocks.Add((text, levels));
            names.AddRange(levels.Select(level => $"{name}={level}"));
        }
        var values = Matrix<double>.Build.Dense(selected.Count, names.Count);
        int offset = 0;
        foreach (var (text, levels) in blocks)
        {
            var index = levels.Select((level, k) => (level, k)).ToDictionary(p => p.level, p => p.k);
            for (int r = 0; r < selected.Count; r++)
                if (index.TryGetValue(text[selected[r]], out int k)) values[r, offset + k] = 1;
            offset += levels.Length;
        }
        return new OneHotDesign(values, names);
    }
}
