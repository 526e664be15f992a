using System.Globalization;
using System.Resources;

namespace Kalkan.Stats.Reporting;

/// <summary>The report's words and numbers in one language (English, Russian, Kyrgyz, Spanish).</summary>
public sealed class ReportText
{
    static readonly ResourceManager Resources = new("Kalkan.Stats.Reporting.ReportText", typeof(ReportText).Assembly);

    public static readonly IReadOnlyList<string> Languages = ["en", "ru", "ky", "es"];

    ReportText(CultureInfo culture) => Culture = culture;

    public CultureInfo Culture { get; }

    /// <summary>The text for a language code; English for anything not translated.</summary>
    public static ReportText For(string? language) =>
        new(CultureInfo.GetCultureInfo(language is not null && Languages.Contains(language) ? language : "en"));

    public string this[string key] => Resources.GetString(key, Culture) ?? key;

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>A known violation code in words ("home_raid" → "a home raid"), else the column name.</summary>
    public string Outcome(string column) => Resources.GetString("Outcome_" + column, Culture) ?? column.Replace('_', ' ');

    /// <summary>An odds ratio to two significant digits or so: 12, 3.4, 0.63.</summary>
    public string Ratio(double x)
    {
        string format = x >= 9.95 ? "0" : x >= 0.995 ? "0.0" : x >= 0.0995 ? "0.00" : "0.###";
        string text = x.ToString(format, Culture);
        return text.Trim('0', '.', ',').Length == 0 && x > 0 ? x.ToString("G2", Culture) : text;
    }

    /// <summary>"= 0.022" or "&lt; 0.001", as reports give p-values.</summary>
    public string P(Probability? p) => p is not { } value ? "" :
        value.Value < 0.001 ? "< " + 0.001.ToString("0.000", Culture)
        : "= " + value.Value.ToString(value.Value >= 0.095 ? "0.00" : "0.000", Culture);

    public string Statistic(double x) => x.ToString(x >= 100 ? "0" : "0.00", Culture);

    public string Count(long n) => n.ToString("N0", Culture);
}
