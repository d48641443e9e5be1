using System.Globalization;
using Microsoft.Data.Analysis;

namespace DebiasKit.Data;

/// <summary>
/// Reads Weka's ARFF text format into a DataFrame: numeric attributes become double columns, nominal and string
/// attributes string columns, '?' a null. Enough of the format for the data files the kit ships.
/// </summary>
internal static class ArffReader
{
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
                    attributeName = rest[1..end];
                    rest = rest[(end + 1)..].Trim();
                }
                else
                {
                    int space = rest.IndexOfAny([' ', '\t']);
                    attributeName = rest[..space];
                    rest = rest[space..].Trim();
                }
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
            var fields = SplitRow(trimmed);
            if (fields.Count != attributes.Count)
                throw new InvalidDataException($"'{name}' data row {row} has {fields.Count} values; {attributes.Count} attributes are declared.");
            for (int c = 0; c < fields.Count; c++) values[c].Add(fields[c] == "?" ? null : fields[c]);
        }
        var columns = attributes.Select((a, c) => a.Numeric
            ? (DataFrameColumn)new DoubleDataFrameColumn(a.Name, values[c].Select(v => v is null ? (double?)null : double.Parse(v, CultureInfo.InvariantCulture)))
            : new StringDataFrameColumn(a.Name, values[c]));
        return new DataFrame(columns);
    }

    private static List<string> SplitRow(string line)
    {
        var fields = new List<string>();
        int i = 0;
        while (i <= line.Length)
        {
            while (i < line.Length && line[i] == ' ') i++;
            if (i < line.Length && (line[i] == '\'' || line[i] == '"'))
            {
                char quote = line[i];
                int end = line.IndexOf(quote, i + 1);
                fields.Add(line[(i + 1)..end]);
                i = line.IndexOf(',', end);
                if (i < 0) break;
                i++;
            }
            else
            {
                int comma = line.IndexOf(',', i);
                fields.Add(line[i..(comma < 0 ? line.Length : comma)].Trim());
                if (comma < 0) break;
                i = comma + 1;
            }
        }
        return fields;
    }
}
