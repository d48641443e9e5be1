using System.Net;
using System.Text.Json.Nodes;

namespace DebiasKit.Reporting;

/// <summary>
/// A recorded Plotly chart as a notebook displays it: an HTML element drawn with the plotly.js that the
/// kit-loading cell put on the page (<see cref="Kit.Setup"/>), so no network is needed.
/// </summary>
[TypeFormatterSource(typeof(KitHtmlFormatterSource))]
public sealed class ChartView : IHtmlDisplay
{
    private static int counter;
    private readonly int number = Interlocked.Increment(ref counter);

    internal ChartView(string id, string title, JsonNode figure, int height)
    {
        Id = id;
        Title = title;
        Figure = figure;
        Height = height;
    }

    /// <summary>The chart's identifier within its notebook.</summary>
    public string Id { get; }

    /// <summary>The chart's title.</summary>
    public string Title { get; }

    /// <summary>The plotly figure: {"data": [...], "layout": {...}}.</summary>
    public JsonNode Figure { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <inheritdoc />
    public string ToHtml()
    {
        string element = $"debiaskit-chart-{WebUtility.HtmlEncode(Id)}-{number}";
        string figure = Figure.ToJsonString();
        return $$"""
            <div id="{{element}}" class="debiaskit-chart" style="width:100%;max-width:960px;height:{{Height}}px"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{figure}};
              var tries = 0;
              function draw() {
                var el = document.getElementById("{{element}}");
                if (window.Plotly && el) {
                  window.Plotly.newPlot(el, figure.data, figure.layout || {}, { responsive: true, displaylogo: false });
                } else if (++tries < 400) {
                  setTimeout(draw, 50);
                } else if (el) {
                  el.textContent = "Chart not drawn: plotly.js is not loaded. Run the kit-loading cell (Kit.Setup()) first.";
                }
              }
              draw();
            })();
            </script>
            """;
    }

    /// <inheritdoc />
    public override string ToString() => $"[chart {Id}: {Title}]";
}
