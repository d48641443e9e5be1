using System.Net;
using System.Text;

namespace DebiasKit.Reporting;

/// <summary>The claim checks of a notebook and its verdict, as shown at the end of the notebook.</summary>
[TypeFormatterSource(typeof(KitHtmlFormatterSource))]
public sealed record ReportSummary(string PaperId, string Title, string Profile, IReadOnlyList<ClaimCheck> Claims, Verdict Verdict) : IHtmlDisplay
{
    /// <inheritdoc />
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<div class=\"debiaskit-summary\"><p><b>").Append(WebUtility.HtmlEncode($"{PaperId} · verdict at the {Profile} profile: {Verdict.Text()}"))
            .Append("</b></p><ul>");
        foreach (var claim in Claims)
        {
            string colour = claim.Passed ? "#1a7f37" : "#b3261e";
            html.Append("<li><span style=\"color:").Append(colour).Append(";font-weight:bold\">")
                .Append(claim.Passed ? "pass" : "fail").Append("</span> ")
                .Append(WebUtility.HtmlEncode(claim.Describe())).Append("</li>");
        }
        return html.Append("</ul></div>").ToString();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder($"{PaperId} · verdict at the {Profile} profile: {Verdict.Text()}");
        foreach (var claim in Claims) text.AppendLine().Append("  ").Append(claim);
        return text.ToString();
    }
}
