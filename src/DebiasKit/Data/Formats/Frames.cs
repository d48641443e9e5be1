using Microsoft.Data.Analysis;
using static TorchSharp.torch;

namespace DebiasKit.Data;

/// <summary>From a DataFrame's columns to the arrays and tensors a model needs, with errors that name the column.</summary>
public static class Frames
{
    /// <summary>The values of numeric columns as a float32 tensor [rows, columns], rows in <paramref name="rows"/> (all when null).</summary>
    public static Tensor Features(DataFrame table, IReadOnlyList<string> columns, IReadOnlyList<long>? rows = null, Device? device = null)
    {
        Guard.NotNull(table, nameof(table));
        Guard.NotNull(columns, nameof(columns));
        if (columns.Count == 0) throw new ArgumentException("columns must name at least one column.", nameof(columns));
        var selected = rows ?? Enumerable.Range(0, (int)table.Rows.Count).Select(i => (long)i).ToArray();
        var values = new float[(long)selected.Count * columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            var column = Column(table, columns[c], nameof(columns));
            for (int r = 0; r < selected.Count; r++)
                values[(long)r * columns.Count + c] = (float)Number(column, selected[r], nameof(table));
        }
        return tensor(values, [selected.Count, columns.Count], device: device);
    }

    /// <summary>Class labels 0 … K−1 from a column: an integer column as it is, any other by the sorted distinct values.</summary>
    public static long[] Labels(DataFrame table, string column)
    {
        Guard.NotNull(table, nameof(table));
        var values = Column(table, column, nameof(column));
        if (values is Int32DataFrameColumn ints)
            return Enumerable.Range(0, (int)ints.Length).Select(i => (long)(ints[i] ?? throw Missing(column, i, nameof(table)))).ToArray();
        var text = Enumerable.Range(0, (int)values.Length).Select(i => values[i]?.ToString() ?? throw Missing(column, i, nameof(table))).ToArray();
        var classes = text.Distinct().Order(StringComparer.Ordinal).ToList();
        return text.Select(t => (long)classes.IndexOf(t)).ToArray();
    }

    private static DataFrameColumn Column(DataFrame table, string name, string argument)
    {
        Guard.NotNull(name, argument);
        if (!table.Columns.Any(c => c.Name == name))
            throw new ArgumentException($"The table has no column '{name}'; its columns are {string.Join(", ", table.Columns.Select(c => c.Name))}.", argument);
        return table.Columns[name];
    }

    private static double Number(DataFrameColumn column, long row, string argument)
    {
        var value = column[row] ?? throw Missing(column.Name, row, argument);
        return value switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            bool b => b ? 1 : 0,
            _ => throw new ArgumentException($"Column '{column.Name}' holds {value.GetType().Name} values; only numeric and boolean columns can be features.", argument),
        };
    }

    private static ArgumentException Missing(string column, long row, string argument) =>
        new($"Column '{column}' has a missing value (NA) in row {row}; drop or impute missing values first.", argument);
}
