using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DebiasKit.Reporting;

/// <summary>
/// The results of an earlier run of a notebook in another profile, kept beside the notebook as
/// <c>recorded/&lt;notebook&gt;.&lt;profile&gt;.json</c> (written by the runner's <c>record</c> verb from a run's results
/// file). A ci run uses it to show what the full profile gave, with where and when that was measured, instead of
/// numbers typed into the notebook.
/// </summary>
public sealed class RecordedRun
{
    private readonly JsonObject document;

    private RecordedRun(JsonObject document, string path)
    {
        this.document = document;
        Path = path;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The profile of the recorded run.</summary>
    public string Profile => document["profile"]?.GetValue<string>() ?? "";

    /// <summary>
    /// Finds the recorded run of a notebook in a profile, looking in <c>recorded/</c> under <paramref name="folder"/>
    /// (default: the current directory, which is the notebook's folder in editors and in the runner). Null when none
    /// was recorded.
    /// </summary>
    /// <param name="notebook">The notebook's file name without extension, for example "034-ldam-drw".</param>
    /// <param name="profile">"ci" or "full".</param>
    /// <param name="folder">The notebook's folder.</param>
    public static RecordedRun? Find(string notebook, string profile, string? folder = null)
    {
        if (string.IsNullOrWhiteSpace(notebook)) throw new ArgumentException("notebook must name the notebook file, without extension.", nameof(notebook));
        if (profile is not ("ci" or "full")) throw new ArgumentException($"profile must be \"ci\" or \"full\"; got '{profile}'.", nameof(profile));
        var path = System.IO.Path.Combine(folder ?? Directory.GetCurrentDirectory(), "recorded", $"{notebook}.{profile}.json");
        if (!File.Exists(path)) return null;
        JsonObject document;
        try
        {
            document = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException("not a JSON object");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"The recorded run {path} is not a results file: {e.Message}", e);
        }
        if (document["schema"]?.GetValue<string>() != NotebookReport.Schema)
            throw new InvalidDataException($"The recorded run {path} has schema '{document["schema"]}', expected '{NotebookReport.Schema}'.");
        return new RecordedRun(document, path);
    }

    /// <summary>A recorded metric's value, or null when the run did not record it.</summary>
    public double? Metric(string name) =>
        (document["metrics"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(m => m["name"]?.GetValue<string>() == name)?["value"]?.GetValue<double>();

    /// <summary>A recorded metric's spread over seeds, or null.</summary>
    public double? Spread(string name) =>
        (document["metrics"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(m => m["name"]?.GetValue<string>() == name)?["spread"]?.GetValue<double>();

    /// <summary>A recorded claim check's observed value, or null when the run did not check that claim.</summary>
    public double? Claim(string id) =>
        (document["claims"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["id"]?.GetValue<string>() == id)?["observed"]?.GetValue<double>();

    /// <summary>The recorded verdict.</summary>
    public string Verdict => document["verdict"]?.GetValue<string>() ?? "no claims";

    /// <summary>Where and when it was measured: profile, date, machine, commit and run time.</summary>
    public string Describe()
    {
        var run = document["run"];
        var provenance = run?["provenance"];
        string date = provenance?["startedAt"]?.GetValue<string>() is string s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "an unknown date";
        string machine = $"{provenance?["machine"]?["cpu"] ?? "unknown CPU"}, {provenance?["machine"]?["cores"]} cores, {document["device"] ?? "unknown device"}";
        string commit = provenance?["git"]?["commit"]?.GetValue<string>() is string c && c.Length >= 7 ? c[..7] : "unknown commit";
        bool dirty = provenance?["git"]?["dirty"]?.GetValue<bool>() ?? false;
        string minutes = run?["seconds"]?.GetValue<double>() is double sec ? (sec < 90 ? string.Create(CultureInfo.InvariantCulture, $", {sec:F0} s") : string.Create(CultureInfo.InvariantCulture, $", {sec / 60:F0} min")) : "";
        return $"{Profile} profile recorded {date} on {machine} at commit {commit}{(dirty ? " with uncommitted changes" : "")}{minutes}";
    }
}
