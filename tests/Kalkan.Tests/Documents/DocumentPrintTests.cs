using Kalkan.Documents;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kalkan.Tests.Documents;

/// <summary>The printable-document piece alone: what any dossier (an incident's now, a case's later) is made of.</summary>
public class DocumentPrintTests
{
    static Document Sample(string words) => new("Dossier for counsel", "en",
    [
        new Section("Facts", [new Facts([new Fact("Pseudonym", words), new Fact("SHA-256", new string('a', 64), Code: true)])]),
        new Section("Narrative", [new Paragraph("<script>alert(1)</script><img src=http://example.org/x.png> and " + words)]),
        new Section("Table", [new Table(["#", "hash"], [["1", "b0b0"]]) { CodeColumns = new HashSet<int> { 1 } }]),
    ]) { Subtitle = "made for a test", Footer = "end" };

    [Fact]
    public void The_HTML_escapes_every_word_and_may_load_nothing_but_its_own_style()
    {
        var html = DocumentHtml.Render(Sample("Айзада"));
        Assert.StartsWith("<!DOCTYPE html><html lang=\"en\">", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("Айзада", html); // kept as itself, not as entities
        Assert.Contains("http-equiv=\"Content-Security-Policy\" content=\"default-src &#x27;none&#x27;; style-src &#x27;sha256-", html);
        Assert.DoesNotContain("unsafe-inline", html);
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", DocumentHtml.ContentSecurityPolicy);
    }

    [Fact]
    public async Task Chromium_prints_the_document_to_a_PDF_holding_its_words_and_leaves_nothing_in_the_data_folder()
    {
        var data = Path.Combine(Path.GetTempPath(), "kalkan-print-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            var printer = new PdfPrinter(Options.Create(new DocumentOptions()), Options.Create(new StoreOptions { DataDir = data }), NullLogger<PdfPrinter>.Instance);
            Assert.True(printer.Available, "/usr/bin/chromium is missing: apt-get install chromium");
            var printed = await printer.PrintAsync(DocumentHtml.Render(Sample("Zawadi7731")), CancellationToken.None);

            Assert.Equal(PrintOutcome.Printed, printed.Outcome);
            Assert.Equal("%PDF", Encoding.ASCII.GetString(printed.Pdf!, 0, 4));
            var text = PdfText.Extract(printed.Pdf!);
            Assert.Contains("Zawadi7731", text);
            Assert.Contains("Dossier for counsel", text);
            Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(data, "*", SearchOption.AllDirectories), p => !Directory.Exists(p));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Without_Chromium_the_printer_says_it_is_unavailable_instead_of_failing()
    {
        var printer = new PdfPrinter(Options.Create(new DocumentOptions { ChromiumPath = "/nonexistent/chromium" }),
            Options.Create(new StoreOptions { DataDir = Path.GetTempPath() }), NullLogger<PdfPrinter>.Instance);
        var printed = await printer.PrintAsync(DocumentHtml.Render(Sample("x")), CancellationToken.None);
        Assert.Equal(PrintOutcome.Unavailable, printed.Outcome);
        Assert.Null(printed.Pdf);
    }
}
