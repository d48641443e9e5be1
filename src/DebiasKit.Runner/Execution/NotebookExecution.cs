using System.Diagnostics;
using DebiasKit.Runner.Notebooks;
using DebiasKit.Runner.Results;

namespace DebiasKit.Runner.Execution;

/// <summary>Runs one notebook on one worker, enforcing the cell and notebook limits.</summary>
public static class NotebookExecution
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(120);

    public static async Task<NotebookOutcome> RunAsync(WorkerProcess worker, bool prestarted, NotebookFile notebook, NotebookJob job,
        RunOptions options, Action<string> log)
    {
        var cells = new List<CellTiming>();
        long? handoff = null, firstCellEnd = null;
        double Since(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalSeconds;
        NotebookOutcome Outcome(NotebookStatus status, string? error, int? errorCell, long? peak)
        {
            long end = Stopwatch.GetTimestamp();
            return new NotebookOutcome(notebook, status, error, errorCell,
                Seconds: Since(handoff ?? worker.StartedAt, end),
                OverheadSinceProcessStart: firstCellEnd is long f ? Since(worker.StartedAt, f) : null,
                OverheadSinceHandoff: firstCellEnd is long g && handoff is long h ? Since(h, g) : null,
                Prestarted: prestarted, cells, peak, job.OutputNotebook, job.ResultsFile);
        }

        try
        {
            await worker.Ready.WaitAsync(ReadyLimit);
        }
        catch (Exception e)
        {
            worker.Kill();
            return Outcome(NotebookStatus.Crashed, "The worker did not start: " + e.Message, null, null);
        }

        handoff = Stopwatch.GetTimestamp();
        await worker.SendAsync(job);
        var notebookDeadline = handoff.Value + (long)(options.NotebookTimeout.TotalSeconds * Stopwatch.Frequency);
        long? cellDeadline = null;
        int? currentCell = null;
        int totalCells = 0;

        while (true)
        {
            long deadline = Math.Min(notebookDeadline, cellDeadline ?? long.MaxValue);
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining < TimeSpan.Zero) remaining = TimeSpan.Zero;
            using var limit = new CancellationTokenSource(remaining);
            bool more;
            try
            {
                more = await worker.Events.WaitToReadAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                worker.Kill();
                bool cellLimit = cellDeadline is long c && c <= notebookDeadline;
                string where = currentCell is int n ? CellName(n) : "before the first cell";
                string message = cellLimit
                    ? $"{where} ran past the cell limit of {options.CellTimeout.TotalSeconds:F0} s"
                    : $"the notebook ran past its limit of {options.NotebookTimeout.TotalSeconds:F0} s (in {where})";
                ExecutedNotebookPatch.AddError(notebook.Path, job.OutputNotebook, currentCell, "Timeout", message);
                return Outcome(NotebookStatus.Timeout, message, currentCell, null);
            }
            if (!more)
            {
                await worker.WaitForExitAsync();
                string where = currentCell is int n ? CellName(n) : "before the first cell";
                string message = $"the worker process died (exit code {worker.ExitCode}) in {where}. Last output:\n{worker.Tail()}";
                ExecutedNotebookPatch.AddError(notebook.Path, job.OutputNotebook, currentCell, "WorkerCrashed", message);
                return Outcome(NotebookStatus.Crashed, message, currentCell, null);
            }
            while (worker.Events.TryRead(out var e))
            {
                switch (e.Type)
                {
                    case Protocol.Start:
                        totalCells = e.Cells ?? 0;
                        break;
                    case Protocol.CellStart:
                        currentCell = e.Cell;
                        cellDeadline = Stopwatch.GetTimestamp() + (long)(options.CellTimeout.TotalSeconds * Stopwatch.Frequency);
                        break;
                    case Protocol.CellEnd:
                        cellDeadline = null;
                        firstCellEnd ??= Stopwatch.GetTimestamp();
                        cells.Add(new CellTiming(e.Cell ?? 0, e.Seconds ?? 0, e.Ok ?? false));
                        if (options.Verbose)
                            log($"cell {CellLabel(e.Cell ?? 0, totalCells)} {(e.Ok == true ? "done" : "FAILED")} in {e.Seconds:F2} s");
                        break;
                    case Protocol.Done:
                        var failedCell = cells.LastOrDefault(c => !c.Ok)?.Cell;
                        return e.Ok == true
                            ? Outcome(NotebookStatus.Ok, null, null, e.PeakMemoryBytes)
                            : Outcome(NotebookStatus.Failed, e.Error ?? "the notebook failed", failedCell, e.PeakMemoryBytes);
                }
            }
        }
    }

    private static string CellName(int cell) => cell == 0 ? "the injected parameters cell" : $"cell {cell}";

    private static string CellLabel(int cell, int total) => cell == 0 ? "params" : $"{cell}/{total}";
}
