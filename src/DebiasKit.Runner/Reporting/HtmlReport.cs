using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DebiasKit.Runner.Execution;
using DebiasKit.Runner.Results;

namespace DebiasKit.Runner.Reporting;

/// <summary>
/// report.html: one self-contained page for a run (no CDN, works offline): a table of notebook, paper, verdict,
/// time and key metrics, then per notebook its claim checks, any error, and its charts drawn with the plotly.js
/// bundle the notebooks wrote beside their results.
/// </summary>
public static class HtmlReport
{
    public static void Write(RunSummary summary, string path)
    {
        var html = new StringBuilder();
        var first = summary.Notebooks.Select(n => n.Results["run"]?["provenance"]).FirstOrDefault(p => p is not null);
        string commit = first?["git"]?["commit"]?.GetValue<string>() ?? "unknown";
        bool dirty = first?["git"]?["dirty"]?.GetValue<bool>() ?? false;
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>DebiasKit run report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}")
            .Append("th,td{text-align:left;padding:3px 10px;border-bottom:1px solid #ddd;vertical-align:top}")
            .Append(".pass{color:#1a7f37;font-weight:bold}.fail{color:#b3261e;font-weight:bold}.chart{width:100%;height:420px}")
            .Append("code{font-size:90%}</style>");
        string? plotly = PlotlyBundle(summary);
        if (plotly is not null)
            html.Append("<script>(function () { var define, module, exports;\n").Append(plotly).Append("\n})();</script>");
        html.Append("</head><body><h1>DebiasKit run report</h1><p>")
            .Append(Encode($"{summary.Notebooks.Count} notebook(s) in {summary.Seconds:F1} s · profile {summary.Notebooks.FirstOrDefault().Results?["run"]?["profile"]} · commit {commit}{(dirty ? " (with uncommitted changes)" : "")} · {first?["machine"]?["cpu"]} · {first?["startedAt"]}"))
            .Append("</p><table><thead><tr><th>notebook</th><th>paper</th><th>status</th><th>verdict</th><th>time</th><th>key metrics</th></tr></thead><tbody>");
        foreach (var (outcome, results) in summary.Notebooks)
        {
            html.Append("<tr><td><a href=\"#").Append(Encode(outcome.Notebook.Name)).Append("\">").Append(Encode(outcome.Notebook.Name)).Append("</a></td><td>")
                .Append(Encode(outcome.Notebook.PaperId)).Append("</td><td>").Append(Encode(outcome.StatusText)).Append("</td><td>")
                .Append(Encode(ResultsFile.Verdict(results))).Append("</td><td>").Append(outcome.Seconds.ToString("F1", CultureInfo.InvariantCulture))
                .Append(" s</td><td>").Append(Encode(string.Join("; ", ResultsFile.KeyMetrics(results)))).Append("</td></tr>");
        }
        html.Append("</tbody></table>");

        int chartNumber = 0;
        foreach (var (outcome, results) in summary.Notebooks)
        {
            string title = results["paper"]?["title"]?.GetValue<string>() ?? outcome.Notebook.Name;
            html.Append("<section id=\"").Append(Encode(outcome.Notebook.Name)).Append("\"><h2>").Append(Encode($"{outcome.Notebook.PaperId} · {title}")).Append("</h2>");
            if (results["paper"]?["citation"]?.GetValue<string>() is string citation) html.Append("<p><i>").Append(Encode(citation)).Append("</i></p>");
            html.Append("<p>Verdict: <b>").Append(Encode(ResultsFile.Verdict(results))).Append("</b> · executed notebook: <a href=\"")
                .Append(Encode(Path.GetFileName(outcome.OutputNotebook))).Append("\">").Append(Encode(Path.GetFileName(outcome.OutputNotebook))).Append("</a></p>");
            if (outcome.Error is not null)
                html.Append("<p class=\"fail\">").Append(Encode($"{outcome.StatusText}: {outcome.Error}")).Append("</p>");
            if (results["claims"] is JsonArray claims && claims.Count > 0)
            {
                html.Append("<ul>");
                foreach (var claim in claims.OfType<JsonObject>())
                {
                    bool passed = claim["passed"]?.GetValue<bool>() ?? false;
                    html.Append("<li><span class=\"").Append(passed ? "pass" : "fail").Append("\">").Append(passed ? "pass" : "fail").Append("</span> ")
                        .Append(Encode($"{claim["statement"]}: observed {Number(claim["observed"])} {claim["comparison"]} {Number(claim["threshold"])}")).Append("</li>");
                }
                html.Append("</ul>");
            }
            if (results["charts"] is JsonArray charts)
            {
                foreach (var chart in charts.OfType<JsonObject>())
                {
                    string id = $"chart-{++chartNumber}";
                    string figure = chart["figure"]?.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal) ?? "{}";
                    html.Append("<h3>").Append(Encode(chart["title"]?.GetValue<string>() ?? "")).Append("</h3><div class=\"chart\" id=\"").Append(id).Append("\"></div>")
                        .Append("<script>(function(){var f=").Append(figure).Append(";if(window.Plotly){Plotly.newPlot('").Append(id)
                        .Append("',f.data,f.layout||{},{responsive:true,displaylogo:false});}else{document.getElementById('").Append(id)
                        .Append("').textContent='plotly.js was not found beside the results, so this chart cannot be drawn.';}})();</script>");
                }
            }
            html.Append("</section>");
        }
        html.Append("</body></html>");
        File.WriteAllText(path, html.ToString());
    }

    private static string? PlotlyBundle(RunSummary summary)
    {
        foreach (var (outcome, results) in summary.Notebooks)
        {
            if (results["assets"]?["plotly.js"]?.GetValue<string>() is not string relative) continue;
            var file = Path.Combine(Path.GetDirectoryName(outcome.ResultsFile)!, relative);
            if (File.Exists(file)) return File.ReadAllText(file);
        }
        return null;
    }

    private static string Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString("G4", CultureInfo.InvariantCulture) : node?.ToString() ?? "";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
