using System.Net;
using DebiasKit.Reporting;
using TorchSharp;

namespace DebiasKit;

/// <summary>What <see cref="Kit.Setup"/> reports: versions, threads and the device "auto" resolves to.</summary>
[TypeFormatterSource(typeof(KitHtmlFormatterSource))]
public sealed record KitInfo(string KitVersion, string TorchSharpVersion, string LibTorchVersion, int Threads,
    string AutoDevice, string PlotlyJsVersion) : IHtmlDisplay
{
    internal static KitInfo Describe() => new(
        Kit.Version,
        Kit.PackageVersion(typeof(torch).Assembly),
        torch.__version__,
        torch.get_num_threads(),
        Kit.ResolveDevice("auto").type == DeviceType.CUDA ? "cuda" : "cpu",
        PlotlyJs.Version);

    /// <summary>The banner line, followed by the plotly.js bundle that later charts draw with.</summary>
    public string ToHtml() =>
        $"<div class=\"debiaskit-banner\" style=\"font-family:monospace\">{WebUtility.HtmlEncode(ToString())}</div>"
        + PlotlyJs.ScriptElement();

    /// <inheritdoc />
    public override string ToString() =>
        $"DebiasKit {KitVersion} · TorchSharp {TorchSharpVersion} (libtorch {LibTorchVersion}) · {Threads} torch thread{(Threads == 1 ? "" : "s")} · auto device: {AutoDevice} · plotly.js {PlotlyJsVersion} (offline)";
}
