using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DebiasKit.Benchmarks;

/// <summary>Starts the runner (Release build) as a process and reads what it wrote.</summary>
internal static class RunnerProcess
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string RunnerDll =>
        Path.Combine(RepositoryRoot, "src", "DebiasKit.Runner", "bin", "Release", "net10.0", "DebiasKit.Runner.dll");

    public static (int ExitCode, double Seconds) Run(params string[] args)
    {
        if (!File.Exists(RunnerDll))
            throw new InvalidOperationException($"Build the runner first: dotnet build -c Release src/DebiasKit.Runner ({RunnerDll} is missing).");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        info.ArgumentList.Add(RunnerDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, clock.Elapsed.TotalSeconds);
    }

    public static JsonObject ReadJson(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;

    public static string NewFolder(string label)
    {
        var folder = Path.Combine(RepositoryRoot, "artifacts", "benchmarks", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{label}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Notebooks.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
