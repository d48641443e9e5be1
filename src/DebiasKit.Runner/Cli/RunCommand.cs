using System.CommandLine;
using System.Globalization;
using DebiasKit.Runner.Execution;
using DebiasKit.Runner.Notebooks;

namespace DebiasKit.Runner.Cli;

/// <summary>`run [notebook or folder ...]`: executes notebooks and writes executed copies, results and a report.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Notebooks or folders (searched recursively). Default: the repository's notebooks/ folder.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string?>("--out") { Description = "Output folder. Default: artifacts/runs/<time>-<profile> in the repository." };
        var profile = new Option<string>("--profile") { Description = "ci (small, under 30 s per notebook) or full (paper scale, meant for a GPU).", DefaultValueFactory = _ => "ci" };
        profile.AcceptOnlyFromAmong("ci", "full");
        var parameters = new Option<string[]>("--param") { Description = "Override a notebook parameter: name=value (arrays: name=1,2,3). Repeatable.", Arity = ArgumentArity.ZeroOrMore };
        var parallel = new Option<int>("--parallel") { Description = "Notebooks run at the same time.", DefaultValueFactory = _ => 1 };
        var shard = new Option<string?>("--shard") { Description = "Run only shard k of n (k/n, 1-based), for CI matrices and cluster array jobs." };
        var threads = new Option<int>("--threads") { Description = "Torch threads per notebook.", DefaultValueFactory = _ => 1 };
        var timeout = new Option<double?>("--timeout") { Description = "Hard limit per notebook in seconds (ci: 90, full: 21600)." };
        var cellTimeout = new Option<double?>("--cell-timeout") { Description = "Hard limit per cell in seconds (ci: 60, full: 10800)." };
        var quiet = new Option<bool>("--quiet") { Description = "Print notebooks, not cells." };
        var noReport = new Option<bool>("--no-report") { Description = "Skip report.html." };

        var command = new Command("run", "Execute notebooks with the .NET Interactive C# kernel, one worker process per notebook.")
        {
            paths, output, profile, parameters, parallel, shard, threads, timeout, cellTimeout, quiet, noReport,
        };
        command.SetAction(async (result, _) =>
        {
            try
            {
                var repository = Repository.Find();
                var targets = result.GetValue(paths) is { Length: > 0 } given ? given : [repository.NotebooksFolder];
                var notebooks = NotebookFile.Discover(targets);
                if (result.GetValue(shard) is string s) notebooks = NotebookFile.Shard(notebooks, ShardPart(s, 0), ShardPart(s, 1));
                string chosenProfile = result.GetValue(profile)!;
                var (notebookLimit, cellLimit) = RunOptions.DefaultTimeouts(chosenProfile);
                var options = new RunOptions
                {
                    Profile = chosenProfile,
                    Parameters = ParseParameters(result.GetValue(parameters) ?? []),
                    OutputFolder = Path.GetFullPath(result.GetValue(output)
                        ?? Path.Combine(repository.RunsFolder, DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + chosenProfile)),
                    Parallel = Positive(result.GetValue(parallel), "--parallel"),
                    Threads = Positive(result.GetValue(threads), "--threads"),
                    NotebookTimeout = result.GetValue(timeout) is double t ? TimeSpan.FromSeconds(t) : notebookLimit,
                    CellTimeout = result.GetValue(cellTimeout) is double c ? TimeSpan.FromSeconds(c) : cellLimit,
                    Verbose = !result.GetValue(quiet),
                    WriteReport = !result.GetValue(noReport),
                };
                if (notebooks.Count == 0)
                {
                    Console.Error.WriteLine("No notebooks to run.");
                    return 2;
                }
                Console.WriteLine($"Running {notebooks.Count} notebook(s), profile {options.Profile}, {options.Parallel} at a time, {options.Threads} torch thread(s) each → {options.OutputFolder}");
                var summary = await RunCoordinator.RunAsync(notebooks, options, repository, Console.Out);
                return summary.AllExecuted ? 0 : 1;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 2;
            }
        });
        return command;
    }

    private static int ShardPart(string shard, int part)
    {
        var pieces = shard.Split('/');
        if (pieces.Length != 2 || !int.TryParse(pieces[part], out int value))
            throw new ArgumentException($"--shard must look like k/n, for example 2/4; got '{shard}'.");
        return value;
    }

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new ArgumentException($"{option} must be at least 1; got {value}.");

    internal static IReadOnlyList<KeyValuePair<string, string>> ParseParameters(IEnumerable<string> raw)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var item in raw)
        {
            int equals = item.IndexOf('=');
            if (equals <= 0) throw new ArgumentException($"--param must look like name=value; got '{item}'.");
            string name = item[..equals].Trim();
            if (name == "profile") throw new ArgumentException("Set the profile with --profile, not --param profile=…");
            if (list.Any(p => p.Key == name)) throw new ArgumentException($"--param {name} is given twice.");
            list.Add(new(name, item[(equals + 1)..]));
        }
        return list;
    }
}
