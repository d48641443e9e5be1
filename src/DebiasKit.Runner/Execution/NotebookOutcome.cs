using DebiasKit.Runner.Notebooks;

namespace DebiasKit.Runner.Execution;

/// <summary>How one notebook's execution ended.</summary>
public enum NotebookStatus
{
    /// <summary>Every cell ran.</summary>
    Ok,
    /// <summary>A cell threw, did not compile, or the notebook broke the runner's rules.</summary>
    Failed,
    /// <summary>A cell or the notebook ran past its limit and the worker was killed.</summary>
    Timeout,
    /// <summary>The worker process died (for example a native crash).</summary>
    Crashed,
}

/// <summary>Time spent in one code cell (cell numbers as the editor shows them; 0 is the injected parameters cell).</summary>
public sealed record CellTiming(int Cell, double Seconds, bool Ok);

/// <summary>The outcome of running one notebook.</summary>
public sealed record NotebookOutcome(
    NotebookFile Notebook,
    NotebookStatus Status,
    string? Error,
    int? ErrorCell,
    double Seconds,
    double? OverheadSinceProcessStart,
    double? OverheadSinceHandoff,
    bool Prestarted,
    IReadOnlyList<CellTiming> Cells,
    long? PeakMemoryBytes,
    string OutputNotebook,
    string ResultsFile)
{
    /// <summary>"ok", "failed", "timeout" or "crashed".</summary>
    public string StatusText => Status.ToString().ToLowerInvariant();
}
