using DebiasKit.Runner.Notebooks;
using Xunit;

namespace DebiasKit.Notebooks.Tests;

/// <summary>
/// Runs every notebook under notebooks/ once, in the ci profile, two at a time with one torch thread each, and
/// keeps the outputs for the tests of <see cref="NotebookSuiteTests"/>.
/// </summary>
public sealed class NotebookSuiteFixture
{
    public NotebookSuiteFixture()
    {
        OutputFolder = RunnerProcess.NewOutputFolder("suite");
        Run = RunnerProcess.Run(TimeSpan.FromMinutes(75), OutputFolder,
            "run", RunnerProcess.Repository.NotebooksFolder, "--profile", "ci", "--parallel", "2", "--threads", "1",
            "--out", OutputFolder, "--quiet");
    }

    public string OutputFolder { get; }

    public RunnerResult Run { get; }

    /// <summary>The notebooks the suite covers, as theory data.</summary>
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var notebook in NotebookFile.Discover([RunnerProcess.Repository.NotebooksFolder])) data.Add(notebook.Name);
        return data;
    }
}

[CollectionDefinition(Name)]
public sealed class NotebookSuiteCollection : ICollectionFixture<NotebookSuiteFixture>
{
    public const string Name = "notebook suite";
}
