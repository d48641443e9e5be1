using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace DebiasKit.Reporting;

/// <summary>A named series of bars, one value per category, with optional error bars (for example ± spread over seeds).</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Errors = null);

/// <summary>A named line through (x, y) points.</summary>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>
/// The chart types the notebooks draw most, built with Plotly.NET so that a notebook needs one call instead of
/// Plotly.NET's generic and F#-style options. Record a chart with <see cref="NotebookReport.Chart"/> to show it.
/// </summary>
public static class Charts
{
    /// <summary>Grouped bars: one group per category, one bar per series.</summary>
    public static GenericChart Bars(string title, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, string yTitle, string? xTitle = null)
    {
        Guard.NotNull(categories, nameof(categories));
        Guard.NotNull(series, nameof(series));
        if (series.Count == 0) throw new ArgumentException("series must hold at least one series.", nameof(series));
        var traces = new List<GenericChart>();
        foreach (var s in series)
        {
            if (s.Values.Count != categories.Count)
                throw new ArgumentException($"series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories.", nameof(series));
            var chart = PlotlyChart.Column<double, string, string>(s.Values, Keys: categories.ToArray(), Name: s.Name);
            if (s.Errors is { } errors)
            {
                if (errors.Count != categories.Count)
                    throw new ArgumentException($"series '{s.Name}' has {errors.Count} errors for {categories.Count} categories.", nameof(series));
                foreach (var trace in GenericChart.getTraces(chart))
                    trace.SetProperty("error_y", new Dictionary<string, object> { ["type"] = "data", ["array"] = errors.ToArray(), ["visible"] = true });
            }
            traces.Add(chart);
        }
        return Style(PlotlyChart.Combine(traces), title, xTitle, yTitle, barmode: "group");
    }

    /// <summary>Lines with markers, one per series.</summary>
    public static GenericChart Lines(string title, IReadOnlyList<LineSeries> series, string xTitle, string yTitle, bool logX = false)
    {
        Guard.NotNull(series, nameof(series));
        if (series.Count == 0) throw new ArgumentException("series must hold at least one series.", nameof(series));
        var traces = series.Select(s =>
        {
            if (s.X.Count != s.Y.Count) throw new ArgumentException($"series '{s.Name}' has {s.X.Count} x values and {s.Y.Count} y values.", nameof(series));
            return PlotlyChart.Line<double, double, string>(s.X, s.Y, ShowMarkers: true, Name: s.Name);
        }).ToList();
        return Style(PlotlyChart.Combine(traces), title, xTitle, yTitle, logX: logX);
    }

    private static GenericChart Style(GenericChart chart, string title, string? xTitle, string yTitle, string? barmode = null, bool logX = false)
    {
        var layout = GenericChart.getLayout(chart);
        layout.RemoveProperty("width");                       // let the notebook or report decide the width
        layout.SetProperty("height", 420);
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title });
        var xAxis = new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = xTitle ?? "" } };
        if (logX) xAxis["type"] = "log";
        layout.SetProperty("xaxis", xAxis);
        layout.SetProperty("yaxis", new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = yTitle } });
        if (barmode is not null) layout.SetProperty("barmode", barmode);
        return GenericChart.setLayout(layout, chart);
    }
}
