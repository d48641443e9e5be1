using System.Globalization;
using System.Text.Json.Nodes;

namespace DebiasKit.Benchmarks;

/// <summary>The whole ci suite as the notebook tests run it (two at a time, one torch thread each), timed.</summary>
internal static class SuiteBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var output = RunnerProcess.NewFolder("suite");
        var (exit, seconds) = RunnerProcess.Run("run", Path.Combine(RunnerProcess.RepositoryRoot, "notebooks"), "--parallel", "2", "--threads", "1", "--out", output, "--quiet");
        var summary = RunnerProcess.ReadJson(Path.Combine(output, "summary.json"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ci suite: {summary["notebooks"]!.AsArray().Count} notebook(s) in {seconds:F1} s wall (runner exit code {exit})"));
        foreach (var entry in summary["notebooks"]!.AsArray().OfType<JsonObject>())
        {
            var results = RunnerProcess.ReadJson(Path.Combine(output, entry["results"]!.GetValue<string>()));
            var run = results["run"]!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {entry["notebook"],-30} {entry["status"],-8} {entry["seconds"]!.GetValue<double>(),6:F1} s  peak memory {run["peakMemoryMiB"]} MiB  verdict {entry["verdict"]}"));
        }
        await Task.CompletedTask;
        return exit;
    }
}
