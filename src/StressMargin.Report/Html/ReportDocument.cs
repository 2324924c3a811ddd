using System.Text;
using Giraffe.ViewEngine;
using Plotly.NET;

namespace StressMargin.Report.Html;

/// <summary>
/// One report page: a header, a table of contents and sections of HTML (tables, notes, plots). Rendered into a single
/// self-contained file by Plotly.NET's document builder with <see cref="PlotlyJSReference.Full"/>, which inlines the
/// plotly.js build shipped inside Plotly.NET (no network at open time), plus the page's own style sheet and script
/// (Assets/report.css, Assets/report.js).
/// </summary>
/// <param name="title">Page title (document title and header).</param>
internal sealed class ReportDocument(string title)
{
    private readonly List<string> _meta = [];
    private readonly List<(string Id, string Title, string Html)> _sections = [];

    /// <summary>Adds a line under the title (what ran, when, on what).</summary>
    /// <param name="line">Plain text.</param>
    public void Meta(string line) => _meta.Add(line);

    /// <summary>Adds a section.</summary>
    /// <param name="id">Anchor id.</param>
    /// <param name="sectionTitle">Heading.</param>
    /// <param name="html">Body HTML (already escaped where it holds data).</param>
    public void Section(string id, string sectionTitle, string html) => _sections.Add((id, sectionTitle, html));

    /// <summary>Renders the page.</summary>
    /// <returns>The HTML document.</returns>
    public string Render()
    {
        var body = new StringBuilder();
        body.Append("<header class=\"report\"><h1>").Append(Format.Escape(title)).Append("</h1>");
        foreach (var m in _meta) body.Append("<p>").Append(Format.Escape(m)).Append("</p>");
        body.Append("</header><nav class=\"toc\">");
        foreach (var (id, t, _) in _sections) body.Append($"<a href=\"#{Format.Escape(id)}\">{Format.Escape(t)}</a>");
        body.Append("</nav><main>");
        foreach (var (id, t, html) in _sections)
            body.Append($"<section class=\"part\" id=\"{Format.Escape(id)}\"><h2>{Format.Escape(t)}</h2>").Append(html).Append("</section>");
        body.Append("</main>");

        var head = Microsoft.FSharp.Collections.ListModule.OfSeq(new[]
        {
            HtmlElements.rawText("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
            HtmlElements.rawText("<style>" + Asset("report.css") + "</style>"),
            HtmlElements.rawText("<script>" + Asset("report.js") + "</script>"),
        });
        var document = HTML.Doc([HtmlElements.rawText(body.ToString())], title, title, "utf-8", HtmlElements.rawText(""), PlotlyJSReference.Full,
            Microsoft.FSharp.Core.FSharpOption<Microsoft.FSharp.Collections.FSharpList<HtmlElements.XmlNode>>.Some(head), null);
        return RenderView.AsString.htmlDocument(document);
    }

    /// <summary>Writes the page to a file (UTF-8, no BOM).</summary>
    /// <param name="path">Destination (a temporary name of an atomic output set).</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Write(string path) => File.WriteAllText(path, Render(), new UTF8Encoding(false));

    private static string Asset(string name)
    {
        using var stream = typeof(ReportDocument).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"report asset {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
