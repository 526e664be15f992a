using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Kalkan.Documents;

/// <summary>
/// A <see cref="Document"/> as one self-contained HTML page: no script, no image, no font or
/// style sheet from anywhere, its own CSP in a meta tag (so a saved copy opened from a lawyer's
/// disk fetches nothing either), and print rules for A4. The style block is allowed by its hash,
/// which the server's answer also names, instead of opening 'unsafe-inline'.
/// </summary>
public static class DocumentHtml
{
    const string Style =
        "body{font:11pt/1.45 system-ui,'Noto Sans','DejaVu Sans',sans-serif;color:#111;margin:2em auto;max-width:50em;padding:0 1em}" +
        "h1{font-size:18pt;margin:0 0 .2em}h2{font-size:13pt;border-bottom:1px solid #999;margin:1.6em 0 .5em;break-after:avoid}" +
        "h3{font-size:11pt;margin:1.2em 0 .3em;break-after:avoid}.subtitle{color:#444;margin:0 0 1em}" +
        "dl{display:grid;grid-template-columns:minmax(9em,max-content) 1fr;gap:.2em 1em;margin:.4em 0}dt{font-weight:600}dd{margin:0;white-space:pre-wrap}" +
        "table{border-collapse:collapse;width:100%;font-size:9pt;margin:.4em 0}th,td{border:1px solid #bbb;padding:.2em .4em;text-align:left;vertical-align:top}" +
        "th{background:#eee}tr{break-inside:avoid}.code{font-family:'DejaVu Sans Mono',monospace;font-size:8pt;word-break:break-all}" +
        "p{white-space:pre-wrap}footer{margin-top:2em;border-top:1px solid #999;color:#444;font-size:9pt}" +
        "@page{size:A4;margin:16mm}@media print{body{margin:0;max-width:none}}";

    /// <summary>The CSP source that admits exactly this document's style block.</summary>
    public static readonly string StyleSource = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'";

    /// <summary>What the page may load: nothing but its own style block.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src {StyleSource}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(Document document)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"").Append(Text(document.Language)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(Text(ContentSecurityPolicy)).Append("\">")
            .Append("<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Text(document.Title)).Append("</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<h1>").Append(Text(document.Title)).Append("</h1>");
        if (document.Subtitle is { } subtitle) html.Append("<p class=\"subtitle\">").Append(Text(subtitle)).Append("</p>");
        foreach (var section in document.Sections)
        {
            html.Append("<section><h2>").Append(Text(section.Heading)).Append("</h2>");
            foreach (var block in section.Blocks) Append(html, block);
            html.Append("</section>");
        }
        if (document.Footer is { } footer) html.Append("<footer><p>").Append(Text(footer)).Append("</p></footer>");
        return html.Append("</body></html>").ToString();
    }

    static void Append(StringBuilder html, Block block)
    {
        switch (block)
        {
            case Paragraph p:
                html.Append("<p>").Append(Text(p.Text)).Append("</p>");
                break;
            case Subheading h:
                html.Append("<h3>").Append(Text(h.Text)).Append("</h3>");
                break;
            case Facts facts:
                html.Append("<dl>");
                foreach (var fact in facts.Items)
                    html.Append("<dt>").Append(Text(fact.Term)).Append("</dt><dd").Append(fact.Code ? " class=\"code\">" : ">").Append(Text(fact.Value)).Append("</dd>");
                html.Append("</dl>");
                break;
            case Table table:
                html.Append("<table><thead><tr>");
                foreach (var head in table.Header) html.Append("<th>").Append(Text(head)).Append("</th>");
                html.Append("</tr></thead><tbody>");
                foreach (var row in table.Rows)
                {
                    html.Append("<tr>");
                    for (var i = 0; i < row.Count; i++)
                        html.Append(table.CodeColumns.Contains(i) ? "<td class=\"code\">" : "<td>").Append(Text(row[i])).Append("</td>");
                    html.Append("</tr>");
                }
                html.Append("</tbody></table>");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "A block this renderer does not know.");
        }
    }

    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Markup characters escaped; every script kept as itself, so a Burmese dossier stays readable as a file.</summary>
    static string Text(string value) => Encoder.Encode(value);
}
