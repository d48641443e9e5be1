using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DebiasKit.Metrics;
using Microsoft.Data.Analysis;

namespace DebiasKit.Reporting;

/// <summary>
/// A small table of results as a notebook shows it (HTML in a notebook, aligned text elsewhere). Numbers are shown
/// with a fixed number of decimals; a <see cref="SeedSummary"/> cell shows "mean ± spread".
/// </summary>
[TypeFormatterSource(typeof(KitHtmlFormatterSource))]
public sealed class ResultTable : IHtmlDisplay
{
    private readonly List<object?[]> rows = [];

    /// <param name="id">Identifier within the notebook.</param>
    /// <param name="title">Caption.</param>
    /// <param name="columns">Column headers.</param>
    public ResultTable(string id, string title, params string[] columns)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("id must be a non-empty name.", nameof(id));
        Guard.NotNull(columns, nameof(columns));
        if (columns.Length == 0) throw new ArgumentException("columns must name at least one column.", nameof(columns));
        Id = id;
        Title = title ?? "";
        Columns = columns;
    }

    /// <summary>Identifier within the notebook.</summary>
    public string Id { get; }

    /// <summary>Caption.</summary>
    public string Title { get; }

    /// <summary>Column headers.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows, as added.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows => rows;

    /// <summary>Decimals shown for numbers (default 3).</summary>
    public int Decimals { get; init; } = 3;

    /// <summary>Adds a row; it must have one cell per column.</summary>
    public ResultTable AddRow(params object?[] cells)
    {
        Guard.NotNull(cells, nameof(cells));
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"cells has {cells.Length} values but the table has {Columns.Count} columns.", nameof(cells));
        rows.Add(cells);
        return this;
    }

    /// <summary>The text of a cell as the table shows it.</summary>
    public string Format(object? cell) => cell switch
    {
        null => "",
        double d => double.IsNaN(d) ? "–" : d.ToString("F" + Decimals, CultureInfo.InvariantCulture),
        float f => float.IsNaN(f) ? "–" : ((double)f).ToString("F" + Decimals, CultureInfo.InvariantCulture),
        SeedSummary s => s.ToString(Decimals),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    /// <summary>
    /// The first <paramref name="rows"/> rows of a DataFrame as a table, for showing what a data set looks like;
    /// a missing value shows as "NA". <paramref name="columns"/> picks and orders columns (default all).
    /// </summary>
    public static ResultTable FromDataFrame(string id, string title, DataFrame frame, int rows = 5, IReadOnlyList<string>? columns = null, int decimals = 3)
    {
        Guard.NotNull(frame, nameof(frame));
        Guard.NonNegative(rows, nameof(rows));
        var names = columns ?? frame.Columns.Select(c => c.Name).ToArray();
        foreach (var name in names)
            if (!frame.Columns.Any(c => c.Name == name))
                throw new ArgumentException($"frame has no column '{name}'.", nameof(columns));
        var table = new ResultTable(id, title, names.ToArray()) { Decimals = decimals };
        for (long r = 0; r < Math.Min(rows, frame.Rows.Count); r++)
            table.AddRow(names.Select(name => frame.Columns[name][r] ?? "NA").ToArray());
        return table;
    }

    /// <summary>The table as a Microsoft.Data.Analysis DataFrame of strings, numbers kept as shown.</summary>
    public DataFrame ToDataFrame()
    {
        var frame = new DataFrame();
        for (int c = 0; c < Columns.Count; c++)
            frame.Columns.Add(new StringDataFrameColumn(Columns[c], rows.Select(r => Format(r[c]))));
        return frame;
    }

    /// <summary>The table as JSON: {"id", "title", "columns", "rows"} with cells as shown.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["title"] = Title,
        ["columns"] = new JsonArray(Columns.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
        ["rows"] = new JsonArray(rows.Select(r => (JsonNode?)new JsonArray(r.Select(c => (JsonNode?)JsonValue.Create(Format(c))).ToArray())).ToArray()),
    };

    /// <inheritdoc />
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<table class=\"debiaskit-table\" style=\"border-collapse:collapse;font-variant-numeric:tabular-nums\">");
        if (Title.Length > 0) html.Append("<caption style=\"text-align:left;font-weight:bold\">").Append(WebUtility.HtmlEncode(Title)).Append("</caption>");
        html.Append("<thead><tr>");
        foreach (var column in Columns)
            html.Append("<th style=\"text-align:left;padding:2px 10px;border-bottom:1px solid #888\">").Append(WebUtility.HtmlEncode(column)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                string align = cell is string ? "left" : "right";
                html.Append("<td style=\"text-align:").Append(align).Append(";padding:2px 10px\">").Append(WebUtility.HtmlEncode(Format(cell))).Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var cells = rows.Select(r => r.Select(Format).ToArray()).ToList();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        if (Title.Length > 0) text.AppendLine(Title);
        text.AppendLine(string.Join("  ", Columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
            text.AppendLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        return text.ToString().TrimEnd();
    }
}
