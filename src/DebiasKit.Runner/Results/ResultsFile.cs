using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DebiasKit.Runner.Execution;

namespace DebiasKit.Runner.Results;

/// <summary>
/// The results file of a notebook (schema debiaskit-results/1, see RESULTS.md): the notebook writes everything but
/// "run"; the runner adds "run" (status, timings, parameters, provenance) when the notebook is done.
/// </summary>
public static class ResultsFile
{
    public const string Schema = "debiaskit-results/1";

    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Reads a results file, or null when it is missing or not JSON.</summary>
    public static JsonObject? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Adds the run section to what the notebook recorded (or to an empty record if it recorded nothing).</summary>
    public static JsonObject Complete(NotebookOutcome outcome, RunOptions options, JsonObject provenance)
    {
        var document = Read(outcome.ResultsFile) ?? new JsonObject
        {
            ["schema"] = Schema,
            ["paper"] = new JsonObject { ["id"] = outcome.Notebook.PaperId },
            ["metrics"] = new JsonArray(),
            ["claims"] = new JsonArray(),
            ["verdict"] = "no claims",
        };
        var parameters = new JsonObject { ["profile"] = options.Profile };
        foreach (var (name, value) in options.Parameters) parameters[name] = value;
        var run = new JsonObject
        {
            ["notebook"] = outcome.Notebook.Name,
            ["family"] = outcome.Notebook.Family,
            ["status"] = outcome.StatusText,
            ["error"] = outcome.Error is null ? null : new JsonObject { ["cell"] = outcome.ErrorCell, ["message"] = outcome.Error },
            ["seconds"] = Round(outcome.Seconds),
            ["overhead"] = new JsonObject
            {
                ["prestartedWorker"] = outcome.Prestarted,
                ["sinceProcessStartSeconds"] = Round(outcome.OverheadSinceProcessStart),
                ["sinceHandoffSeconds"] = Round(outcome.OverheadSinceHandoff),
            },
            ["cells"] = new JsonArray(outcome.Cells.Select(c => (JsonNode?)new JsonObject
            {
                ["cell"] = c.Cell,
                ["seconds"] = Round(c.Seconds),
                ["ok"] = c.Ok,
            }).ToArray()),
            ["peakMemoryMiB"] = outcome.PeakMemoryBytes is long b ? Math.Round(b / 1048576.0, 1) : null,
            ["profile"] = options.Profile,
            ["parameters"] = parameters,
            ["threads"] = options.Threads,
            ["provenance"] = provenance.DeepClone(),
        };
        document["run"] = run;
        Write(outcome.ResultsFile, document);
        return document;
    }

    public static void Write(string path, JsonNode document)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, document.ToJsonString(Indented) + "\n");
    }

    private static double? Round(double? seconds) => seconds is double s ? Math.Round(s, 3) : null;

    /// <summary>The verdict a results document records.</summary>
    public static string Verdict(JsonObject? document) => document?["verdict"]?.GetValue<string>() ?? "—";

    /// <summary>"name = value" for the metrics marked key.</summary>
    public static IEnumerable<string> KeyMetrics(JsonObject? document)
    {
        if (document?["metrics"] is not JsonArray metrics) yield break;
        foreach (var metric in metrics.OfType<JsonObject>())
        {
            if (metric["key"]?.GetValue<bool>() != true) continue;
            double value = metric["value"]!.GetValue<double>();
            double precision = metric["precision"]?.GetValue<double>() ?? 0.001;
            int decimals = Precision.Decimals(precision);
            yield return $"{metric["name"]} = {value.ToString("F" + decimals, CultureInfo.InvariantCulture)}";
        }
    }
}
