using System.Text.Json.Nodes;
using DebiasKit.Runner.Execution;

namespace DebiasKit.Runner.Results;

/// <summary>summary.json: one entry per notebook of a run (status, verdict, time, error), for scripts and tests.</summary>
public static class RunSummaryFile
{
    public const string FileName = "summary.json";

    public static void Write(RunSummary summary, RunOptions options, JsonObject provenance)
    {
        var document = new JsonObject
        {
            ["schema"] = "debiaskit-run/1",
            ["profile"] = options.Profile,
            ["parallel"] = options.Parallel,
            ["threads"] = options.Threads,
            ["seconds"] = Math.Round(summary.Seconds, 3),
            ["allExecuted"] = summary.AllExecuted,
            ["provenance"] = provenance.DeepClone(),
            ["notebooks"] = new JsonArray(summary.Notebooks.Select(n => (JsonNode?)new JsonObject
            {
                ["notebook"] = n.Outcome.Notebook.Name,
                ["paper"] = n.Outcome.Notebook.PaperId,
                ["path"] = n.Outcome.Notebook.Path,
                ["status"] = n.Outcome.StatusText,
                ["verdict"] = ResultsFile.Verdict(n.Results),
                ["seconds"] = Math.Round(n.Outcome.Seconds, 3),
                ["error"] = n.Outcome.Error,
                ["errorCell"] = n.Outcome.ErrorCell,
                ["executedNotebook"] = Path.GetFileName(n.Outcome.OutputNotebook),
                ["results"] = Path.GetFileName(n.Outcome.ResultsFile),
            }).ToArray()),
        };
        ResultsFile.Write(Path.Combine(summary.OutputFolder, FileName), document);
    }
}
