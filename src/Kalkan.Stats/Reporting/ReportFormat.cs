namespace Kalkan.Stats.Reporting;

/// <summary>The three ways out of an analysis, chosen by name (--format, ?format=).</summary>
public static class ReportFormat
{
    public const string Json = "json", Csv = "csv", Html = "html";

    public static readonly IReadOnlyList<string> All = [Json, Csv, Html];

    public static string ContentType(string format) => format switch
    {
        Csv => "text/csv; charset=utf-8",
        Html => "text/html; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };

    public static string FileExtension(string format) => All.Contains(format) ? format : Json;

    /// <summary>The report as text; HTML as a whole document, as a downloaded file needs.</summary>
    public static string Render(AnalysisResult result, string format, ReportText text) => format switch
    {
        Csv => CsvReport.ToCsv(result),
        Html => HtmlReport.Document(result, text),
        _ => JsonReport.ToJson(result),
    };
}
