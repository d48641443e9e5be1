using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace DebiasKit.Data;

/// <summary>
/// Reads the CSV files R's write.csv makes (RFC 4180 quoting, a header row, NA for a missing value) into a
/// DataFrame. Types follow R's own: a column with any quoted value held text (a factor or character) and becomes a
/// string column; TRUE/FALSE columns become booleans; whole numbers that fit become Int32, other numbers double.
/// NA becomes null. The column types never depend on how many rows were looked at.
/// </summary>
internal static class CsvTableReader
{
    /// <summary>Verifies a shipped CSV file and reads it.</summary>
    public static DataFrame Read(DataFile file, string? dataDirectory)
    {
        using var stream = file.OpenContent(dataDirectory);
        return Read(stream, file.Name);
    }

    public static DataFrame Read(Stream stream, string name)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var rows = ParseRecords(reader.ReadToEnd(), name);
        if (rows.Count == 0) throw new InvalidDataException($"'{name}' has no header row.");
        var header = rows[0];
        for (int r = 1; r < rows.Count; r++)
            if (rows[r].Count != header.Count)
                throw new InvalidDataException($"'{name}' row {r + 1} has {rows[r].Count} fields; the header has {header.Count}.");
        var columns = new List<DataFrameColumn>(header.Count);
        for (int c = 0; c < header.Count; c++)
            columns.Add(Column(header[c].Text, rows.Skip(1).Select(row => row[c]).ToList()));
        return new DataFrame(columns);
    }

    private static DataFrameColumn Column(string name, List<Field> fields)
    {
        static bool IsNa(Field f) => !f.Quoted && (f.Text == "NA" || f.Text.Length == 0);
        var present = fields.Where(f => !IsNa(f)).ToList();
        if (present.Any(f => f.Quoted) || present.Count == 0)
            return new StringDataFrameColumn(name, fields.Select(f => IsNa(f) ? null : f.Text));
        if (present.All(f => f.Text is "TRUE" or "FALSE"))
            return new BooleanDataFrameColumn(name, fields.Select(f => IsNa(f) ? (bool?)null : f.Text == "TRUE"));
        if (present.All(f => int.TryParse(f.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
            return new Int32DataFrameColumn(name, fields.Select(f => IsNa(f) ? (int?)null : int.Parse(f.Text, CultureInfo.InvariantCulture)));
        if (present.All(f => double.TryParse(f.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            return new DoubleDataFrameColumn(name, fields.Select(f => IsNa(f) ? (double?)null : double.Parse(f.Text, NumberStyles.Float, CultureInfo.InvariantCulture)));
        return new StringDataFrameColumn(name, fields.Select(f => IsNa(f) ? null : f.Text));
    }

    internal readonly record struct Field(string Text, bool Quoted);

    /// <summary>Splits CSV text into records of fields, honouring quotes (which may hold commas and newlines).</summary>
    internal static List<List<Field>> ParseRecords(string text, string name)
    {
        var records = new List<List<Field>>();
        var record = new List<Field>();
        var field = new StringBuilder();
        bool quoted = false, inQuotes = false, fieldStarted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else inQuotes = false;
                }
                else field.Append(ch);
                continue;
            }
            switch (ch)
            {
                case '"' when !fieldStarted:
                    inQuotes = quoted = fieldStarted = true;
                    break;
                case ',':
                    record.Add(new Field(field.ToString(), quoted));
                    field.Clear(); quoted = fieldStarted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    record.Add(new Field(field.ToString(), quoted));
                    records.Add(record);
                    record = new List<Field>(); field.Clear(); quoted = fieldStarted = false;
                    break;
                default:
                    field.Append(ch); fieldStarted = true;
                    break;
            }
        }
        if (inQuotes) throw new InvalidDataException($"'{name}' ends inside a quoted field.");
        if (fieldStarted || record.Count > 0)
        {
            record.Add(new Field(field.ToString(), quoted));
            records.Add(record);
        }
        return records;
    }
}
