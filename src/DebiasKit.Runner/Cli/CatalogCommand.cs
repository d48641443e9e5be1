using System.CommandLine;
using DebiasKit.Runner.Notebooks;

namespace DebiasKit.Runner.Cli;

/// <summary>`catalog`: regenerates notebooks/README.md (or, with --check, tells whether it is current).</summary>
public static class CatalogCommand
{
    public static Command Create()
    {
        var check = new Option<bool>("--check") { Description = "Only check that notebooks/README.md is current (exit 1 if not)." };
        var command = new Command("catalog", "Regenerate notebooks/README.md from notebooks/catalog.tsv, the notebooks and the approved verdicts.") { check };
        command.SetAction(result =>
        {
            var repository = Repository.Find();
            var path = Catalog.ReadmePath(repository);
            var text = Catalog.Render(repository);
            bool current = File.Exists(path) && File.ReadAllText(path) == text;
            if (result.GetValue(check))
            {
                Console.WriteLine(current ? "notebooks/README.md is current." : "notebooks/README.md is out of date: run the catalog command.");
                return current ? 0 : 1;
            }
            File.WriteAllText(path, text);
            Console.WriteLine(current ? "notebooks/README.md was already current." : "notebooks/README.md updated.");
            return 0;
        });
        return command;
    }
}
