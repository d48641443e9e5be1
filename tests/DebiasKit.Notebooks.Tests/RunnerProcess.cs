using System.Diagnostics;
using System.Text.Json.Nodes;
using DebiasKit.Runner.Notebooks;

namespace DebiasKit.Notebooks.Tests;

/// <summary>What a runner process printed and returned.</summary>
public sealed record RunnerResult(int ExitCode, string Output, string OutputFolder)
{
    /// <summary>The run's summary.json.</summary>
    public JsonObject Summary => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(OutputFolder, "summary.json")))!;

    /// <summary>The summary entry of one notebook (by file name without extension).</summary>
    public JsonObject Entry(string notebook) =>
        Summary["notebooks"]!.AsArray().OfType<JsonObject>().SingleOrDefault(n => n["notebook"]!.GetValue<string>() == notebook)
        ?? throw new InvalidOperationException($"{notebook} is not in the run summary. Runner output:\n{Output}");

    /// <summary>A notebook's results file.</summary>
    public JsonObject Results(string notebook) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(OutputFolder, notebook + ".results.json")))!;

    /// <summary>A notebook's executed copy.</summary>
    public JsonObject Executed(string notebook) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(OutputFolder, notebook + ".ipynb")))!;
}

/// <summary>
/// Starts the runner the way a user does, as its own process, from a current directory outside the repository
/// (the runner must work from anywhere).
/// </summary>
public static class RunnerProcess
{
    public static Repository Repository { get; } = Repository.Find(AppContext.BaseDirectory);

    /// <summary>A fresh output folder under artifacts/test-runs.</summary>
    public static string NewOutputFolder(string label)
    {
        var folder = Path.Combine(Repository.Root, "artifacts", "test-runs", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{label}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Runs `DebiasKit.Runner args...` and waits for it (killing it after <paramref name="limit"/>).</summary>
    public static RunnerResult Run(TimeSpan limit, string outputFolder, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DebiasKit.Runner.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The runner did not finish within {limit}. Output so far:\n{stdout.Result}\n{stderr.Result}");
        }
        return new RunnerResult(process.ExitCode, stdout.Result + stderr.Result, outputFolder);
    }

    /// <summary>The path of a fixture notebook or folder.</summary>
    public static string Fixture(string relative) =>
        Path.Combine(Repository.Root, "tests", "DebiasKit.Notebooks.Tests", "fixtures", relative);
}
