using System.Text.Json.Nodes;
using ApprovalTests.Core;
using ApprovalTests.Reporters;
using DebiasKit.Runner.Results;
using Xunit;

namespace DebiasKit.Notebooks.Tests;

/// <summary>
/// Every notebook, executed once by <see cref="NotebookSuiteFixture"/>: it runs without error, its results match the
/// approved snapshot, its executed copy is valid nbformat 4, its results file follows the schema, and its verdict is
/// the one its claims imply.
/// </summary>
[Collection(NotebookSuiteCollection.Name)]
public sealed class NotebookSuiteTests(NotebookSuiteFixture suite)
{
    [Theory]
    [MemberData(nameof(NotebookSuiteFixture.Notebooks), MemberType = typeof(NotebookSuiteFixture))]
    public void Notebook_executes_without_error(string notebook)
    {
        var entry = suite.Run.Entry(notebook);
        string status = entry["status"]!.GetValue<string>();
        if (status != "ok")
        {
            var cell = entry["errorCell"]?.GetValue<int?>();
            Assert.Fail($"{notebook} {status} at {(cell is int c ? $"cell {c}" : "start")}: {entry["error"]}");
        }
    }

    [Theory]
    [MemberData(nameof(NotebookSuiteFixture.Notebooks), MemberType = typeof(NotebookSuiteFixture))]
    public void Results_match_the_approved_snapshot(string notebook)
    {
        var results = suite.Run.Results(notebook);
        string paper = results["paper"]!["id"]!.GetValue<string>();
        var approver = new SnapshotApprover(RunnerProcess.Repository.ApprovedFolder, paper, Snapshot.Normalise(results));
        Approver.Verify(approver, QuietReporter.INSTANCE);
    }

    [Theory]
    [MemberData(nameof(NotebookSuiteFixture.Notebooks), MemberType = typeof(NotebookSuiteFixture))]
    public void Executed_notebook_is_valid_nbformat_4(string notebook)
    {
        var executed = suite.Run.Executed(notebook);
        Assert.Equal(4, executed["nbformat"]!.GetValue<int>());
        Assert.Empty(NotebookSchemas.NotebookErrors(executed));
    }

    [Theory]
    [MemberData(nameof(NotebookSuiteFixture.Notebooks), MemberType = typeof(NotebookSuiteFixture))]
    public void Results_file_follows_the_schema(string notebook) =>
        Assert.Empty(NotebookSchemas.ResultsErrors(suite.Run.Results(notebook)));

    [Theory]
    [MemberData(nameof(NotebookSuiteFixture.Notebooks), MemberType = typeof(NotebookSuiteFixture))]
    public void Verdict_is_computed_from_the_claims(string notebook)
    {
        var results = suite.Run.Results(notebook);
        var claims = results["claims"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.NotEmpty(claims);
        foreach (var claim in claims)
        {
            double observed = claim["observed"]!.GetValue<double>(), threshold = claim["threshold"]!.GetValue<double>();
            bool holds = claim["comparison"]!.GetValue<string>() == ">=" ? observed >= threshold : observed <= threshold;
            Assert.Equal(holds, claim["passed"]!.GetValue<bool>());
        }
        int passed = claims.Count(c => c["passed"]!.GetValue<bool>());
        string expected = passed == claims.Count ? "reproduced" : passed == 0 ? "not reproduced" : "partly reproduced";
        Assert.Equal(expected, results["verdict"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(NotebookSuiteFixture.Notebooks), MemberType = typeof(NotebookSuiteFixture))]
    public void Notebook_has_a_table_a_chart_and_provenance(string notebook)
    {
        var results = suite.Run.Results(notebook);
        Assert.NotEmpty(results["tables"]!.AsArray());
        Assert.NotEmpty(results["charts"]!.AsArray());
        var provenance = results["run"]!["provenance"]!;
        Assert.NotNull(provenance["machine"]!["cpu"]);
        Assert.Equal("ci", results["run"]!["profile"]!.GetValue<string>());
        Assert.Equal(1, results["threads"]!.GetValue<int>());
    }

    [Fact]
    public void Run_writes_a_self_contained_html_report()
    {
        var html = File.ReadAllText(Path.Combine(suite.OutputFolder, "report.html"));
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("window.Plotly", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script[^>]*\\ssrc=", html);   // everything inline: no script is fetched (plotly.js itself mentions a CDN only as a mapbox default)
        Assert.DoesNotContain("cdn.plot.ly/plotly", html);
        foreach (var notebook in DebiasKit.Runner.Notebooks.NotebookFile.Discover([RunnerProcess.Repository.NotebooksFolder])) Assert.Contains(notebook.Name, html);
    }

    [Fact]
    public void Run_exit_code_is_zero_when_every_notebook_executed() =>
        Assert.True(suite.Run.ExitCode == 0, suite.Run.Output);
}
