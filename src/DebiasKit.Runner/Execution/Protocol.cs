using System.Text.Json;
using System.Text.Json.Serialization;

namespace DebiasKit.Runner.Execution;

/// <summary>
/// What the coordinator asks a worker to do: run one notebook. Sent as one JSON line on the worker's stdin.
/// </summary>
public sealed record NotebookJob(
    string Notebook,
    string OutputNotebook,
    string ResultsFile,
    IReadOnlyList<KeyValuePair<string, string>> Parameters);

/// <summary>
/// What a worker tells the coordinator, one JSON line each on its stdout, prefixed by <see cref="Protocol.Prefix"/>
/// so that anything else a notebook's native code prints there is told apart.
/// </summary>
public sealed record WorkerEvent
{
    public required string Type { get; init; }
    public int? Cell { get; init; }
    public int? Cells { get; init; }
    public double? Seconds { get; init; }
    public bool? Ok { get; init; }
    public string? Error { get; init; }
    public long? PeakMemoryBytes { get; init; }
}

/// <summary>The worker protocol's framing and event names.</summary>
public static class Protocol
{
    public const string Prefix = "@@debiaskit ";
    public const string Ready = "ready";
    public const string Start = "start";
    public const string CellStart = "cell-start";
    public const string CellEnd = "cell-end";
    public const string Done = "done";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Encode(WorkerEvent e) => Prefix + JsonSerializer.Serialize(e, Json);

    public static bool TryDecode(string line, out WorkerEvent? e)
    {
        e = null;
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        try
        {
            e = JsonSerializer.Deserialize<WorkerEvent>(line.AsSpan(Prefix.Length), Json);
            return e is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
