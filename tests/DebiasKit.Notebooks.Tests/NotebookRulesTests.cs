using System.Text.Json.Nodes;
using DebiasKit.Runner.Notebooks;
using Xunit;

namespace DebiasKit.Notebooks.Tests;

/// <summary>The rules every committed notebook follows (no execution needed).</summary>
public sealed class NotebookRulesTests
{
    private static Repository Repository => RunnerProcess.Repository;

    private static IReadOnlyList<NotebookFile> AllNotebooks() => NotebookFile.Discover([Repository.NotebooksFolder]);

    private static JsonObject Read(NotebookFile notebook) => (JsonObject)JsonNode.Parse(File.ReadAllText(notebook.Path))!;

    private static IEnumerable<JsonObject> CodeCells(JsonObject notebook) =>
        notebook["cells"]!.AsArray().OfType<JsonObject>().Where(c => c["cell_type"]!.GetValue<string>() == "code");

    private static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        var value => value!.GetValue<string>(),
    };

    [Fact]
    public void There_is_at_least_one_notebook() => Assert.NotEmpty(AllNotebooks());

    [Fact]
    public void Committed_notebooks_are_valid_nbformat_4()
    {
        foreach (var notebook in AllNotebooks())
        {
            var errors = NotebookSchemas.NotebookErrors(Read(notebook));
            Assert.True(errors.Count == 0, $"{notebook.Name}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public void Notebooks_are_committed_without_outputs()
    {
        foreach (var notebook in AllNotebooks())
            foreach (var cell in CodeCells(Read(notebook)))
            {
                Assert.True(cell["outputs"]!.AsArray().Count == 0, $"{notebook.Name} has outputs; clear them before committing.");
                Assert.True(cell["execution_count"] is null, $"{notebook.Name} has an execution count; clear outputs before committing.");
            }
    }

    [Fact]
    public void Every_notebook_starts_with_the_same_kit_loading_cell()
    {
        foreach (var notebook in AllNotebooks())
            Assert.Equal(NotebookTemplate.KitLoadingCell, Source(CodeCells(Read(notebook)).First()).Replace("\r\n", "\n"));
    }

    [Fact]
    public void Every_notebook_sits_in_its_family_folder_two_levels_below_the_root()
    {
        var families = Catalog.ReadEntries(Repository).ToDictionary(e => e.Id, e => e.Family);
        foreach (var notebook in AllNotebooks())
        {
            Assert.Matches(@"^\d{3}-[a-z0-9]+(-[a-z0-9]+)*$", notebook.Name);
            Assert.Equal(Path.Combine(Repository.NotebooksFolder, notebook.Family, notebook.Name + ".ipynb"), notebook.Path);
            Assert.True(families.TryGetValue(notebook.PaperId, out var family), $"{notebook.Name}: paper {notebook.PaperId} is not in notebooks/catalog.tsv");
            Assert.Equal(family, notebook.Family);
        }
    }

    [Fact]
    public void Every_notebook_has_one_literal_parameters_cell_with_profile_device_and_seeds()
    {
        foreach (var notebook in AllNotebooks())
        {
            var tagged = CodeCells(Read(notebook)).Where(c => c["metadata"]?["tags"]?.ToJsonString().Contains("\"parameters\"") == true).ToList();
            Assert.Single(tagged);
            var parameters = ParametersCell.Parse(Source(tagged[0]));
            Assert.Contains(parameters, p => p.Name == "profile" && p.Type == new ParameterType(ParameterKind.String, false) && p.DefaultCode == "\"ci\"");
            Assert.Contains(parameters, p => p.Name == "device" && p.Type.Kind == ParameterKind.String);
            Assert.Contains(parameters, p => p.Name == "seeds" && p.Type == new ParameterType(ParameterKind.Int, true));
        }
    }

    [Fact]
    public void No_notebook_downloads_packages_at_run_time()
    {
        foreach (var notebook in AllNotebooks())
            Assert.DoesNotContain("#r \"nuget:", File.ReadAllText(notebook.Path));
    }

    [Fact]
    public void Every_notebook_has_an_approved_snapshot_and_every_snapshot_a_notebook()
    {
        var papers = AllNotebooks().Select(n => n.PaperId).ToHashSet();
        foreach (var paper in papers)
            Assert.True(File.Exists(Path.Combine(Repository.ApprovedFolder, paper + ".approved.json")), $"paper {paper} has no approved snapshot");
        foreach (var file in Directory.GetFiles(Repository.ApprovedFolder, "*.approved.json"))
            Assert.Contains(Path.GetFileName(file)[..3], papers);
    }

    [Fact]
    public void Recorded_runs_belong_to_a_notebook_and_follow_the_results_schema()
    {
        var notebooks = AllNotebooks().ToDictionary(n => n.Name);
        foreach (var file in Directory.EnumerateFiles(Repository.NotebooksFolder, "*.json", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "recorded"))
        {
            var parts = Path.GetFileName(file).Split('.');   // <notebook>.<profile>.json
            Assert.True(parts.Length == 3 && parts[2] == "json", $"{file}: expected <notebook>.<profile>.json");
            Assert.True(notebooks.TryGetValue(parts[0], out var notebook), $"{file}: no notebook {parts[0]}");
            Assert.Equal(Path.GetDirectoryName(notebook!.Path), Path.GetDirectoryName(Path.GetDirectoryName(file)));
            var document = JsonNode.Parse(File.ReadAllText(file))!;
            Assert.Empty(NotebookSchemas.ResultsErrors(document));
            Assert.Equal(parts[1], document["profile"]!.GetValue<string>());
            Assert.Equal("ok", document["run"]!["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public void The_catalog_is_current()
    {
        var expected = Catalog.Render(Repository);
        var actual = File.ReadAllText(Catalog.ReadmePath(Repository));
        Assert.True(expected == actual, "notebooks/README.md is out of date: run `dotnet run --project src/DebiasKit.Runner -- catalog`.");
    }

    [Fact]
    public void The_catalog_lists_all_119_papers_and_the_data_tour_in_known_family_folders()
    {
        var entries = Catalog.ReadEntries(Repository);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => i.ToString("000")), entries.Select(e => e.Id));
        string[] families = ["data", "long-tail", "calibration", "projections", "estimators", "shortcut", "fairness", "regression",
            "contrastive", "adversarial", "theory", "rl-optim", "generative", "lm-training", "lm-bias"];
        Assert.All(entries, e => Assert.Contains(e.Family, families));
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Title)));
    }

    [Fact]
    public void A_new_notebook_from_the_template_follows_the_rules()
    {
        var notebook = NotebookTemplate.Create("072", "A title with \"quotes\"", "Authors. Venue.");
        var code = notebook["cells"]!.AsArray().OfType<JsonObject>().Where(c => c["cell_type"]!.GetValue<string>() == "code").ToList();
        Assert.Equal(NotebookTemplate.KitLoadingCell, Source(code[0]));
        var parameters = ParametersCell.Parse(Source(code[1]));
        Assert.Equal(["profile", "device", "seeds"], parameters.Select(p => p.Name));
        Assert.Empty(NotebookSchemas.NotebookErrors(notebook));
    }
}
