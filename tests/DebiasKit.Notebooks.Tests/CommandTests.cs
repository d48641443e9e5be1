using Xunit;

namespace DebiasKit.Notebooks.Tests;

/// <summary>The runner's other verbs: list, approve, catalog --check.</summary>
public sealed class CommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    [Fact]
    public void List_shows_each_notebook_with_its_paper_and_a_verdict()
    {
        var run = RunnerProcess.Run(Limit, "", "list");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("034", run.Output);
        Assert.Contains("034-ldam-drw", run.Output);
        Assert.Contains("Learning Imbalanced Datasets", run.Output);
    }

    [Fact]
    public void Approve_promotes_a_received_snapshot()
    {
        var folder = RunnerProcess.Repository.ApprovedFolder;
        var received = Path.Combine(folder, "998.received.json");
        var approved = Path.Combine(folder, "998.approved.json");
        try
        {
            File.WriteAllText(received, "{\"paper\": \"998\"}\n");
            var run = RunnerProcess.Run(Limit, "", "approve", "998");
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.False(File.Exists(received));
            Assert.Equal("{\"paper\": \"998\"}\n", File.ReadAllText(approved));
        }
        finally
        {
            File.Delete(received);
            File.Delete(approved);
        }
    }

    [Fact]
    public void Approve_without_a_received_snapshot_fails()
    {
        var run = RunnerProcess.Run(Limit, "", "approve", "997");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no received snapshot", run.Output);
    }

    [Fact]
    public void Record_skips_results_that_are_not_a_successful_run_of_a_notebook()
    {
        var run = RunnerProcess.NewOutputFolder("record");
        File.WriteAllText(Path.Combine(run, "999-nothing.results.json"), "{\"schema\": \"debiaskit-results/1\", \"profile\": \"full\", \"run\": {\"status\": \"ok\"}}");
        File.WriteAllText(Path.Combine(run, "034-ldam-drw.results.json"), "{\"schema\": \"debiaskit-results/1\", \"profile\": \"full\", \"run\": {\"status\": \"failed\"}}");
        var result = RunnerProcess.Run(Limit, run, "record", run);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("999-nothing: skipped (not a notebook of this repository)", result.Output);
        Assert.Contains("034-ldam-drw: skipped (status failed)", result.Output);
    }

    [Fact]
    public void Catalog_check_passes_on_the_committed_catalog()
    {
        var run = RunnerProcess.Run(Limit, "", "catalog", "--check");
        Assert.True(run.ExitCode == 0, run.Output);
    }
}
