namespace DebiasKit.Reporting;

/// <summary>A kit object that a notebook shows as HTML (and as its ToString() where HTML is not wanted).</summary>
public interface IHtmlDisplay
{
    /// <summary>A self-contained HTML fragment (no external resources).</summary>
    string ToHtml();
}
