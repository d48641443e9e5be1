using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DebiasKit.Metrics;
using Plotly.NET;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Reporting;

/// <summary>
/// What a notebook records: its metrics (each with the precision it is meaningful to), its claim checks, tables
/// and charts, and the verdict computed from the claims. When the notebook runner sets DEBIASKIT_RESULTS, every
/// change is written at once to that path as a results file (schema "debiaskit-results/1", described in
/// src/DebiasKit.Runner/RESULTS.md); elsewhere, for example in VS Code, nothing is written.
/// Recording the same name again replaces the earlier entry, so re-running a cell is harmless.
/// </summary>
public sealed class NotebookReport
{
    /// <summary>The environment variable that names the results file.</summary>
    public const string ResultsVariable = "DEBIASKIT_RESULTS";

    /// <summary>The schema identifier written to results files.</summary>
    public const string Schema = "debiaskit-results/1";

    private readonly List<MetricRecord> metrics = [];
    private readonly List<ClaimCheck> claims = [];
    private readonly List<ResultTable> tables = [];
    private readonly List<ChartView> charts = [];
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;

    private NotebookReport(string paperId, string title, string? citation, string profile, IReadOnlyList<int> seeds, Device device, string? resultsPath)
    {
        PaperId = paperId;
        Title = title;
        Citation = citation;
        Profile = profile;
        Seeds = seeds;
        Device = device;
        ResultsPath = resultsPath;
    }

    /// <summary>
    /// Starts the record of a notebook.
    /// </summary>
    /// <param name="paperId">The paper's three-digit id, for example "034".</param>
    /// <param name="title">The paper's title.</param>
    /// <param name="profile">"ci" or "full".</param>
    /// <param name="seeds">The seeds the notebook runs.</param>
    /// <param name="device">The device it computes on.</param>
    /// <param name="citation">The full citation.</param>
    public static NotebookReport Start(string paperId, string title, string profile, IReadOnlyList<int> seeds, Device device, string? citation = null)
    {
        if (paperId is null || paperId.Length != 3 || !paperId.All(char.IsAsciiDigit))
            throw new ArgumentException($"paperId must be a three-digit id such as \"034\"; got '{paperId}'.", nameof(paperId));
        if (string.IsNullOrWhiteSpace(title)) throw new ArgumentException("title must name the paper.", nameof(title));
        if (profile is not ("ci" or "full")) throw new ArgumentException($"profile must be \"ci\" or \"full\"; got '{profile}'.", nameof(profile));
        Guard.NotNull(seeds, nameof(seeds));
        Guard.NotNull(device, nameof(device));
        var path = Environment.GetEnvironmentVariable(ResultsVariable);
        var report = new NotebookReport(paperId, title, citation, profile, seeds.ToArray(), device, string.IsNullOrWhiteSpace(path) ? null : path);
        report.Save();
        return report;
    }

    /// <summary>The paper's three-digit id.</summary>
    public string PaperId { get; }

    /// <summary>The paper's title.</summary>
    public string Title { get; }

    /// <summary>The paper's citation.</summary>
    public string? Citation { get; }

    /// <summary>"ci" or "full".</summary>
    public string Profile { get; }

    /// <summary>The seeds the notebook runs.</summary>
    public IReadOnlyList<int> Seeds { get; }

    /// <summary>The device the notebook computes on.</summary>
    public Device Device { get; }

    /// <summary>Where the results file is written, or null outside the runner.</summary>
    public string? ResultsPath { get; }

    /// <summary>Recorded metrics.</summary>
    public IReadOnlyList<MetricRecord> Metrics => metrics;

    /// <summary>Recorded claim checks.</summary>
    public IReadOnlyList<ClaimCheck> Claims => claims;

    /// <summary>The verdict computed from the claim checks.</summary>
    public Verdict Verdict => Verdicts.From(claims);

    /// <summary>Records a single number.</summary>
    /// <param name="name">A path-like name, for example "ratio100/erm/balanced_accuracy".</param>
    /// <param name="value">The value; it must be finite.</param>
    /// <param name="precision">The absolute precision it is meaningful to (the snapshot tolerance).</param>
    /// <param name="key">Show it in the run report's summary table.</param>
    /// <param name="unit">Optional unit.</param>
    public MetricRecord Metric(string name, double value, double precision, bool key = false, string? unit = null)
    {
        CheckName(name, nameof(name));
        if (!double.IsFinite(value)) throw new ArgumentException($"metric '{name}' is {value}; recorded values must be finite.", nameof(value));
        Guard.Positive(precision, nameof(precision));
        return Upsert(metrics, new MetricRecord(name, value, precision, Key: key, Unit: unit), m => m.Name);
    }

    /// <summary>Records a mean over seeds with its spread and the per-seed values.</summary>
    public MetricRecord Metric(string name, SeedSummary summary, double precision, bool key = false, string? unit = null)
    {
        CheckName(name, nameof(name));
        Guard.NotNull(summary, nameof(summary));
        Guard.Positive(precision, nameof(precision));
        return Upsert(metrics, new MetricRecord(name, summary.Mean, precision, summary.Spread, summary.Values, key, unit), m => m.Name);
    }

    /// <summary>Records a claim check "observed ≥ threshold" or "observed ≤ threshold".</summary>
    /// <param name="id">A short stable identifier.</param>
    /// <param name="statement">The claim in words, with where its threshold comes from.</param>
    /// <param name="observed">The measured value.</param>
    /// <param name="comparison">At least or at most.</param>
    /// <param name="threshold">The bound, fixed from the paper before running.</param>
    /// <param name="precision">The absolute precision of the observed value.</param>
    /// <param name="spread">Its spread over seeds, if any.</param>
    public ClaimCheck Claim(string id, string statement, double observed, Comparison comparison, double threshold,
        double precision = 0.001, double? spread = null)
    {
        CheckName(id, nameof(id));
        if (string.IsNullOrWhiteSpace(statement)) throw new ArgumentException("statement must say the claim in words.", nameof(statement));
        if (!double.IsFinite(observed)) throw new ArgumentException($"claim '{id}' observed {observed}; it must be finite.", nameof(observed));
        if (!double.IsFinite(threshold)) throw new ArgumentException($"claim '{id}' has threshold {threshold}; it must be finite.", nameof(threshold));
        Guard.Positive(precision, nameof(precision));
        return Upsert(claims, new ClaimCheck(id, statement, observed, comparison, threshold, spread, precision), c => c.Id);
    }

    /// <summary>Records a claim on a mean over seeds: the spread is taken from the summary.</summary>
    public ClaimCheck Claim(string id, string statement, SeedSummary observed, Comparison comparison, double threshold, double precision = 0.001)
    {
        Guard.NotNull(observed, nameof(observed));
        return Claim(id, statement, observed.Mean, comparison, threshold, precision, observed.Spread);
    }

    /// <summary>Records a table and returns it for display.</summary>
    public ResultTable Table(ResultTable table)
    {
        Guard.NotNull(table, nameof(table));
        return Upsert(tables, table, t => t.Id);
    }

    /// <summary>Records a Plotly chart and returns a view that draws it offline.</summary>
    /// <param name="id">Identifier within the notebook.</param>
    /// <param name="title">Title shown in the run report.</param>
    /// <param name="chart">The chart.</param>
    /// <param name="height">Height in pixels.</param>
    public ChartView Chart(string id, string title, GenericChart chart, int height = 420)
    {
        CheckName(id, nameof(id));
        Guard.NotNull(chart, nameof(chart));
        Guard.Positive(height, nameof(height));
        var figure = JsonNode.Parse(GenericChart.toJson(chart))!;
        return Upsert(charts, new ChartView(id, title ?? id, figure, height), c => c.Id);
    }

    /// <summary>The claim checks and the verdict, for display at the end of a notebook.</summary>
    public ReportSummary Summary() => new(PaperId, Title, Profile, claims.ToArray(), Verdict);

    private T Upsert<T>(List<T> list, T item, Func<T, string> key)
    {
        int index = list.FindIndex(existing => key(existing) == key(item));
        if (index >= 0) list[index] = item; else list.Add(item);
        Save();
        return item;
    }

    private static void CheckName(string name, string argument)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace))
            throw new ArgumentException($"{argument} must be a non-empty name without spaces; got '{name}'.", argument);
    }

    /// <summary>The results document (schema debiaskit-results/1) as JSON.</summary>
    public JsonObject ToJson()
    {
        var document = new JsonObject
        {
            ["schema"] = Schema,
            ["paper"] = new JsonObject { ["id"] = PaperId, ["title"] = Title, ["citation"] = Citation },
            ["profile"] = Profile,
            ["seeds"] = new JsonArray(Seeds.Select(s => (JsonNode?)s).ToArray()),
            ["device"] = Device.ToString(),
            ["threads"] = torch.get_num_threads(),
            ["metrics"] = new JsonArray(metrics.Select(MetricJson).ToArray()),
            ["claims"] = new JsonArray(claims.Select(ClaimJson).ToArray()),
            ["verdict"] = Verdict.Text(),
            ["tables"] = new JsonArray(tables.Select(t => (JsonNode?)t.ToJson()).ToArray()),
            ["charts"] = new JsonArray(charts.Select(c => (JsonNode?)new JsonObject
            {
                ["id"] = c.Id,
                ["title"] = c.Title,
                ["figure"] = c.Figure.DeepClone(),
            }).ToArray()),
            ["environment"] = new JsonObject(KitEnvironment.Describe().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["startedAt"] = started.ToString("O", CultureInfo.InvariantCulture),
            ["recordedAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        if (charts.Count > 0) document["assets"] = new JsonObject { ["plotly.js"] = PlotlyAssetName };
        return document;
    }

    private static string PlotlyAssetName => $"assets/plotly-{PlotlyJs.Version}.min.js";

    private static JsonNode MetricJson(MetricRecord m)
    {
        var node = new JsonObject { ["name"] = m.Name, ["value"] = m.Value, ["precision"] = m.Precision };
        if (m.Spread is double s) node["spread"] = s;
        if (m.Values is { } values) node["values"] = new JsonArray(values.Select(v => (JsonNode?)v).ToArray());
        if (m.Key) node["key"] = true;
        if (m.Unit is not null) node["unit"] = m.Unit;
        return node;
    }

    private static JsonNode ClaimJson(ClaimCheck c)
    {
        var node = new JsonObject
        {
            ["id"] = c.Id,
            ["statement"] = c.Statement,
            ["observed"] = c.Observed,
            ["comparison"] = c.Operator,
            ["threshold"] = c.Threshold,
            ["precision"] = c.Precision,
            ["passed"] = c.Passed,
        };
        if (c.Spread is double s) node["spread"] = s;
        return node;
    }

    private void Save()
    {
        if (ResultsPath is null) return;
        var full = Path.GetFullPath(ResultsPath);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        if (charts.Count > 0)
        {
            var asset = Path.Combine(folder, PlotlyAssetName);
            if (!File.Exists(asset))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(asset)!);
                AtomicWrite(asset, PlotlyJs.Source);
            }
        }
        AtomicWrite(full, ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void AtomicWrite(string path, string text)
    {
        var temp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
