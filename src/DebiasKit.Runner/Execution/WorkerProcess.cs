using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace DebiasKit.Runner.Execution;

/// <summary>
/// The coordinator's handle on one worker process (<c>DebiasKit.Runner worker</c>): starts it, reads its protocol
/// events, keeps the tail of anything else it prints (for crash reports) and kills it with its children.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private const int TailLines = 12;
    private readonly Process process;
    private readonly Channel<WorkerEvent> events = Channel.CreateUnbounded<WorkerEvent>();
    private readonly Queue<string> tail = new();
    private readonly TaskCompletionSource<WorkerEvent> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task pumps = Task.CompletedTask;

    private WorkerProcess(Process process, long startedAt)
    {
        this.process = process;
        StartedAt = startedAt;
    }

    /// <summary>Stopwatch timestamp of the process start.</summary>
    public long StartedAt { get; }

    /// <summary>Protocol events after "ready".</summary>
    public ChannelReader<WorkerEvent> Events => events.Reader;

    /// <summary>Completes when the worker has warmed its kernel up.</summary>
    public Task<WorkerEvent> Ready => ready.Task;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    private string? fatal;
    private bool readingFatal;

    /// <summary>
    /// What the worker printed outside the protocol that explains a crash: the runtime's fatal line ("Process
    /// terminated. …", "Unhandled exception. …"), if any, then the last lines.
    /// </summary>
    public string Tail()
    {
        lock (tail) return (fatal is null ? "" : fatal + "\n…\n") + string.Join("\n", tail);
    }

    /// <summary>Starts a worker with the given torch thread count.</summary>
    public static WorkerProcess Start(int threads)
    {
        var info = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath ?? "dotnet",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Started through `dotnet DebiasKit.Runner.dll`, the host needs the assembly; started through the apphost, it does not.
        if (Path.GetFileNameWithoutExtension(info.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            info.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        info.ArgumentList.Add("worker");
        string count = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["DEBIASKIT_THREADS"] = count;
        info.Environment["OMP_NUM_THREADS"] = count;   // read by libtorch's OpenMP when it loads
        info.Environment["MKL_NUM_THREADS"] = count;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        long startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start a worker process.");
        var worker = new WorkerProcess(process, startedAt);
        worker.pumps = Task.WhenAll(Task.Run(worker.PumpStdoutAsync), Task.Run(worker.PumpStderrAsync));
        return worker;
    }

    /// <summary>Hands the worker its notebook.</summary>
    public async Task SendAsync(NotebookJob job)
    {
        await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(job, Protocol.Json));
        await process.StandardInput.FlushAsync();
    }

    /// <summary>Kills the worker and every process it started.</summary>
    public void Kill()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // exited meanwhile
        }
    }

    /// <summary>Waits for the process to exit and for what it printed last (a crash message) to be read.</summary>
    public async Task WaitForExitAsync(CancellationToken cancellation = default)
    {
        await process.WaitForExitAsync(cancellation);
        await pumps.WaitAsync(TimeSpan.FromSeconds(5), cancellation).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task PumpStdoutAsync()
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (Protocol.TryDecode(line, out var e) && e is not null)
                {
                    if (e.Type == Protocol.Ready) ready.TrySetResult(e);
                    else await events.Writer.WriteAsync(e);
                }
                else Remember(line);
            }
        }
        finally
        {
            ready.TrySetException(new InvalidOperationException("The worker exited before it was ready. " + Tail()));
            events.Writer.TryComplete();
        }
    }

    private async Task PumpStderrAsync()
    {
        while (await process.StandardError.ReadLineAsync() is { } line) Remember(line);
    }

    private void Remember(string line)
    {
        lock (tail)
        {
            // The runtime's fatal report: a header line, the message (one or more lines), then the stack ("   at ...").
            if (fatal is null && (line.StartsWith("Process terminated.", StringComparison.Ordinal)
                || line.StartsWith("Unhandled exception.", StringComparison.Ordinal)
                || line.StartsWith("Fatal error.", StringComparison.Ordinal)))
            {
                fatal = line;
                readingFatal = true;
            }
            else if (readingFatal)
            {
                if (line.TrimStart().StartsWith("at ", StringComparison.Ordinal) || fatal!.Length > 2000) readingFatal = false;
                else fatal += "\n" + line;
            }
            tail.Enqueue(line);
            while (tail.Count > TailLines) tail.Dequeue();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
