using System.Text.Json.Nodes;
using Xunit;

namespace DebiasKit.Notebooks.Tests;

/// <summary>One run over the fixture notebooks: what the runner does when a notebook works, throws, hangs, crashes or downloads.</summary>
public sealed class RunnerFailureFixture
{
    public RunnerFailureFixture()
    {
        var output = RunnerProcess.NewOutputFolder("failures");
        Run = RunnerProcess.Run(TimeSpan.FromMinutes(3), output,
            "run", RunnerProcess.Fixture("runner"), "--cell-timeout", "3", "--timeout", "40", "--parallel", "2", "--out", output, "--no-report");
    }

    public RunnerResult Run { get; }
}

public sealed class RunnerBehaviourTests(RunnerFailureFixture failures) : IClassFixture<RunnerFailureFixture>
{
    private static string Cells(JsonObject executed, string outputType) => string.Concat(
        executed["cells"]!.AsArray().OfType<JsonObject>()
            .SelectMany(c => c["outputs"]?.AsArray().OfType<JsonObject>() ?? [])
            .Where(o => o["output_type"]!.GetValue<string>() == outputType)
            .Select(o => o.ToJsonString()));

    [Fact]
    public void A_failing_notebook_does_not_stop_the_run_but_makes_the_exit_code_non_zero()
    {
        Assert.Equal(1, failures.Run.ExitCode);
        Assert.Equal(6, failures.Run.Summary["notebooks"]!.AsArray().Count);
        Assert.Equal("ok", failures.Run.Entry("001-ok")["status"]!.GetValue<string>());
    }

    [Fact]
    public void A_cell_that_throws_is_reported_with_its_cell_number_and_error()
    {
        var entry = failures.Run.Entry("002-throws");
        Assert.Equal("failed", entry["status"]!.GetValue<string>());
        Assert.Equal(3, entry["errorCell"]!.GetValue<int>());
        Assert.Contains("boom", entry["error"]!.GetValue<string>());
        Assert.Contains("002-throws", failures.Run.Output);
        var executed = failures.Run.Executed("002-throws");
        Assert.Contains("boom", Cells(executed, "error"));
        Assert.DoesNotContain("never reached", Cells(executed, "stream"));
    }

    [Fact]
    public void A_cell_past_its_limit_is_killed_and_reported_as_a_timeout()
    {
        var entry = failures.Run.Entry("003-sleeps");
        Assert.Equal("timeout", entry["status"]!.GetValue<string>());
        Assert.Equal(2, entry["errorCell"]!.GetValue<int>());
        Assert.Contains("cell limit of 3 s", entry["error"]!.GetValue<string>());
        Assert.True(entry["seconds"]!.GetValue<double>() < 30, "the worker should be killed at the cell limit, not after the notebook limit");
        Assert.Contains("Timeout", Cells(failures.Run.Executed("003-sleeps"), "error"));
    }

    [Fact]
    public void A_worker_that_dies_is_reported_as_a_crash()
    {
        var entry = failures.Run.Entry("004-crash");
        Assert.Equal("crashed", entry["status"]!.GetValue<string>());
        Assert.Equal(2, entry["errorCell"]!.GetValue<int>());
        Assert.Contains("deliberate crash", entry["error"]!.GetValue<string>());
    }

    [Fact]
    public void A_notebook_that_restores_packages_at_run_time_is_refused()
    {
        var entry = failures.Run.Entry("005-downloads");
        Assert.Equal("failed", entry["status"]!.GetValue<string>());
        Assert.Contains("NuGet", entry["error"]!.GetValue<string>());
    }

    [Fact]
    public void A_notebook_that_is_not_valid_json_is_reported_not_crashed()
    {
        var entry = failures.Run.Entry("006-malformed");
        Assert.Equal("failed", entry["status"]!.GetValue<string>());
        Assert.Contains("cannot read the notebook", entry["error"]!.GetValue<string>());
    }

    [Fact]
    public void Every_notebook_gets_a_results_file_with_its_run_section()
    {
        foreach (var name in new[] { "001-ok", "002-throws", "003-sleeps", "004-crash", "005-downloads", "006-malformed" })
        {
            var results = failures.Run.Results(name);
            Assert.Empty(NotebookSchemas.ResultsErrors(results));
            Assert.Equal(failures.Run.Entry(name)["status"]!.GetValue<string>(), results["run"]!["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Executed_notebooks_are_valid_nbformat_4_even_when_a_cell_failed()
    {
        foreach (var name in new[] { "001-ok", "002-throws", "003-sleeps", "004-crash" })
            Assert.Empty(NotebookSchemas.NotebookErrors(failures.Run.Executed(name)));
    }

    [Fact]
    public void Parameters_are_injected_after_the_parameters_cell_with_their_declared_types()
    {
        var output = RunnerProcess.NewOutputFolder("params");
        var run = RunnerProcess.Run(TimeSpan.FromMinutes(2), output, "run", RunnerProcess.Fixture("runner/ok"), "--out", output, "--no-report",
            "--profile", "full", "--param", "n=7", "--param", "scale=0.25", "--param", "label=with space", "--param", "flag=true", "--param", "seeds=3,4,5");
        Assert.True(run.ExitCode == 0, run.Output);
        var cells = run.Executed("001-ok")["cells"]!.AsArray().OfType<JsonObject>().ToList();
        var injected = cells[2];
        Assert.Contains("injected-parameters", injected["metadata"]!["tags"]!.ToJsonString());
        Assert.Contains("profile=full n=7 scale=0.25 label=with space flag=True seeds=3,4,5", Cells(run.Executed("001-ok"), "stream"));
        Assert.Equal("full", run.Results("001-ok")["run"]!["parameters"]!["profile"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("nope=1", "no parameter 'nope'")]
    [InlineData("n=abc", "'abc' is not a valid int")]
    [InlineData("flag=maybe", "'maybe' is not a valid bool")]
    public void A_bad_parameter_fails_before_any_cell_runs(string parameter, string message)
    {
        var output = RunnerProcess.NewOutputFolder("badparam");
        var run = RunnerProcess.Run(TimeSpan.FromMinutes(2), output, "run", RunnerProcess.Fixture("runner/ok"), "--out", output, "--no-report", "--param", parameter);
        Assert.Equal(1, run.ExitCode);
        var entry = run.Entry("001-ok");
        Assert.Equal("failed", entry["status"]!.GetValue<string>());
        Assert.Contains(message, entry["error"]!.GetValue<string>());
        Assert.Empty(run.Results("001-ok")["run"]!["cells"]!.AsArray());
    }

    [Theory]
    [InlineData("--shard", "3/2")]
    [InlineData("--parallel", "0")]
    [InlineData("--param", "missing-equals")]
    [InlineData("--param", "profile=full")]
    public void Bad_command_lines_are_refused_with_exit_code_2(string option, string value)
    {
        var output = RunnerProcess.NewOutputFolder("badcli");
        var run = RunnerProcess.Run(TimeSpan.FromMinutes(1), output, "run", RunnerProcess.Fixture("runner/ok"), "--out", output, option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error", run.Output);
    }
}
