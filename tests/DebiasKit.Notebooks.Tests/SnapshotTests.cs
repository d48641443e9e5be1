using System.Text.Json.Nodes;
using DebiasKit.Runner.Notebooks;
using DebiasKit.Runner.Results;
using Xunit;

namespace DebiasKit.Notebooks.Tests;

/// <summary>The snapshot comparison itself: tolerance by declared precision, and what it ignores.</summary>
public sealed class SnapshotTests
{
    private static JsonObject Results(double value, double observed, bool passed, string verdict = "reproduced", double seconds = 1) => new()
    {
        ["schema"] = "debiaskit-results/1",
        ["paper"] = new JsonObject { ["id"] = "034", ["title"] = "T" },
        ["profile"] = "ci",
        ["metrics"] = new JsonArray(new JsonObject { ["name"] = "m", ["value"] = value, ["precision"] = 0.001, ["values"] = new JsonArray(value, value) }),
        ["claims"] = new JsonArray(new JsonObject
        {
            ["id"] = "c", ["statement"] = "s", ["observed"] = observed, ["comparison"] = ">=", ["threshold"] = 0.02, ["precision"] = 0.001, ["passed"] = passed,
        }),
        ["verdict"] = verdict,
        ["run"] = new JsonObject { ["seconds"] = seconds },
    };

    [Fact]
    public void Numbers_within_the_declared_precision_agree_and_timings_are_ignored() =>
        Assert.Empty(Snapshot.Compare(Snapshot.Normalise(Results(0.5, 0.03, true)), Snapshot.Normalise(Results(0.5004, 0.0305, true, seconds: 99))));

    [Fact]
    public void A_number_beyond_its_precision_is_a_difference()
    {
        var differences = Snapshot.Compare(Snapshot.Normalise(Results(0.5, 0.03, true)), Snapshot.Normalise(Results(0.502, 0.03, true)));
        Assert.Contains(differences, d => d.Contains("metric 'm' value"));
    }

    [Fact]
    public void A_changed_verdict_or_claim_outcome_is_a_difference()
    {
        var differences = Snapshot.Compare(Snapshot.Normalise(Results(0.5, 0.03, true)), Snapshot.Normalise(Results(0.5, 0.01, false, "not reproduced")));
        Assert.Contains(differences, d => d.StartsWith("verdict"));
        Assert.Contains(differences, d => d.Contains("claim 'c' passed"));
        Assert.Contains(differences, d => d.Contains("claim 'c' observed"));
    }

    [Fact]
    public void Missing_and_extra_metrics_are_differences()
    {
        var approved = Snapshot.Normalise(Results(0.5, 0.03, true));
        var received = Snapshot.Normalise(Results(0.5, 0.03, true));
        received["metrics"]!.AsArray()[0]!["name"] = "other";
        var differences = Snapshot.Compare(approved, received);
        Assert.Contains(differences, d => d.Contains("'m' is approved but was not recorded"));
        Assert.Contains(differences, d => d.Contains("'other' was recorded but is not approved"));
    }

    [Fact]
    public void Shards_partition_the_notebooks_in_order()
    {
        var notebooks = Enumerable.Range(0, 7).Select(i => new NotebookFile($"/n/{i:000}-x.ipynb")).ToList();
        var shards = Enumerable.Range(1, 3).Select(k => NotebookFile.Shard(notebooks, k, 3)).ToList();
        Assert.Equal(notebooks, shards.SelectMany(s => s).OrderBy(n => n.Path));
        Assert.Equal(["000", "003", "006"], shards[0].Select(n => n.PaperId));
        Assert.Throws<ArgumentException>(() => NotebookFile.Shard(notebooks, 4, 3));
    }
}
