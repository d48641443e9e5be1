using System.CommandLine;
using System.Text.Json.Nodes;
using DebiasKit.Runner.Notebooks;
using DebiasKit.Runner.Results;

namespace DebiasKit.Runner.Cli;

/// <summary>
/// `record &lt;run folder&gt;`: keeps a run's results beside each notebook, as
/// notebooks/&lt;family&gt;/recorded/&lt;notebook&gt;.&lt;profile&gt;.json (charts and tables left out), so that a ci
/// run can show what, for example, the full profile gave (DebiasKit.Reporting.RecordedRun).
/// </summary>
public static class RecordCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("run") { Description = "A run's output folder, for example artifacts/runs/20261125-190000-full." };
        var command = new Command("record", "Keep a run's results beside each notebook (notebooks/<family>/recorded/<notebook>.<profile>.json).") { folder };
        command.SetAction(result =>
        {
            var repository = Repository.Find();
            var run = Path.GetFullPath(result.GetValue(folder)!);
            if (!Directory.Exists(run))
            {
                Console.Error.WriteLine($"No run folder at {run}.");
                return 2;
            }
            var notebooks = NotebookFile.Discover([repository.NotebooksFolder]).ToDictionary(n => n.Name);
            int recorded = 0;
            foreach (var file in Directory.GetFiles(run, "*.results.json").Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileName(file)[..^".results.json".Length];
                var document = ResultsFile.Read(file);
                string? status = document?["run"]?["status"]?.GetValue<string>();
                string? profile = document?["profile"]?.GetValue<string>();
                if (document is null || status != "ok" || profile is null || !notebooks.TryGetValue(name, out var notebook))
                {
                    Console.WriteLine($"{name}: skipped ({(document is null ? "unreadable" : status != "ok" ? $"status {status}" : profile is null ? "no profile" : "not a notebook of this repository")}).");
                    continue;
                }
                foreach (var bulky in new[] { "charts", "tables", "assets" }) document.Remove(bulky);
                var target = Path.Combine(Path.GetDirectoryName(notebook.Path)!, "recorded", $"{name}.{profile}.json");
                ResultsFile.Write(target, document);
                Console.WriteLine($"{name}: recorded the {profile} run in {repository.Relative(target)}");
                recorded++;
            }
            return recorded > 0 ? 0 : 1;
        });
        return command;
    }
}
