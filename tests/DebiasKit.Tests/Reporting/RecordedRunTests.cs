using System.Text.Json.Nodes;
using DebiasKit.Reporting;
using Xunit;

namespace DebiasKit.Tests.Reporting;

public class RecordedRunTests
{
    private static string WriteRecorded(string folder, string name, JsonObject document)
    {
        var path = Path.Combine(folder, "recorded", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    private static JsonObject Document() => new()
    {
        ["schema"] = "debiaskit-results/1",
        ["paper"] = new JsonObject { ["id"] = "034" },
        ["profile"] = "full",
        ["device"] = "cpu",
        ["metrics"] = new JsonArray(new JsonObject { ["name"] = "ratio100/erm/balanced_accuracy", ["value"] = 0.882, ["precision"] = 0.001, ["spread"] = 0.004 }),
        ["claims"] = new JsonArray(new JsonObject { ["id"] = "ldam-beats-erm", ["observed"] = 0.031, ["passed"] = true }),
        ["verdict"] = "partly reproduced",
        ["run"] = new JsonObject
        {
            ["seconds"] = 780.0,
            ["provenance"] = new JsonObject
            {
                ["git"] = new JsonObject { ["commit"] = "0123456789abcdef", ["dirty"] = false },
                ["machine"] = new JsonObject { ["cpu"] = "AMD EPYC", ["cores"] = 2 },
                ["startedAt"] = "2026-11-25T19:00:00.0000000+00:00",
            },
        },
    };

    [Fact]
    public void Finds_the_recorded_run_beside_the_notebook_and_reads_its_metrics()
    {
        var folder = Directory.CreateTempSubdirectory("recorded").FullName;
        try
        {
            WriteRecorded(folder, "034-ldam-drw.full.json", Document());
            var run = RecordedRun.Find("034-ldam-drw", "full", folder)!;
            Assert.Equal("full", run.Profile);
            Assert.Equal(0.882, run.Metric("ratio100/erm/balanced_accuracy"));
            Assert.Equal(0.004, run.Spread("ratio100/erm/balanced_accuracy"));
            Assert.Null(run.Metric("not/recorded"));
            Assert.Equal(0.031, run.Claim("ldam-beats-erm"));
            Assert.Null(run.Claim("not-checked"));
            Assert.Equal("partly reproduced", run.Verdict);
            Assert.Equal("full profile recorded 2026-11-25 on AMD EPYC, 2 cores, cpu at commit 0123456, 13 min", run.Describe());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Returns_null_when_nothing_was_recorded() =>
        Assert.Null(RecordedRun.Find("034-ldam-drw", "full", Directory.CreateTempSubdirectory("recorded").FullName));

    [Fact]
    public void A_file_that_is_not_a_results_file_is_reported_by_path()
    {
        var folder = Directory.CreateTempSubdirectory("recorded").FullName;
        try
        {
            var document = Document();
            document["schema"] = "something-else/9";
            var path = WriteRecorded(folder, "034-ldam-drw.full.json", document);
            var e = Assert.Throws<InvalidDataException>(() => RecordedRun.Find("034-ldam-drw", "full", folder));
            Assert.Contains(path, e.Message);
            File.WriteAllText(path, "not json");
            Assert.Throws<InvalidDataException>(() => RecordedRun.Find("034-ldam-drw", "full", folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Rejects_bad_arguments_by_name()
    {
        Assert.Equal("notebook", Assert.ThrowsAny<ArgumentException>(() => RecordedRun.Find(" ", "full")).ParamName);
        Assert.Equal("profile", Assert.ThrowsAny<ArgumentException>(() => RecordedRun.Find("034-ldam-drw", "paper")).ParamName);
    }
}
