using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace DebiasKit.Runner.Results;

/// <summary>Where and from what a run came: git commit and dirty flag, machine, runtime, runner version, date.</summary>
public static class Provenance
{
    public static JsonObject Collect(string repositoryRoot, DateTimeOffset startedAt)
    {
        var commit = Git(repositoryRoot, "rev-parse", "HEAD");
        var status = Git(repositoryRoot, "status", "--porcelain");
        return new JsonObject
        {
            ["git"] = new JsonObject
            {
                ["commit"] = commit?.Trim(),
                ["dirty"] = status is null ? null : status.Trim().Length > 0,
            },
            ["machine"] = new JsonObject
            {
                ["os"] = RuntimeInformation.OSDescription,
                ["architecture"] = RuntimeInformation.OSArchitecture.ToString(),
                ["cpu"] = CpuModel(),
                ["cores"] = Environment.ProcessorCount,
                ["memoryGiB"] = MemoryGiB(),
            },
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["runner"] = typeof(Provenance).Assembly.GetName().Version?.ToString(3),
            ["startedAt"] = startedAt.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    private static string? Git(string folder, params string[] arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in arguments) info.ArgumentList.Add(a);
            using var git = Process.Start(info);
            if (git is null) return null;
            string output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }

    private static string? CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static double? MemoryGiB()
    {
        long bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return bytes > 0 ? Math.Round(bytes / (1024.0 * 1024 * 1024), 1) : null;
    }
}
