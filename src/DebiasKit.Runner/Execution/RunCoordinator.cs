using System.Diagnostics;
using System.Text.Json.Nodes;
using DebiasKit.Runner.Notebooks;
using DebiasKit.Runner.Reporting;
using DebiasKit.Runner.Results;

namespace DebiasKit.Runner.Execution;

/// <summary>A finished run: every notebook's outcome and its results document.</summary>
public sealed record RunSummary(string OutputFolder, IReadOnlyList<(NotebookOutcome Outcome, JsonObject Results)> Notebooks, double Seconds)
{
    /// <summary>True when every notebook executed (claims that did not reproduce are results, not failures).</summary>
    public bool AllExecuted => Notebooks.All(n => n.Outcome.Status == NotebookStatus.Ok);
}

/// <summary>
/// Runs a list of notebooks: each in its own worker process, up to <see cref="RunOptions.Parallel"/> at a time,
/// with warm workers started ahead; writes each executed notebook and results file, a run summary (summary.json)
/// and a self-contained HTML report, and prints progress and a closing table.
/// </summary>
public static class RunCoordinator
{
    public static async Task<RunSummary> RunAsync(IReadOnlyList<NotebookFile> notebooks, RunOptions options, Repository repository, TextWriter console)
    {
        Directory.CreateDirectory(options.OutputFolder);
        var clock = Stopwatch.StartNew();
        var provenance = Provenance.Collect(repository.Root, DateTimeOffset.UtcNow);
        var parameters = new List<KeyValuePair<string, string>> { new("profile", options.Profile) };
        parameters.AddRange(options.Parameters);
        var consoleLock = new object();
        void Log(NotebookFile notebook, string message)
        {
            lock (consoleLock) console.WriteLine($"[{notebook.Name}] {message}  ({clock.Elapsed.TotalSeconds:F1} s)");
        }

        var results = new (NotebookOutcome, JsonObject)[notebooks.Count];
        int next = -1;
        using var pool = new WorkerPool(options.Threads);
        int lanes = Math.Max(1, Math.Min(options.Parallel, notebooks.Count));
        for (int i = 0; i < lanes; i++) pool.Prestart();

        async Task Lane()
        {
            while (true)
            {
                int index = Interlocked.Increment(ref next);
                if (index >= notebooks.Count) return;
                var notebook = notebooks[index];
                var (worker, prestarted) = pool.Take();
                // Keep one warm worker per lane for the notebooks still waiting.
                if (notebooks.Count - (index + 1) > pool.Warm) pool.Prestart();
                using (worker)
                {
                    var job = new NotebookJob(notebook.Path,
                        Path.Combine(options.OutputFolder, notebook.Name + ".ipynb"),
                        Path.Combine(options.OutputFolder, notebook.Name + ".results.json"),
                        parameters);
                    if (File.Exists(job.ResultsFile)) File.Delete(job.ResultsFile);
                    Log(notebook, $"started ({repository.Relative(notebook.Path)}, profile {options.Profile})");
                    var outcome = await NotebookExecution.RunAsync(worker, prestarted, notebook, job, options, m => Log(notebook, m));
                    var document = ResultsFile.Complete(outcome, options, provenance);
                    Log(notebook, outcome.Status == NotebookStatus.Ok
                        ? $"ok in {outcome.Seconds:F1} s · verdict: {ResultsFile.Verdict(document)}"
                        : $"{outcome.StatusText.ToUpperInvariant()} after {outcome.Seconds:F1} s: {outcome.Error}");
                    results[index] = (outcome, document);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, lanes).Select(_ => Task.Run(Lane)));
        var summary = new RunSummary(options.OutputFolder, results, clock.Elapsed.TotalSeconds);
        RunSummaryFile.Write(summary, options, provenance);
        if (options.WriteReport) HtmlReport.Write(summary, Path.Combine(options.OutputFolder, "report.html"));
        ConsoleSummary.Print(summary, console);
        return summary;
    }
}
