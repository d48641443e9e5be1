using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DebiasKit.Runner.Notebooks;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using DocumentKernelInfo = Microsoft.DotNet.Interactive.Documents.KernelInfo;

namespace DebiasKit.Runner.Execution;

/// <summary>
/// The worker process: builds a C# kernel and warms it up before it is given a notebook (so that the notebook's
/// first cell does not pay for the compiler's start), then runs the notebook's cells in order in this process,
/// writing the executed notebook after every cell. One notebook per process keeps kernel state, global formatters
/// and native crashes isolated.
/// </summary>
public static class WorkerHost
{
    public static async Task<int> RunAsync()
    {
        // Raw streams: the kernel redirects Console.Out while a cell runs, and protocol lines must not end up in a cell's output.
        var protocol = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var input = new StreamReader(Console.OpenStandardInput());
        var clock = Stopwatch.StartNew();

        using var kernel = CreateKernel();
        await kernel.SendAsync(new SubmitCode("0", "csharp"));   // warm-up: loads and JITs the compiler
        Send(protocol, new WorkerEvent { Type = Protocol.Ready, Seconds = clock.Elapsed.TotalSeconds });

        var line = await input.ReadLineAsync();
        if (string.IsNullOrWhiteSpace(line)) return 0;           // the coordinator did not need this worker
        var job = JsonSerializer.Deserialize<NotebookJob>(line, Protocol.Json)
            ?? throw new InvalidOperationException("empty job");

        var (ok, error) = await RunNotebookAsync(kernel, job, protocol);
        Send(protocol, new WorkerEvent
        {
            Type = Protocol.Done,
            Ok = ok,
            Error = error,
            PeakMemoryBytes = Process.GetCurrentProcess().PeakWorkingSet64,
        });
        return 0;
    }

    private static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel().UseKernelHelpers();   // display(), HTML() and the other helpers editors offer
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        return kernel;
    }

    /// <summary>The kernels a notebook may name; cells without a language are C#.</summary>
    internal static KernelInfoCollection KernelInfos()
    {
        var infos = new KernelInfoCollection
        {
            new DocumentKernelInfo("csharp", "C#", ["c#", "C#", "cs"]),
            new DocumentKernelInfo("markdown", "Markdown", ["md"]),
        };
        infos.DefaultKernelName = "csharp";
        return infos;
    }

    private static async Task<(bool Ok, string? Error)> RunNotebookAsync(CompositeKernel kernel, NotebookJob job, StreamWriter protocol)
    {
        Environment.SetEnvironmentVariable("DEBIASKIT_RESULTS", job.ResultsFile);
        Directory.SetCurrentDirectory(Path.GetDirectoryName(job.Notebook)!);   // relative #r paths resolve against the notebook's folder

        InteractiveDocument document;
        try
        {
            document = Notebook.Parse(await File.ReadAllTextAsync(job.Notebook), KernelInfos());
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or FormatException)
        {
            return (false, $"cannot read the notebook: {e.Message}");
        }
        var cells = document.Elements.ToList();
        Send(protocol, new WorkerEvent { Type = Protocol.Start, Cells = cells.Count });

        // Source cell numbers (1-based, as an editor shows them), before the injected cell shifts positions.
        var numbers = new Dictionary<InteractiveDocumentElement, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < cells.Count; i++) numbers[cells[i]] = i + 1;

        try
        {
            var injected = ParametersInjection.Inject(document, job.Parameters);
            if (injected is not null) numbers[injected] = 0;
        }
        catch (Exception e) when (e is NotebookFormatException or ArgumentException)
        {
            return (false, e.Message);
        }

        int executionOrder = 0;
        foreach (var cell in document.Elements.ToList())
        {
            if (cell.KernelName is "markdown" or "raw" || string.IsNullOrWhiteSpace(cell.Contents)) continue;
            int number = numbers[cell];
            string where = number == 0 ? "the injected parameters cell" : $"cell {number}";
            if (cell.KernelName != "csharp")
                return Fail(protocol, number, $"{where} uses the '{cell.KernelName}' kernel; the runner runs C# cells only.");
            if (cell.Contents.Contains("#r \"nuget:", StringComparison.Ordinal))
                return Fail(protocol, number, $"{where} restores a NuGet package at run time; notebooks load the kit with its #r line and download nothing.");

            Send(protocol, new WorkerEvent { Type = Protocol.CellStart, Cell = number });
            var clock = Stopwatch.StartNew();
            var result = await kernel.SendAsync(new SubmitCode(cell.Contents, "csharp"));
            cell.Outputs.Clear();
            string? error = null;
            foreach (var e in result.Events)
            {
                switch (e)
                {
                    case ReturnValueProduced value:
                        var returned = new ReturnValueElement { ExecutionOrder = executionOrder + 1 };
                        foreach (var f in value.FormattedValues) returned.Data[f.MimeType] = f.Value;
                        cell.Outputs.Add(returned);
                        break;
                    case StandardOutputValueProduced stdout:
                        cell.Outputs.Add(new TextElement(string.Concat(stdout.FormattedValues.Select(f => f.Value)), "stdout"));
                        break;
                    case StandardErrorValueProduced stderr:
                        cell.Outputs.Add(new TextElement(string.Concat(stderr.FormattedValues.Select(f => f.Value)), "stderr"));
                        break;
                    case DisplayedValueProduced displayed:
                        cell.Outputs.Add(new DisplayElement(displayed.FormattedValues.ToDictionary(f => f.MimeType, f => (object)f.Value)));
                        break;
                    case CommandFailed failed:
                        error = failed.Exception?.Message ?? failed.Message;
                        var trace = (failed.Exception?.ToString() ?? failed.Message).Split('\n');
                        cell.Outputs.Add(new ErrorElement(error, failed.Exception?.GetType().Name ?? "Error", trace));
                        break;
                }
            }
            cell.ExecutionOrder = ++executionOrder;
            WriteNotebook(document, job.OutputNotebook);
            Send(protocol, new WorkerEvent { Type = Protocol.CellEnd, Cell = number, Seconds = clock.Elapsed.TotalSeconds, Ok = error is null, Error = error });
            if (error is not null) return (false, $"{where}: {FirstLine(error)}");
        }
        WriteNotebook(document, job.OutputNotebook);
        return (true, null);
    }

    private static (bool, string?) Fail(StreamWriter protocol, int cell, string message)
    {
        Send(protocol, new WorkerEvent { Type = Protocol.CellEnd, Cell = cell, Seconds = 0, Ok = false, Error = message });
        return (false, message);
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 400 ? line[..400] + "…" : line;
    }

    private static readonly JsonSerializerOptions JsonFormat = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static void WriteNotebook(InteractiveDocument document, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var buffer = new MemoryStream();
        Notebook.Write(document, buffer, KernelInfos());
        var notebook = (JsonObject)JsonNode.Parse(buffer.ToArray())!;
        CellIds.Ensure(notebook);
        var temp = path + ".tmp";
        File.WriteAllText(temp, notebook.ToJsonString(JsonFormat));
        File.Move(temp, path, overwrite: true);
    }

    private static void Send(StreamWriter protocol, WorkerEvent e) => protocol.WriteLine(Protocol.Encode(e));
}
