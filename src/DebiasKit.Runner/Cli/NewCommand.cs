using System.CommandLine;
using System.Text.RegularExpressions;
using DebiasKit.Runner.Notebooks;

namespace DebiasKit.Runner.Cli;

/// <summary>`new &lt;id&gt; &lt;slug&gt;`: starts a paper's notebook from the template, in its family folder from the catalog.</summary>
public static partial class NewCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The paper's three-digit id from the catalog, for example 072." };
        var slug = new Argument<string>("slug") { Description = "A short lower-case name, for example logit-adjustment." };
        var command = new Command("new", "Create notebooks/<family>/<id>-<slug>.ipynb from the template (family and title from notebooks/catalog.tsv).") { id, slug };
        command.SetAction(result =>
        {
            var repository = Repository.Find();
            string paperId = result.GetValue(id)!, name = result.GetValue(slug)!;
            if (!SlugPattern().IsMatch(name))
            {
                Console.Error.WriteLine($"slug must be lower-case words joined by hyphens; got '{name}'.");
                return 2;
            }
            var entry = Catalog.ReadEntries(repository).FirstOrDefault(e => e.Id == paperId);
            if (entry is null)
            {
                Console.Error.WriteLine($"Paper {paperId} is not in notebooks/catalog.tsv.");
                return 2;
            }
            if (NotebookFile.Discover([repository.NotebooksFolder]).FirstOrDefault(n => n.PaperId == paperId) is { } existing)
            {
                Console.Error.WriteLine($"Paper {paperId} already has a notebook: {repository.Relative(existing.Path)}");
                return 2;
            }
            var path = Path.Combine(repository.NotebooksFolder, entry.Family, $"{paperId}-{name}.ipynb");
            NotebookTemplate.Write(NotebookTemplate.Create(paperId, entry.Title, "Authors. Venue year. arXiv id. Reference code: URL."), path);
            Console.WriteLine($"Created {repository.Relative(path)}. Next: fill it in, run it, approve its snapshot and regenerate the catalog (see README.md, 'Adding a paper').");
            return 0;
        });
        return command;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
