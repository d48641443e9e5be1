using System.Text.Json.Nodes;
using NJsonSchema;

namespace DebiasKit.Notebooks.Tests;

/// <summary>The JSON schemas the tests validate against: Jupyter's nbformat 4.5 and the kit's results schema.</summary>
public static class NotebookSchemas
{
    private static readonly Lazy<JsonSchema> nbformat = new(() => JsonSchema.FromJsonAsync(FlattenNestedDefinitions(
        File.ReadAllText(Path.Combine(RunnerProcess.Repository.Root, "tests", "DebiasKit.Notebooks.Tests", "schemas", "nbformat.v4.5.schema.json")))).GetAwaiter().GetResult());

    private static readonly Lazy<JsonSchema> results = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(RunnerProcess.Repository.Root, "src", "DebiasKit.Runner", "results.schema.json")).GetAwaiter().GetResult());

    /// <summary>
    /// nbformat keeps some definitions one level deeper ("#/definitions/misc/source"), which NJsonSchema does not
    /// resolve; lifting them to "#/definitions/misc_source" gives the same schema in a form it reads.
    /// </summary>
    private static string FlattenNestedDefinitions(string schema)
    {
        var root = JsonNode.Parse(schema)!.AsObject();
        var definitions = root["definitions"]!.AsObject();
        if (definitions["misc"] is JsonObject misc)
        {
            definitions.Remove("misc");
            foreach (var (name, definition) in misc.ToList())
            {
                misc.Remove(name);
                definitions["misc_" + name] = definition;
            }
        }
        return root.ToJsonString().Replace("#/definitions/misc/", "#/definitions/misc_", StringComparison.Ordinal);
    }

    /// <summary>Schema violations of an executed notebook (empty when valid nbformat 4).</summary>
    public static IReadOnlyList<string> NotebookErrors(JsonNode notebook) =>
        nbformat.Value.Validate(notebook.ToJsonString()).Select(e => e.ToString()).ToList();

    /// <summary>Schema violations of a results file (empty when valid).</summary>
    public static IReadOnlyList<string> ResultsErrors(JsonNode document) =>
        results.Value.Validate(document.ToJsonString()).Select(e => e.ToString()).ToList();
}
