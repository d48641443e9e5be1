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

    /// <summary>
    /// A scatter plot: markers only, one trace per series (for example one point per seed of each arm), with optional
    /// <paramref name="lines"/> drawn as lines with markers on the same axes (for example the means a setting traces out).
    /// </summary>
    public static GenericChart Points(string title, IReadOnlyList<LineSeries> series, string xTitle, string yTitle, IReadOnlyList<LineSeries>? lines = null)
    {
        Guard.NotNull(series, nameof(series));
        if (series.Count == 0) throw new ArgumentException("series must hold at least one series.", nameof(series));
        var traces = series.Select(s =>
        {
            if (s.X.Count != s.Y.Count) throw new ArgumentException($"series '{s.Name}' has {s.X.Count} x values and {s.Y.Count} y values.", nameof(series));
            return PlotlyChart.Point<double, double, string>(s.X, s.Y, Name: s.Name);
        }).ToList();
        foreach (var line in lines ?? [])
        {
            if (line.X.Count != line.Y.Count) throw new ArgumentException($"line '{line.Name}' has {line.X.Count} x values and {line.Y.Count} y values.", nameof(lines));
            traces.Add(PlotlyChart.Line<double, double, string>(line.X, line.Y, ShowMarkers: true, Name: line.Name));
        }
        return Style(PlotlyChart.Combine(traces), title, xTitle, yTitle);
    }

    /// <summary>
    /// A reliability diagram: for each named series (a model), its accuracy against its mean confidence in each
    /// non-empty bin (from <see cref="Metrics.Calibration.ReliabilityBins"/> or <see cref="Metrics.Calibration.EqualMassBins"/>),
    /// with the diagonal of perfect calibration. Points below the diagonal are over-confident.
    /// </summary>
    public static GenericChart Reliability(string title, IReadOnlyList<(string Name, IReadOnlyList<Metrics.ReliabilityBin> Bins)> series)
    {
        Guard.NotNull(series, nameof(series));
        if (series.Count == 0) throw new ArgumentException("series must hold at least one series.", nameof(series));
        var lines = series.Select(s =>
        {
            var filled = s.Bins.Where(b => b.Count > 0).ToArray();
            return new LineSeries(s.Name, filled.Select(b => b.MeanConfidence).ToArray(), filled.Select(b => b.Accuracy).ToArray());
        }).Append(new LineSeries("perfect calibration", [0.0, 1.0], [0.0, 1.0])).ToArray();
        return Lines(title, lines, xTitle: "mean confidence in bin", yTitle: "accuracy in bin");
    }

    /// <summary>
    /// A grey image (values in [0, 1], row 0 at the top) drawn as a heatmap with square pixels: for showing a few
    /// examples of an image data set, e.g. an <c>ImageSet.Montage</c>. Record it with a height that suits its shape,
    /// about 60 + 900 · rows / columns pixels (<see cref="ImageHeight"/>).
    /// </summary>
    public static GenericChart Image(string title, double[,] grey)
    {
        Guard.NotNull(grey, nameof(grey));
        int height = grey.GetLength(0), width = grey.GetLength(1);
        if (height == 0 || width == 0) throw new ArgumentException("grey must have at least one pixel.", nameof(grey));
        // Two decimals are plenty for the eye and keep the figure (which the results file stores) small.
        var z = Enumerable.Range(0, height)
            .Select(y => Enumerable.Range(0, width).Select(x => Math.Round(grey[y, x], 2)).ToArray()).ToArray();
        var trace = new Trace2D("heatmap");
        trace.SetProperty("z", z);
        trace.SetProperty("colorscale", "Greys");
        trace.SetProperty("reversescale", true);
        trace.SetProperty("showscale", false);
        trace.SetProperty("zmin", 0.0);
        trace.SetProperty("zmax", 1.0);
        var chart = GenericChart.ofTraceObject(true, trace);
        var layout = GenericChart.getLayout(chart);
        layout.RemoveProperty("width");
        layout.SetProperty("height", ImageHeight(grey));
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title });
        layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = 10, ["r"] = 10, ["t"] = 40, ["b"] = 10 });
        layout.SetProperty("xaxis", new Dictionary<string, object> { ["visible"] = false, ["scaleanchor"] = "y", ["constrain"] = "domain" });
        layout.SetProperty("yaxis", new Dictionary<string, object> { ["visible"] = false, ["autorange"] = "reversed", ["constrain"] = "domain" });
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>A chart height in pixels that shows a grey image of this shape with square pixels at about 900 pixels wide.</summary>
    public static int ImageHeight(double[,] grey) => Math.Clamp(60 + 900 * grey.GetLength(0) / Math.Max(1, grey.GetLength(1)), 150, 700);

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
