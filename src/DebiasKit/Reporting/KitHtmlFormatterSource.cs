namespace DebiasKit.Reporting;

/// <summary>
/// Marks a type whose notebook display the kit provides. .NET Interactive recognises this attribute by its name
/// (the convention Plotly.NET also uses), so the kit needs no reference to Microsoft.DotNet.Interactive: a second
/// copy of that assembly next to the kit would clash with the kernel's own.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[] PreferredMimeTypes { get; set; } = ["text/html"];
}

/// <summary>The formatters .NET Interactive asks for, by convention (see <see cref="TypeFormatterSourceAttribute"/>).</summary>
internal sealed class KitHtmlFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() => [new HtmlFormatter(), new PlainTextFormatter()];

    /// <summary>Writes <see cref="IHtmlDisplay.ToHtml"/>.</summary>
    internal sealed class HtmlFormatter
    {
        public string MimeType { get; set; } = "text/html";

        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not IHtmlDisplay display) return false;
            writer.Write(display.ToHtml());
            return true;
        }
    }

    /// <summary>Writes ToString(), for front ends that ask for plain text.</summary>
    internal sealed class PlainTextFormatter
    {
        public string MimeType { get; set; } = "text/plain";

        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not IHtmlDisplay) return false;
            writer.Write(instance.ToString());
            return true;
        }
    }
}
