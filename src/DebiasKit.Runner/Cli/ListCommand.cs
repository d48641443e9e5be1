using System.CommandLine;
using DebiasKit.Runner.Notebooks;
using DebiasKit.Runner.Results;

namespace DebiasKit.Runner.Cli;

/// <summary>`list`: the notebooks with their paper, family and last verdict.</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Notebooks or folders. Default: notebooks/.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("list", "List notebooks with their paper and last verdict (from the newest run, else the approved snapshot).") { paths };
        command.SetAction(result =>
        {
            var repository = Repository.Find();
            var targets = result.GetValue(paths) is { Length: > 0 } given ? given : [repository.NotebooksFolder];
            var titles = File.Exists(Path.Combine(repository.NotebooksFolder, "catalog.tsv"))
                ? Catalog.ReadEntries(repository).ToDictionary(e => e.Id, e => e.Title)
                : [];
            var runs = Directory.Exists(repository.RunsFolder)
                ? Directory.GetDirectories(repository.RunsFolder).OrderByDescending(d => d, StringComparer.Ordinal).ToList()
                : [];
            Console.WriteLine($"{"paper",-6}{"family",-13}{"notebook",-34}{"last verdict",-20}{"from",-22}title");
            foreach (var notebook in NotebookFile.Discover(targets))
            {
                string verdict = "not run", source = "";
                var run = runs.FirstOrDefault(r => File.Exists(Path.Combine(r, notebook.Name + ".results.json")));
                if (run is not null)
                {
                    verdict = ResultsFile.Verdict(ResultsFile.Read(Path.Combine(run, notebook.Name + ".results.json")));
                    source = "run " + Path.GetFileName(run);
                }
                else if (Catalog.ApprovedVerdict(repository, notebook.PaperId) is string approved)
                {
                    verdict = approved;
                    source = "approved snapshot";
                }
                Console.WriteLine($"{notebook.PaperId,-6}{notebook.Family,-13}{notebook.Name,-34}{verdict,-20}{source,-22}{titles.GetValueOrDefault(notebook.PaperId, "")}");
            }
            return 0;
        });
        return command;
    }
}
