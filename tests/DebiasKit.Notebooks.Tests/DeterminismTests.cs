using DebiasKit.Runner.Results;
using Xunit;

namespace DebiasKit.Notebooks.Tests;

/// <summary>The same notebook run twice gives identical normalised results (fixed seeds, one torch thread).</summary>
[Collection(NotebookSuiteCollection.Name)]
public sealed class DeterminismTests(NotebookSuiteFixture suite)
{
    private const string Notebook = "034-ldam-drw";

    [Fact]
    public void Same_notebook_twice_gives_identical_normalised_results()
    {
        var output = RunnerProcess.NewOutputFolder("again");
        var again = RunnerProcess.Run(TimeSpan.FromMinutes(3), output,
            "run", Path.Combine(RunnerProcess.Repository.NotebooksFolder, "long-tail", Notebook + ".ipynb"), "--out", output, "--quiet", "--no-report");
        Assert.True(again.ExitCode == 0, again.Output);
        string first = SnapshotApprover.Text(Snapshot.Normalise(suite.Run.Results(Notebook)));
        string second = SnapshotApprover.Text(Snapshot.Normalise(again.Results(Notebook)));
        Assert.Equal(first, second);
    }
}
