using System.Collections.Concurrent;

namespace DebiasKit.Runner.Execution;

/// <summary>
/// Keeps workers warm ahead of need: while notebooks run, the next workers start and compile their warm-up cell, so a
/// notebook's first cell does not wait for process start and compiler start-up.
/// </summary>
public sealed class WorkerPool(int threads) : IDisposable
{
    private readonly ConcurrentQueue<WorkerProcess> warm = new();

    /// <summary>Starts one worker in the background.</summary>
    public void Prestart() => warm.Enqueue(WorkerProcess.Start(threads));

    /// <summary>Workers started and not yet taken.</summary>
    public int Warm => warm.Count;

    /// <summary>A pre-started worker if there is one (prestarted = true), else a new one.</summary>
    public (WorkerProcess Worker, bool Prestarted) Take() =>
        warm.TryDequeue(out var worker) ? (worker, true) : (WorkerProcess.Start(threads), false);

    /// <inheritdoc />
    public void Dispose()
    {
        while (warm.TryDequeue(out var worker)) worker.Dispose();
    }
}
