using System.Reflection;
using System.Text.RegularExpressions;

namespace DebiasKit.Reporting;

/// <summary>
/// The plotly.js bundle that Plotly.NET carries as an embedded resource. Charts are drawn with this copy, never
/// with a CDN, so that they render offline in VS Code, in Jupyter, in executed notebooks and in the run report.
/// </summary>
public static partial class PlotlyJs
{
    private static readonly Lazy<(string Version, string Source)> bundle = new(Load);

    /// <summary>The plotly.js version, for example "2.28.0".</summary>
    public static string Version => bundle.Value.Version;

    /// <summary>The minified plotly.js source.</summary>
    public static string Source => bundle.Value.Source;

    /// <summary>
    /// A script element that defines window.Plotly once per page. The bundle runs with AMD and CommonJS hidden,
    /// because under Jupyter's require.js it would otherwise register as a module and leave window.Plotly unset.
    /// </summary>
    public static string ScriptElement() =>
        "<script type=\"text/javascript\">if (!window.Plotly) { (function () { var define, module, exports;\n"
        + Source + "\n})(); }</script>";

    private static (string, string) Load()
    {
        Assembly plotly = typeof(Plotly.NET.GenericChart).Assembly;
        foreach (var name in plotly.GetManifestResourceNames())
        {
            var match = BundleName().Match(name);
            if (!match.Success) continue;
            using var stream = plotly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            return (match.Groups[1].Value, reader.ReadToEnd());
        }
        throw new InvalidOperationException($"Plotly.NET {plotly.GetName().Version} carries no embedded plotly.js bundle.");
    }

    [GeneratedRegex(@"plotly-(\d+\.\d+\.\d+)\.min\.js$")]
    private static partial Regex BundleName();
}
