using System.Text.Json.Nodes;

namespace DebiasKit.Runner.Notebooks;

/// <summary>
/// nbformat 4.5 requires every cell to carry an id (1–64 letters, digits, '-' or '_', unique in the notebook).
/// .NET Interactive's writer declares 4.5 but leaves ids out, so the runner adds them to the notebooks it writes.
/// </summary>
public static class CellIds
{
    /// <summary>Gives every cell without a valid, unique id the id "cell-&lt;n&gt;" (n = position, from 1).</summary>
    public static void Ensure(JsonObject notebook)
    {
        if (notebook["cells"] is not JsonArray cells) return;
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell) continue;
            string? id = cell["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (id is null || !IsValid(id) || !used.Add(id))
            {
                string candidate = $"cell-{i + 1}";
                for (int k = 2; !used.Add(candidate); k++) candidate = $"cell-{i + 1}-{k}";
                cell["id"] = candidate;
            }
        }
    }

    private static bool IsValid(string id) =>
        id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
