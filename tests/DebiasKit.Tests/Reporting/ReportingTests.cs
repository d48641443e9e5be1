using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DebiasKit.Metrics;
using DebiasKit.Reporting;
using NJsonSchema;
using Plotly.NET;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Reporting;

public class ReportingTests
{
    private static ClaimCheck Claim(double observed, Comparison comparison, double threshold, string id = "c") =>
        new(id, "statement", observed, comparison, threshold, Spread: null, Precision: 0.001);

    private static ClaimCheck Passing(string id = "pass") => Claim(1, Comparison.AtLeast, 0, id);
    private static ClaimCheck Failing(string id = "fail") => Claim(-1, Comparison.AtLeast, 0, id);

    // ---- verdicts and claims ---------------------------------------------------------------------------------

    [Fact]
    public void Verdict_follows_from_the_claims()
    {
        Assert.Equal(Verdict.Reproduced, Verdicts.From([Passing("a"), Passing("b")]));
        Assert.Equal(Verdict.PartlyReproduced, Verdicts.From([Passing(), Failing()]));
        Assert.Equal(Verdict.NotReproduced, Verdicts.From([Failing("a"), Failing("b")]));
        Assert.Equal(Verdict.NoClaims, Verdicts.From([]));
        Assert.Equal("claims", Assert.ThrowsAny<ArgumentException>(() => Verdicts.From(null!)).ParamName);
    }

    [Fact]
    public void Verdict_texts_are_those_of_the_results_files()
    {
        Assert.Equal("reproduced", Verdict.Reproduced.Text());
        Assert.Equal("partly reproduced", Verdict.PartlyReproduced.Text());
        Assert.Equal("not reproduced", Verdict.NotReproduced.Text());
        Assert.Equal("no claims", Verdict.NoClaims.Text());
    }

    [Theory]
    [InlineData(0.03, Comparison.AtLeast, 0.02, true)]
    [InlineData(0.02, Comparison.AtLeast, 0.02, true)]   // equality passes
    [InlineData(0.01, Comparison.AtLeast, 0.02, false)]
    [InlineData(0.01, Comparison.AtMost, 0.02, true)]
    [InlineData(0.02, Comparison.AtMost, 0.02, true)]    // equality passes
    [InlineData(0.03, Comparison.AtMost, 0.02, false)]
    public void Claim_passes_when_the_observed_value_meets_the_threshold(double observed, Comparison comparison, double threshold, bool passed)
    {
        var claim = Claim(observed, comparison, threshold);
        Assert.Equal(passed, claim.Passed);
        Assert.Equal(comparison == Comparison.AtLeast ? ">=" : "<=", claim.Operator);
        Assert.StartsWith(passed ? "[pass]" : "[fail]", claim.ToString());
    }

    [Fact]
    public void Claim_description_shows_the_value_to_its_precision_with_its_spread()
    {
        var claim = new ClaimCheck("gain", "LDAM beats ERM", 0.023456, Comparison.AtLeast, 0.02, Spread: 0.0041, Precision: 0.001);
        Assert.Equal("LDAM beats ERM: observed 0.023 ± 0.004 >= 0.02", claim.Describe());
        var noSpread = claim with { Spread = null, Precision = 0.01 };
        Assert.Equal("LDAM beats ERM: observed 0.02 >= 0.02", noSpread.Describe());
    }

    [Theory]
    [InlineData(0.001, 3)]
    [InlineData(0.01, 2)]
    [InlineData(0.1, 1)]
    [InlineData(1, 0)]
    [InlineData(0.5, 1)]
    [InlineData(0.0005, 4)]
    [InlineData(100, 0)]
    [InlineData(0, 4)]
    [InlineData(double.NaN, 4)]
    public void Precision_decimals(double precision, int decimals)
    {
        Assert.Equal(decimals, Precisions.Decimals(precision));
    }

    // ---- the notebook report -------------------------------------------------------------------------------

    private static NotebookReport StartReport(string paperId = "034", string profile = "ci") =>
        NotebookReport.Start(paperId, "A paper", profile, [0, 1, 2], CPU, citation: "Someone et al. 2020");

    [Fact]
    public void Without_the_variable_nothing_is_written()
    {
        WithEnvironment(NotebookReport.ResultsVariable, null, () =>
        {
            var report = StartReport();
            report.Metric("accuracy", 0.5, 0.001);
            Assert.Null(report.ResultsPath);
        });
    }

    [Fact]
    public void Writes_the_results_file_and_replaces_a_metric_recorded_twice()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "nested", "results.json");
        WithEnvironment(NotebookReport.ResultsVariable, path, () =>
        {
            var report = StartReport();
            Assert.Equal(path, report.ResultsPath);
            Assert.True(File.Exists(path));   // written at Start

            report.Metric("ratio100/erm/accuracy", 0.5, 0.001);
            report.Metric("ratio100/erm/accuracy", 0.75, 0.001, key: true, unit: "share");
            report.Metric("other", 2, 0.1);

            Assert.Equal(2, report.Metrics.Count);
            Assert.Equal(0.75, report.Metrics[0].Value);
            var metrics = JsonNode.Parse(File.ReadAllText(path))!["metrics"]!.AsArray();
            Assert.Equal(2, metrics.Count);
            Assert.Equal("ratio100/erm/accuracy", (string)metrics[0]!["name"]!);
            Assert.Equal(0.75, (double)metrics[0]!["value"]!);
            Assert.True((bool)metrics[0]!["key"]!);
            Assert.Equal("share", (string)metrics[0]!["unit"]!);
        });
    }

    [Fact]
    public void Results_file_records_paper_claims_verdict_and_seed_summaries()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "results.json");
        WithEnvironment(NotebookReport.ResultsVariable, path, () =>
        {
            var report = StartReport("007", "full");
            report.Metric("gain", SeedSummary.Of([0.01, 0.03]), 0.001);
            report.Claim("gain-positive", "The gain is positive", SeedSummary.Of([0.01, 0.03]), Comparison.AtLeast, 0);
            report.Claim("loss-small", "The loss is small", 5, Comparison.AtMost, 1);
            Assert.Equal(Verdict.PartlyReproduced, report.Verdict);

            var json = JsonNode.Parse(File.ReadAllText(path))!;
            Assert.Equal(NotebookReport.Schema, (string)json["schema"]!);
            Assert.Equal("007", (string)json["paper"]!["id"]!);
            Assert.Equal("full", (string)json["profile"]!);
            Assert.Equal("partly reproduced", (string)json["verdict"]!);
            var metric = json["metrics"]![0]!;
            Assert.Equal(0.02, (double)metric["value"]!, 12);
            Assert.Equal(Math.Sqrt(0.0002), (double)metric["spread"]!, 12);   // sd of [0.01, 0.03]
            Assert.Equal(2, metric["values"]!.AsArray().Count);
            var claims = json["claims"]!.AsArray();
            Assert.Equal(2, claims.Count);
            Assert.True((bool)claims[0]!["passed"]!);
            Assert.Equal(">=", (string)claims[0]!["comparison"]!);
            Assert.False((bool)claims[1]!["passed"]!);

            var summary = report.Summary();
            Assert.Equal(Verdict.PartlyReproduced, summary.Verdict);
            Assert.Contains("partly reproduced", summary.ToString());
            Assert.Contains("[fail] The loss is small", summary.ToString());
            Assert.Contains("The gain is positive", summary.ToHtml());
        });
    }

    [Fact]
    public async Task Results_file_validates_against_the_schema()
    {
        var schema = await LoadSchema();
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "results.json");
        string written = "";
        WithEnvironment(NotebookReport.ResultsVariable, path, () =>
        {
            var report = StartReport();
            report.Metric("plain", 0.5, 0.001, key: true, unit: "s");
            report.Metric("over-seeds", SeedSummary.Of([0.4, 0.6, 0.5]), 0.01);
            report.Claim("claim-1", "Something holds", 0.3, Comparison.AtMost, 0.5, spread: 0.1);
            report.Table(new ResultTable("table-1", "A table", "method", "accuracy").AddRow("ERM", 0.5).AddRow("LDAM", SeedSummary.Of([0.6, 0.7])));
            report.Chart("chart-1", "A chart", Charts.Bars("bars", ["a", "b"], [new BarSeries("s", [1, 2], [0.1, 0.2])], "y"));
            written = File.ReadAllText(path);
            Assert.True(File.Exists(Path.Combine(folder.Path, "assets", $"plotly-{PlotlyJs.Version}.min.js")));
        });
        var errors = schema.Validate(written);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task Schema_rejects_a_document_that_breaks_it()
    {
        // Control for the validation test: the schema really constrains the verdict.
        var schema = await LoadSchema();
        var report = WithoutResultsFile(() => StartReport());
        report.Metric("m", 1, 0.1);
        var document = report.ToJson();
        Assert.Empty(schema.Validate(document.ToJsonString()));
        document["verdict"] = "probably";
        Assert.NotEmpty(schema.Validate(document.ToJsonString()));
    }

    private static Task<JsonSchema> LoadSchema() =>
        JsonSchema.FromFileAsync(Path.Combine(RepositoryRoot(), "src", "DebiasKit.Runner", "results.schema.json"));

    private static T WithoutResultsFile<T>(Func<T> body)
    {
        T result = default!;
        WithEnvironment(NotebookReport.ResultsVariable, null, () => result = body());
        return result;
    }

    [Theory]
    [InlineData("34")]
    [InlineData("0345")]
    [InlineData("03a")]
    [InlineData("")]
    [InlineData(null)]
    public void Start_rejects_a_paper_id_that_is_not_three_digits(string? paperId)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => WithoutResultsFile(() => StartReport(paperId!)));
        Assert.Equal("paperId", e.ParamName);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("CI")]
    [InlineData("")]
    public void Start_rejects_a_profile_other_than_ci_or_full(string profile)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => WithoutResultsFile(() => StartReport(profile: profile)));
        Assert.Equal("profile", e.ParamName);
    }

    [Fact]
    public void Start_rejects_a_missing_title_seeds_or_device()
    {
        WithEnvironment(NotebookReport.ResultsVariable, null, () =>
        {
            Assert.Equal("title", Assert.ThrowsAny<ArgumentException>(() => NotebookReport.Start("001", " ", "ci", [0], CPU)).ParamName);
            Assert.Equal("seeds", Assert.ThrowsAny<ArgumentException>(() => NotebookReport.Start("001", "t", "ci", null!, CPU)).ParamName);
            Assert.Equal("device", Assert.ThrowsAny<ArgumentException>(() => NotebookReport.Start("001", "t", "ci", [0], null!)).ParamName);
        });
    }

    [Fact]
    public void Rejects_non_finite_values_and_bad_names()
    {
        var report = WithoutResultsFile(() => StartReport());
        Assert.Equal("value", Assert.ThrowsAny<ArgumentException>(() => report.Metric("m", double.NaN, 0.001)).ParamName);
        Assert.Equal("value", Assert.ThrowsAny<ArgumentException>(() => report.Metric("m", double.PositiveInfinity, 0.001)).ParamName);
        Assert.Equal("precision", Assert.ThrowsAny<ArgumentException>(() => report.Metric("m", 1, 0)).ParamName);
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => report.Metric("has space", 1, 0.1)).ParamName);
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => report.Metric("", 1, 0.1)).ParamName);
        Assert.Equal("summary", Assert.ThrowsAny<ArgumentException>(() => report.Metric("m", (SeedSummary)null!, 0.1)).ParamName);
        Assert.Equal("observed", Assert.ThrowsAny<ArgumentException>(() => report.Claim("c", "s", double.NaN, Comparison.AtLeast, 0)).ParamName);
        Assert.Equal("threshold", Assert.ThrowsAny<ArgumentException>(() => report.Claim("c", "s", 1, Comparison.AtLeast, double.NaN)).ParamName);
        Assert.Equal("statement", Assert.ThrowsAny<ArgumentException>(() => report.Claim("c", " ", 1, Comparison.AtLeast, 0)).ParamName);
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => report.Claim("c d", "s", 1, Comparison.AtLeast, 0)).ParamName);
        Assert.Equal("height", Assert.ThrowsAny<ArgumentException>(() => report.Chart("x", "t", Charts.Lines("l", [new LineSeries("s", [1], [1])], "x", "y"), 0)).ParamName);
        Assert.Empty(report.Metrics);
        Assert.Empty(report.Claims);
        Assert.Equal(Verdict.NoClaims, report.Verdict);
    }

    // ---- result tables -------------------------------------------------------------------------------------

    [Fact]
    public void Table_formats_numbers_with_fixed_decimals_in_the_invariant_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            var table = new ResultTable("t", "T", "a") { Decimals = 2 };
            Assert.Equal("0.12", table.Format(0.12345));
            Assert.Equal("-3.00", table.Format(-3.0));
            Assert.Equal("0.50", table.Format(0.5f));
            Assert.Equal("–", table.Format(double.NaN));
            Assert.Equal("–", table.Format(float.NaN));
            Assert.Equal("", table.Format(null));
            Assert.Equal("42", table.Format(42));
            Assert.Equal("1234567", table.Format(1234567L));
            Assert.Equal("ERM", table.Format("ERM"));
            Assert.Equal("2.50 ± 1.29", table.Format(SeedSummary.Of([1, 2, 3, 4])));
            Assert.Equal("0.123", new ResultTable("t", "T", "a").Format(0.12345));   // default 3 decimals
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Table_checks_row_length_and_its_arguments()
    {
        var table = new ResultTable("t", "T", "a", "b");
        Assert.Equal("cells", Assert.ThrowsAny<ArgumentException>(() => table.AddRow(1)).ParamName);
        Assert.Equal("cells", Assert.ThrowsAny<ArgumentException>(() => table.AddRow(1, 2, 3)).ParamName);
        Assert.Empty(table.Rows);
        table.AddRow(1, 2);
        Assert.Single(table.Rows);
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => new ResultTable(" ", "T", "a")).ParamName);
        Assert.Equal("columns", Assert.ThrowsAny<ArgumentException>(() => new ResultTable("t", "T")).ParamName);
    }

    [Fact]
    public void Table_text_is_aligned_in_columns()
    {
        var table = new ResultTable("t", "Results", "method", "acc")
            .AddRow("ERM", 0.5)
            .AddRow("LDAM-DRW", 0.61234);
        string expected = string.Join(Environment.NewLine,
            "Results",
            "method    acc",
            "--------  -----",
            "ERM       0.500",
            "LDAM-DRW  0.612");
        Assert.Equal(expected, table.ToString());
    }

    [Fact]
    public void Table_html_encodes_its_text()
    {
        var table = new ResultTable("t", "a <caption> & more", "<col>").AddRow("<script>alert(1)</script>");
        var html = table.ToHtml();
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<col>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("a &lt;caption&gt; &amp; more", html);
        Assert.Contains("&lt;col&gt;", html);
    }

    [Fact]
    public void Table_json_and_data_frame_hold_the_cells_as_shown()
    {
        var table = new ResultTable("t", "T", "method", "acc").AddRow("ERM", 0.5).AddRow("LDAM", double.NaN);
        var json = table.ToJson();
        Assert.Equal("t", (string)json["id"]!);
        Assert.Equal("0.500", (string)json["rows"]![0]![1]!);
        Assert.Equal("–", (string)json["rows"]![1]![1]!);
        var frame = table.ToDataFrame();
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal("LDAM", frame.Columns["method"][1]);
        Assert.Equal("0.500", frame.Columns["acc"][0]);
    }

    // ---- charts --------------------------------------------------------------------------------------------

    private static GenericChart SomeBars() =>
        Charts.Bars("Accuracy", ["many", "few"], [new BarSeries("ERM", [0.9, 0.3], [0.01, 0.02]), new BarSeries("LDAM", [0.88, 0.45])], "accuracy");

    [Fact]
    public void Chart_view_embeds_the_figure_and_no_cdn()
    {
        var report = WithoutResultsFile(() => StartReport());
        var view = report.Chart("bars", "Per-group accuracy", SomeBars());
        var html = view.ToHtml();
        Assert.Contains(view.Figure.ToJsonString(), html);
        Assert.DoesNotContain("cdn.plot.ly", html);
        Assert.DoesNotMatch(@"<script[^>]*\bsrc\s*=", html);
        Assert.DoesNotContain("https://", html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.Equal("bars", view.Id);
        Assert.Equal("Per-group accuracy", view.Title);
        Assert.Equal(420, view.Height);
        Assert.Equal("[chart bars: Per-group accuracy]", view.ToString());

        // Two views never share an element id.
        var second = report.Chart("bars", "again", SomeBars());
        string ElementId(string h) => Regex.Match(h, "<div id=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEqual(ElementId(html), ElementId(second.ToHtml()));
    }

    [Fact]
    public void Chart_view_cannot_be_broken_out_of_its_script_by_a_title()
    {
        var report = WithoutResultsFile(() => StartReport());
        var chart = Charts.Lines("</script><script>alert(1)</script>", [new LineSeries("s", [1, 2], [3, 4])], "x", "y");
        var html = report.Chart("evil", "t", chart).ToHtml();
        Assert.Single(Regex.Matches(html, "</script>"));
    }

    [Fact]
    public void Bars_carry_values_errors_and_layout()
    {
        var figure = JsonNode.Parse(GenericChart.toJson(SomeBars()))!;
        var data = figure["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        Assert.Equal("ERM", (string)data[0]!["name"]!);
        Assert.Equal(0.3, (double)data[0]!["y"]![1]!);
        Assert.Equal(0.02, (double)data[0]!["error_y"]!["array"]![1]!);
        Assert.Null(data[1]!["error_y"]);
        Assert.Equal("group", (string)figure["layout"]!["barmode"]!);
        Assert.Equal("Accuracy", (string)figure["layout"]!["title"]!["text"]!);
        Assert.Equal("accuracy", (string)figure["layout"]!["yaxis"]!["title"]!["text"]!);
    }

    [Fact]
    public void Lines_can_use_a_log_x_axis()
    {
        var figure = JsonNode.Parse(GenericChart.toJson(Charts.Lines("t", [new LineSeries("a", [1, 10, 100], [1, 2, 3])], "ratio", "acc", logX: true)))!;
        Assert.Equal("log", (string)figure["layout"]!["xaxis"]!["type"]!);
        Assert.Equal(3, figure["data"]![0]!["x"]!.AsArray().Count);
    }

    [Fact]
    public void Points_draws_markers_only_and_its_extra_lines_as_lines()
    {
        var figure = JsonNode.Parse(GenericChart.toJson(Charts.Points("t",
            [new LineSeries("a", [1, 2], [3, 4]), new LineSeries("b", [5], [6])], "x", "y", lines: [new LineSeries("mean", [1, 5], [3, 6])])))!;
        var data = figure["data"]!.AsArray();
        Assert.Equal(3, data.Count);
        Assert.Equal(["markers", "markers", "lines+markers"], data.Select(t => (string)t!["mode"]!));
        Assert.Equal(["a", "b", "mean"], data.Select(t => (string)t!["name"]!));
        Assert.Equal(2, data[0]!["x"]!.AsArray().Count);
        Assert.Equal("lines", Assert.ThrowsAny<ArgumentException>(() => Charts.Points("t", [new LineSeries("a", [1], [1])], "x", "y", [new LineSeries("m", [1, 2], [1])])).ParamName);
        Assert.Equal("series", Assert.ThrowsAny<ArgumentException>(() => Charts.Points("t", [], "x", "y")).ParamName);
    }

    [Fact]
    public void Charts_validate_their_lengths()
    {
        Assert.Equal("series", Assert.ThrowsAny<ArgumentException>(() => Charts.Bars("t", ["a", "b"], [new BarSeries("s", [1])], "y")).ParamName);
        Assert.Equal("series", Assert.ThrowsAny<ArgumentException>(() => Charts.Bars("t", ["a", "b"], [new BarSeries("s", [1, 2], [0.1])], "y")).ParamName);
        Assert.Equal("series", Assert.ThrowsAny<ArgumentException>(() => Charts.Bars("t", ["a"], [], "y")).ParamName);
        Assert.Equal("categories", Assert.ThrowsAny<ArgumentException>(() => Charts.Bars("t", null!, [new BarSeries("s", [1])], "y")).ParamName);
        Assert.Equal("series", Assert.ThrowsAny<ArgumentException>(() => Charts.Lines("t", [new LineSeries("s", [1, 2], [1])], "x", "y")).ParamName);
        Assert.Equal("series", Assert.ThrowsAny<ArgumentException>(() => Charts.Lines("t", [], "x", "y")).ParamName);
    }

    // ---- plotly.js and the kit banner ----------------------------------------------------------------------

    [Fact]
    public void Plotly_bundle_is_embedded_with_its_version()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", PlotlyJs.Version);
        Assert.True(PlotlyJs.Source.Length > 1_000_000, $"plotly.js source is only {PlotlyJs.Source.Length} characters");
        var script = PlotlyJs.ScriptElement();
        Assert.StartsWith("<script", script);
        Assert.EndsWith("</script>", script);
        Assert.Contains(PlotlyJs.Source, script);
        Assert.Contains("if (!window.Plotly)", script);
    }

    [Fact]
    public void Kit_banner_html_loads_plotly_offline()
    {
        var info = WithoutResultsFile(() => { KitInfo i = null!; WithEnvironment(Kit.ThreadsVariable, null, () => i = Kit.Setup()); return i; });
        var html = info.ToHtml();
        Assert.Contains("<script", html);
        Assert.Contains(PlotlyJs.ScriptElement(), html);
        // plotly.js itself mentions its CDN as a default for map assets, so the check is that nothing is loaded
        // from outside the page: no script or link element with a src or href.
        Assert.DoesNotMatch(@"<script[^>]*\bsrc\s*=", html);
        Assert.DoesNotMatch(@"<link[^>]*\bhref\s*=", html);
        Assert.Contains($"plotly.js {PlotlyJs.Version}", info.ToString());
    }
}
