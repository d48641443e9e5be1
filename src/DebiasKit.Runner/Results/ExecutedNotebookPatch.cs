using System.Text.Json;
using System.Text.Json.Nodes;
using DebiasKit.Runner.Notebooks;

namespace DebiasKit.Runner.Results;

/// <summary>
/// Puts an error output into an executed notebook when its worker was killed (timeout) or died (crash), so that
/// the executed notebook shows where it stopped. The cell is found by its source text.
/// </summary>
public static class ExecutedNotebookPatch
{
    public static void AddError(string sourceNotebook, string executedNotebook, int? cell, string name, string message)
    {
        try
        {
            var executed = JsonNode.Parse(File.Exists(executedNotebook) ? File.ReadAllText(executedNotebook) : File.ReadAllText(sourceNotebook))!;
            var cells = executed["cells"]!.AsArray();
            JsonNode? target = null;
            if (cell is int n && n >= 1)
            {
                var source = JsonNode.Parse(File.ReadAllText(sourceNotebook))!["cells"]!.AsArray();
                if (n <= source.Count)
                {
                    string text = Source(source[n - 1]!);
                    target = cells.FirstOrDefault(c => Source(c!) == text);
                }
            }
            target ??= cells.LastOrDefault(c => c?["cell_type"]?.GetValue<string>() == "code");
            if (target is null) return;
            var outputs = target["outputs"] as JsonArray ?? new JsonArray();
            target["outputs"] = outputs;
            outputs.Add(new JsonObject
            {
                ["output_type"] = "error",
                ["ename"] = name,
                ["evalue"] = message,
                ["traceback"] = new JsonArray(message.Split('\n').Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
            });
            CellIds.Ensure((JsonObject)executed);
            Directory.CreateDirectory(Path.GetDirectoryName(executedNotebook)!);
            File.WriteAllText(executedNotebook, executed.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            // The outcome already carries the error; a notebook that cannot be patched is left as it is.
        }
    }

    private static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };
}
