using System.Globalization;
using Microsoft.Data.Analysis;

namespace DebiasKit.Data;

/// <summary>
/// Reads Weka's ARFF text format into a DataFrame: numeric attributes become double columns, nominal and string
/// attributes string columns, '?' a null. Enough of the format for the data files the kit ships.
/// </summary>
internal static class ArffReader
{
    /// <summary>Verifies a shipped ARFF file and reads it.</summary>
    public static DataFrame Read(DataFile file, string? dataDirectory)
    {
        using var stream = file.OpenContent(dataDirectory);
        return Read(stream, file.Name);
    }

    public static DataFrame Read(Stream stream, string name)
    {
        using var reader = new StreamReader(stream);
        var attributes = new List<(string Name, bool Numeric)>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('%')) continue;
            if (trimmed.StartsWith("@attribute", StringComparison.OrdinalIgnoreCase))
            {
                var rest = trimmed["@attribute".Length..].Trim();
                string attributeName;
                if (rest.StartsWith('\'') || rest.StartsWith('"'))
                {
                    int end = rest.IndexOf(rest[0], 1);
                    if (end < 0) throw new InvalidDataException($"'{name}': the attribute name in '{trimmed}' has no closing quote.");
                    attributeName = rest[1..end];
                    rest = rest[(end + 1)..].Trim();
                }
                else
                {
                    int space = rest.IndexOfAny([' ', '\t']);
                    if (space < 0) throw new InvalidDataException($"'{name}': '{trimmed}' declares no type.");
                    attributeName = rest[..space];
                    rest = rest[space..].Trim();
                }
                if (rest.Length == 0) throw new InvalidDataException($"'{name}': '{trimmed}' declares no type.");
                bool numeric = rest.StartsWith("numeric", StringComparison.OrdinalIgnoreCase)
                    || rest.StartsWith("real", StringComparison.OrdinalIgnoreCase)
                    || rest.StartsWith("integer", StringComparison.OrdinalIgnoreCase);
                attributes.Add((attributeName, numeric));
            }
            else if (trimmed.StartsWith("@data", StringComparison.OrdinalIgnoreCase)) break;
        }
        if (attributes.Count == 0) throw new InvalidDataException($"'{name}' declares no @attribute before @data.");
        var values = attributes.Select(_ => new List<string?>()).ToArray();
        int row = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('%')) continue;
            row++;
            var fields = SplitRow(trimmed, name, row);
            if (fields.Count != attributes.Count)
                throw new InvalidDataException($"'{name}' data row {row} has {fields.Count} values; {attributes.Count} attributes are declared.");
            for (int c = 0; c < fields.Count; c++) values[c].Add(fields[c].Quoted || fields[c].Text != "?" ? fields[c].Text : null);
        }
        var columns = attributes.Select((a, c) => a.Numeric
            ? (DataFrameColumn)new DoubleDataFrameColumn(a.Name, values[c].Select((v, r) => v is null ? (double?)null : Number(v, name, r + 1, a.Name)))
            : new StringDataFrameColumn(a.Name, values[c]));
        return new DataFrame(columns);
    }

    private static double Number(string text, string name, int row, string attribute) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new InvalidDataException($"'{name}' data row {row}: '{text}' is not a number, but attribute '{attribute}' is numeric.");

    private static List<(string Text, bool Quoted)> SplitRow(string line, string name, int row)
    {
        var fields = new List<(string Text, bool Quoted)>();
        int i = 0;
        while (i <= line.Length)
        {
            while (i < line.Length && line[i] == ' ') i++;
            if (i < line.Length && (line[i] == '\'' || line[i] == '"'))
            {
                char quote = line[i];
                int end = line.IndexOf(quote, i + 1);
                if (end < 0) throw new InvalidDataException($"'{name}' data row {row} has a quoted value without its closing quote.");
                fields.Add((line[(i + 1)..end], true));
                i = line.IndexOf(',', end);
                if (i < 0) break;
                i++;
            }
            else
            {
                int comma = line.IndexOf(',', i);
                fields.Add((line[i..(comma < 0 ? line.Length : comma)].Trim(), false));
                if (comma < 0) break;
                i = comma + 1;
            }
        }
        return fields;
    }
}
