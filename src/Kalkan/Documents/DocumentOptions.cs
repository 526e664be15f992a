namespace Kalkan.Documents;

public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>The Chromium that prints PDFs; when it is not there, documents are HTML only.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>How long one print may take, start of the browser included, before it is killed.</summary>
    public TimeSpan PrintTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
