using DebiasKit.Runner.Execution;
using DebiasKit.Runner.Results;

namespace DebiasKit.Runner.Reporting;

/// <summary>The closing table a run prints.</summary>
public static class ConsoleSummary
{
    public static void Print(RunSummary summary, TextWriter console)
    {
        var header = new[] { "notebook", "paper", "status", "verdict", "time", "key metrics" };
        var rows = summary.Notebooks.Select(n => new[]
        {
            n.Outcome.Notebook.Name,
            n.Outcome.Notebook.PaperId,
            n.Outcome.StatusText,
            ResultsFile.Verdict(n.Results),
            $"{n.Outcome.Seconds:F1} s",
            string.Join("; ", ResultsFile.KeyMetrics(n.Results)),
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
        console.WriteLine();
        console.WriteLine(Line(header));
        console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows) console.WriteLine(Line(row));
        int failed = summary.Notebooks.Count(n => n.Outcome.Status != NotebookStatus.Ok);
        console.WriteLine();
        console.WriteLine($"{summary.Notebooks.Count} notebook(s) in {summary.Seconds:F1} s: {summary.Notebooks.Count - failed} executed, {failed} failed to execute.");
        foreach (var (outcome, _) in summary.Notebooks.Where(n => n.Outcome.Status != NotebookStatus.Ok))
            console.WriteLine($"  {outcome.Notebook.Name}: {outcome.StatusText} at {(outcome.ErrorCell is int c ? (c == 0 ? "the injected parameters cell" : $"cell {c}") : "start")}: {outcome.Error}");
        console.WriteLine($"Executed notebooks, results and report.html are in {summary.OutputFolder}");
    }
}
