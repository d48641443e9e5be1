using DebiasKit.Runner.Notebooks;
using Microsoft.DotNet.Interactive.Documents;

namespace DebiasKit.Runner.Execution;

/// <summary>Finds a notebook's parameters cell and inserts the cell that assigns the overrides after it.</summary>
public static class ParametersInjection
{
    /// <summary>The parameters cell: the code cell tagged "parameters", or null.</summary>
    public static InteractiveDocumentElement? FindParametersCell(InteractiveDocument document)
    {
        var tagged = document.Elements.Where(e => Tags(e).Contains(ParametersCell.Tag)).ToList();
        if (tagged.Count > 1) throw new NotebookFormatException($"{tagged.Count} cells are tagged \"{ParametersCell.Tag}\"; a notebook has at most one.");
        return tagged.SingleOrDefault();
    }

    /// <summary>
    /// Checks the parameters cell and, when there are overrides, inserts the injected cell after it and returns it.
    /// Fails before any cell runs when the parameters cell breaks the rules or an override is unknown or of the wrong type.
    /// </summary>
    public static InteractiveDocumentElement? Inject(InteractiveDocument document, IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        var cell = FindParametersCell(document);
        if (cell is null)
        {
            if (overrides.Count == 0) return null;
            throw new NotebookFormatException(
                $"The notebook has no cell tagged \"{ParametersCell.Tag}\", so it cannot take the parameters {string.Join(", ", overrides.Select(o => o.Key))}.");
        }
        var declared = ParametersCell.Parse(cell.Contents);
        if (overrides.Count == 0) return null;
        var code = ParametersCell.Overrides(declared, overrides);
        var injected = new InteractiveDocumentElement(code, "csharp");
        injected.Metadata ??= new Dictionary<string, object>();
        injected.Metadata["tags"] = new[] { ParametersCell.InjectedTag };
        document.Elements.Insert(document.Elements.IndexOf(cell) + 1, injected);
        return injected;
    }

    private static IEnumerable<string> Tags(InteractiveDocumentElement element)
    {
        if (element.Metadata is null || !element.Metadata.TryGetValue("tags", out var tags) || tags is null) return [];
        return tags switch
        {
            string single => [single],
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } json => json.EnumerateArray().Select(t => t.ToString()),
            System.Collections.IEnumerable many => many.Cast<object?>().Select(t => t?.ToString() ?? ""),
            _ => [],
        };
    }
}
