using System.Text.Json;
using System.Text.Json.Nodes;

namespace DebiasKit.Runner.Notebooks;

/// <summary>
/// The skeleton of a paper's notebook and the kit-loading cell every notebook starts with (a test checks that each
/// notebook's first code cell is exactly <see cref="KitLoadingCell"/>).
/// </summary>
public static class NotebookTemplate
{
    /// <summary>The first code cell of every notebook: loads the kit from the flat kit folder, two folders up.</summary>
    public const string KitLoadingCell = """
        #r "../../artifacts/kit/DebiasKit.dll"
        using DebiasKit;
        using DebiasKit.Causal;
        using DebiasKit.Data;
        using DebiasKit.Data.Synthetic;
        using DebiasKit.Losses;
        using DebiasKit.Metrics;
        using DebiasKit.Models;
        using DebiasKit.Projections;
        using DebiasKit.Reporting;
        using DebiasKit.Training;
        using TorchSharp;
        using static TorchSharp.torch;
        Kit.Setup()
        """;

    /// <summary>The cells of a new notebook: title and claim, kit loading, parameters, settings, and the sections to fill in.</summary>
    public static JsonObject Create(string paperId, string title, string citation)
    {
        var cells = new JsonArray
        {
            Markdown($"""
                # {paperId} · {title}

                {citation}

                **Mechanism.** One paragraph: what the method changes and why it should help.

                **Claim.** The paper's claim with its own numbers, quoted from the abstract or from a source you checked
                (otherwise mark them *approximate, unverified*).
                """),
            Code(KitLoadingCell),
            Code("""
                var profile = "ci";      // "ci": small, under 30 s on a 2-core CPU; "full": close to the paper's scale (meant for a GPU)
                var device = "auto";     // "auto" (CUDA when available), "cpu" or "cuda"
                int[] seeds = { 0, 1, 2 };
                """, "parameters"),
            Code($$"""
                // Everything that depends on the profile, in one place.
                bool ci = profile == "ci";
                var settings = new
                {
                    Epochs = ci ? 20 : 200,
                };
                var dev = Kit.ResolveDevice(device);
                var report = NotebookReport.Start("{{paperId}}", "{{title.Replace("\"", "\\\"")}}", profile, seeds, dev, citation: "{{citation.Replace("\"", "\\\"")}}");
                settings
                """),
            Markdown("## Data\n\nReal data from data/ where the paper used a comparable data set (loaders in DebiasKit.Data, e.g. `Mnist.Load()` with `Mnist.StandardSplit`; see data/README.md and notebooks/data/000-data-tour.ipynb); otherwise a seeded generator that recreates the phenomenon, explained here."),
            Markdown("## Method and baseline\n\nSame data, same budget, same seeds."),
            Markdown("## Results\n\nA results table (report.Table), at least one chart (report.Chart) and a paper-versus-ours table."),
            Markdown("## Claim checks\n\nEach claim in measurable form with its threshold fixed from the paper's numbers before running (report.Claim), then report.Summary()."),
            Markdown("## Verdict\n\nReproduced, partly reproduced or not reproduced at this scale, why, and what differs from the paper."),
        };
        var notebook = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = "csharp",
                        ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
                    },
                },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        CellIds.Ensure(notebook);
        return notebook;
    }

    /// <summary>Writes a notebook as Jupyter does (one-space indent, a final newline).</summary>
    public static void Write(JsonObject notebook, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, notebook.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    private static JsonObject Markdown(string text) => new()
    {
        ["cell_type"] = "markdown",
        ["metadata"] = new JsonObject(),
        ["source"] = Lines(text),
    };

    private static JsonObject Code(string text, string? tag = null)
    {
        var metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        };
        if (tag is not null) metadata["tags"] = new JsonArray(tag);
        return new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = metadata,
            ["outputs"] = new JsonArray(),
            ["source"] = Lines(text),
        };
    }

    private static JsonArray Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        return new JsonArray(lines.Select((l, i) => (JsonNode?)JsonValue.Create(i < lines.Length - 1 ? l + "\n" : l)).ToArray());
    }
}
