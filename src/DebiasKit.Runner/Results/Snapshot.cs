using System.Globalization;
using System.Text.Json.Nodes;

namespace DebiasKit.Runner.Results;

/// <summary>
/// The part of a results file that snapshot tests compare: paper, verdict, metrics and claim checks. Timings, paths,
/// provenance, tables and charts are left out. Numbers are compared within the precision each metric or claim
/// declares, so a snapshot survives harmless floating-point noise but not a real change.
/// </summary>
public static class Snapshot
{
    /// <summary>The normalised snapshot of a results document.</summary>
    public static JsonObject Normalise(JsonObject results)
    {
        var metrics = new JsonArray();
        foreach (var metric in (results["metrics"] as JsonArray ?? []).OfType<JsonObject>().OrderBy(m => Text(m["name"]), StringComparer.Ordinal))
        {
            double precision = metric["precision"]?.GetValue<double>() ?? 1e-6;
            var node = new JsonObject
            {
                ["name"] = Text(metric["name"]),
                ["value"] = Round(metric["value"], precision),
                ["precision"] = precision,
            };
            if (metric["spread"] is not null) node["spread"] = Round(metric["spread"], precision);
            if (metric["values"] is JsonArray values)
                node["values"] = new JsonArray(values.Select(v => (JsonNode?)Round(v, precision)).ToArray());
            metrics.Add(node);
        }
        var claims = new JsonArray();
        foreach (var claim in (results["claims"] as JsonArray ?? []).OfType<JsonObject>().OrderBy(c => Text(c["id"]), StringComparer.Ordinal))
        {
            double precision = claim["precision"]?.GetValue<double>() ?? 1e-6;
            var node = new JsonObject
            {
                ["id"] = Text(claim["id"]),
                ["statement"] = Text(claim["statement"]),
                ["observed"] = Round(claim["observed"], precision),
                ["comparison"] = Text(claim["comparison"]),
                ["threshold"] = claim["threshold"]?.DeepClone(),
                ["precision"] = precision,
                ["passed"] = claim["passed"]?.GetValue<bool>() ?? false,
            };
            if (claim["spread"] is not null) node["spread"] = Round(claim["spread"], precision);
            claims.Add(node);
        }
        return new JsonObject
        {
            ["paper"] = Text(results["paper"]?["id"]),
            ["title"] = Text(results["paper"]?["title"]),
            ["profile"] = Text(results["profile"]),
            ["verdict"] = Text(results["verdict"]),
            ["metrics"] = metrics,
            ["claims"] = claims,
        };
    }

    /// <summary>
    /// The differences between an approved and a received snapshot, one line each; empty when they agree.
    /// Numbers agree when they differ by at most the approved precision.
    /// </summary>
    public static IReadOnlyList<string> Compare(JsonObject approved, JsonObject received)
    {
        var differences = new List<string>();
        foreach (var field in new[] { "paper", "title", "profile", "verdict" })
            if (Text(approved[field]) != Text(received[field]))
                differences.Add($"{field}: approved '{Text(approved[field])}', received '{Text(received[field])}'");
        CompareList(approved, received, "metrics", "name", differences, (a, r, label) =>
        {
            double precision = a["precision"]?.GetValue<double>() ?? 1e-6;
            CompareNumber(a["value"], r["value"], precision, $"{label} value", differences);
            CompareNumber(a["spread"], r["spread"], precision, $"{label} spread", differences);
            var av = a["values"] as JsonArray;
            var rv = r["values"] as JsonArray;
            if ((av is null) != (rv is null) || (av is not null && av.Count != rv!.Count))
                differences.Add($"{label} per-seed values: approved {av?.Count ?? 0}, received {rv?.Count ?? 0}");
            else if (av is not null)
                for (int i = 0; i < av.Count; i++) CompareNumber(av[i], rv![i], precision, $"{label} value for seed #{i + 1}", differences);
        });
        CompareList(approved, received, "claims", "id", differences, (a, r, label) =>
        {
            double precision = a["precision"]?.GetValue<double>() ?? 1e-6;
            foreach (var field in new[] { "statement", "comparison" })
                if (Text(a[field]) != Text(r[field])) differences.Add($"{label} {field}: approved '{Text(a[field])}', received '{Text(r[field])}'");
            CompareNumber(a["threshold"], r["threshold"], 0, $"{label} threshold", differences);
            CompareNumber(a["observed"], r["observed"], precision, $"{label} observed", differences);
            CompareNumber(a["spread"], r["spread"], precision, $"{label} spread", differences);
            if (a["passed"]?.GetValue<bool>() != r["passed"]?.GetValue<bool>())
                differences.Add($"{label} passed: approved {a["passed"]}, received {r["passed"]}");
        });
        return differences;
    }

    private static void CompareList(JsonObject approved, JsonObject received, string list, string key, List<string> differences,
        Action<JsonObject, JsonObject, string> compare)
    {
        var a = (approved[list] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(x => Text(x[key]));
        var r = (received[list] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(x => Text(x[key]));
        string singular = list.TrimEnd('s');
        foreach (var name in a.Keys.Except(r.Keys)) differences.Add($"{singular} '{name}' is approved but was not recorded");
        foreach (var name in r.Keys.Except(a.Keys)) differences.Add($"{singular} '{name}' was recorded but is not approved");
        foreach (var name in a.Keys.Intersect(r.Keys)) compare(a[name], r[name], $"{singular} '{name}'");
    }

    private static void CompareNumber(JsonNode? approved, JsonNode? received, double tolerance, string label, List<string> differences)
    {
        if (approved is null && received is null) return;
        if (approved is null || received is null)
        {
            differences.Add($"{label}: approved {approved?.ToJsonString() ?? "none"}, received {received?.ToJsonString() ?? "none"}");
            return;
        }
        double a = approved.GetValue<double>(), r = received.GetValue<double>();
        if (Math.Abs(a - r) > tolerance + 1e-12)
            differences.Add($"{label}: approved {a.ToString("R", CultureInfo.InvariantCulture)}, received {r.ToString("R", CultureInfo.InvariantCulture)} (tolerance {tolerance.ToString(CultureInfo.InvariantCulture)})");
    }

    private static JsonNode? Round(JsonNode? value, double precision)
    {
        if (value is null) return null;
        double number = value.GetValue<double>();
        int decimals = Precision.Decimals(precision) + 2;   // two digits finer than the precision: readable, and never the cause of a mismatch
        return JsonValue.Create(Math.Round(number, decimals, MidpointRounding.ToEven));
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";
}
