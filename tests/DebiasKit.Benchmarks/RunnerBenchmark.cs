using System.Globalization;
using System.Text.Json.Nodes;

namespace DebiasKit.Benchmarks;

/// <summary>
/// The runner's overhead per notebook: from the worker process's start (cold) or from handing the notebook to a warm,
/// pre-started worker (in a suite), to the first cell done, on a notebook whose cells do nothing. Target: 1.0 s;
/// for comparison, toolchain measurements on this machine: dotnet-repl about 2 s and Jupyter with the .NET kernel
/// about 3.7 s per notebook, kernel start included.
/// </summary>
internal static class RunnerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var folder = RunnerProcess.NewFolder("runner");
        var notebooks = Path.Combine(folder, "notebooks");
        for (int i = 0; i < repeats; i++) WriteTrivialNotebook(Path.Combine(notebooks, $"{i:000}-trivial.ipynb"));

        // Cold: one runner process per notebook, nothing pre-started but what the run itself starts.
        var cold = new List<double>();
        var wall = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            var output = Path.Combine(folder, $"cold-{i}");
            var (exit, seconds) = RunnerProcess.Run("run", Path.Combine(notebooks, $"{i:000}-trivial.ipynb"), "--out", output, "--quiet", "--no-report");
            if (exit != 0) throw new InvalidOperationException($"runner exited {exit}");
            cold.Add(Overhead(output, $"{i:000}-trivial", "sinceProcessStartSeconds"));
            wall.Add(seconds);
        }

        // Suite: all notebooks in one run, one at a time; every worker after the first was started ahead of need.
        var suiteOutput = Path.Combine(folder, "suite");
        var (suiteExit, suiteSeconds) = RunnerProcess.Run("run", notebooks, "--out", suiteOutput, "--quiet", "--no-report", "--parallel", "1");
        if (suiteExit != 0) throw new InvalidOperationException($"runner exited {suiteExit}");
        var warm = Enumerable.Range(0, repeats).Select(i => Overhead(suiteOutput, $"{i:000}-trivial", "sinceHandoffSeconds")).ToList();

        Console.WriteLine($"Runner overhead per notebook, trivial notebook, {repeats} repeats (median [min, max]):");
        Console.WriteLine($"  cold, worker start to first cell done:            {Median(cold)} s");
        Console.WriteLine($"  cold, whole runner process (start to exit):       {Median(wall)} s");
        Console.WriteLine($"  in a suite, warm worker: hand-off to first cell:  {Median(warm)} s   (target ≤ 1.0 s)");
        Console.WriteLine($"  suite of {repeats} trivial notebooks, one at a time: {suiteSeconds:F2} s ({suiteSeconds / repeats:F2} s per notebook)");
        await Task.CompletedTask;
        return 0;
    }

    private static double Overhead(string output, string name, string field) =>
        RunnerProcess.ReadJson(Path.Combine(output, name + ".results.json"))["run"]!["overhead"]![field]!.GetValue<double>();

    private static string Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[sorted.Count / 2]:F3} [{sorted[0]:F3}, {sorted[^1]:F3}]");
    }

    private static void WriteTrivialNotebook(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        JsonObject Code(string source, bool parameters = false) => new()
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = parameters ? new JsonObject { ["tags"] = new JsonArray("parameters") } : new JsonObject(),
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        };
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(Code("1 + 1"), Code("var profile = \"ci\";", parameters: true), Code("profile")),
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        File.WriteAllText(path, notebook.ToJsonString());
    }
}
