using System.Runtime.InteropServices;
using TorchSharp;

namespace DebiasKit.Reporting;

/// <summary>The versions and platform a results file records as provenance (the runner adds git, CPU and dates).</summary>
internal static class KitEnvironment
{
    public static SortedDictionary<string, string> Describe() => new(StringComparer.Ordinal)
    {
        ["debiaskit"] = Kit.Version,
        ["TorchSharp"] = Kit.PackageVersion(typeof(torch).Assembly),
        ["libtorch"] = torch.__version__,
        ["MathNet.Numerics"] = Kit.PackageVersion(typeof(MathNet.Numerics.Control).Assembly),
        ["Microsoft.Data.Analysis"] = Kit.PackageVersion(typeof(Microsoft.Data.Analysis.DataFrame).Assembly),
        ["Plotly.NET"] = Kit.PackageVersion(typeof(Plotly.NET.GenericChart).Assembly),
        ["plotly.js"] = PlotlyJs.Version,
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["os"] = RuntimeInformation.OSDescription,
        ["architecture"] = RuntimeInformation.ProcessArchitecture.ToString(),
    };
}
