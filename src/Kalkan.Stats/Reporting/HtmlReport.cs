using System.Net;
using System.Text;

namespace Kalkan.Stats.Reporting;

/// <summary>
/// The analysis as a report a researcher can read and publish: a sentence per outcome, its
/// table, a forest plot and the methods. The fragment has no script and no style element, so a
/// page under a strict Content-Security-Policy can embed it; the document adds a small stylesheet
/// for the downloaded file.
/// </summary>
public static class HtmlReport
{
    public static string Fragment(AnalysisResult result, ReportText text)
    {
        var html = new StringBuilder();
        html.Append($"<section class=\"research-report\" lang=\"{text.Culture.Name}\">");
        html.Append($"<h2>{E(text["Title"])}</h2>");
        html.Append($"<p class=\"summary\">{E(text.Format("Summary", text.Count(result.Respondents), result.Strata.Count, text.Count(result.LeftOut)))}</p>");
        if (result.Published) html.Append($"<p class=\"published\">{E(text["Published"])}</p>");
        foreach (var outcome in result.Outcomes) Outcome(html, result, outcome, text);
        html.Append($"<section class=\"methods\"><h3>{E(text["Methods_Title"])}</h3>");
        html.Append($"<p>{E(text.Format("Methods_Body", result.Exposure, result.StrataColumn ?? "—"))}</p>");
        html.Append($"<p class=\"r-calls\">{E(text["Methods_R"])}</p>");
        if (result.Published) html.Append($"<p>{E(text["Methods_Published"])}</p>");
        return html.Append("</section></section>").ToString();
    }

    public static string Document(AnalysisResult result, ReportText text) =>
        $"<!DOCTYPE html><html lang=\"{text.Culture.Name}\"><head><meta charset=\"utf-8\"><title>{E(text["Title"])}</title>" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>" +
        "body{font-family:sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.4}" +
        "table{border-collapse:collapse;margin:.5rem 0}th,td{border-bottom:1px solid #ccc;padding:.25rem .6rem;text-align:right}" +
        "th:first-child{text-align:left}.finding{font-size:1.1rem}.note{font-size:.9rem;color:#555}svg{max-width:100%;height:auto}" +
        $"</style></head><body>{Fragment(result, text)}</body></html>";

    static void Outcome(StringBuilder html, AnalysisResult result, OutcomeResult outcome, ReportText text)
    {
        string name = text.Outcome(outcome.Outcome);
        html.Append($"<section class=\"outcome\" id=\"outcome-{E(outcome.Outcome)}\"><h3>{E(Capitalised(name, text))}</h3>");
        html.Append($"<p class=\"finding\">{E(Finding(result, outcome, name, text))}</p>");
        Table(html, result, outcome, text);
        var rows = outcome.Strata.Select(t => Forest(t.Stratum!, t))
            .Append(Forest(text["Row_Crude"], outcome.Crude))
            .Append(new ForestRow(text["Row_Pooled"], outcome.MantelHaenszel.OddsRatio, outcome.MantelHaenszel.Low, outcome.MantelHaenszel.High, true))
            .ToList();
        string title = text.Format("PlotTitle", name);
        html.Append($"<figure>{ForestPlot.Svg(rows, title, text)}<figcaption>{E(title)}</figcaption></figure></section>");
    }

    /// <summary>"Defenders had 3.4 times the odds of arrest (95% CI 2.8 to 4.2)." The pooled
    /// estimate when there are strata, the crude one otherwise.</summary>
    public static string Finding(AnalysisResult result, OutcomeResult outcome, string name, ReportText text)
    {
        var mh = outcome.MantelHaenszel;
        (double? or, double? low, double? high) = result.Strata.Count > 1
            ? (mh.OddsRatio, mh.Low, mh.High)
            : (outcome.Crude.OddsRatio?.Estimate, outcome.Crude.OddsRatio?.Low, outcome.Crude.OddsRatio?.High);
        string key = result.Exposure == "defender" ? "Finding_defender" : "Finding_other";
        string sentence = or is { } x && low is { } l && high is { } h
            ? text.Format(key, text.Ratio(x), name, text.Ratio(l), text.Ratio(h), result.Exposure)
            : text.Format("Finding_none", "", name);
        return outcome.PooledRestsOnSmallCounts ? sentence + " " + text["Finding_flag"] : sentence;
    }

    static void Table(StringBuilder html, AnalysisResult result, OutcomeResult outcome, ReportText text)
    {
        bool defender = result.Exposure == "defender";
        string exposed = defender ? text["Exposed_defender"] : text.Format("Exposed_other", result.Exposure);
        string unexposed = defender ? text["Unexposed_defender"] : text.Format("Unexposed_other", result.Exposure);
        html.Append("<table class=\"analysis\"><thead><tr>");
        html.Append($"<th rowspan=\"2\" scope=\"col\">{E(text["Col_Stratum"])}</th><th colspan=\"2\" scope=\"colgroup\">{E(exposed)}</th>");
        html.Append($"<th colspan=\"2\" scope=\"colgroup\">{E(unexposed)}</th><th rowspan=\"2\" scope=\"col\">{E(text["Col_OddsRatio"])}</th>");
        html.Append($"<th rowspan=\"2\" scope=\"col\">{E(text["Col_FisherP"])}</th></tr><tr>");
        for (int i = 0; i < 2; i++) html.Append($"<th scope=\"col\">{E(text["With"])}</th><th scope=\"col\">{E(text["Without"])}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var table in outcome.Strata) Row(html, table.Stratum!, table, text);
        Row(html, text["Row_Crude"], outcome.Crude, text);
        html.Append("</tbody><tfoot>");

        var mh = outcome.MantelHaenszel;
        string pooled = mh.OddsRatio is { } or ? text.Ratio(or) + (mh.Low is { } l && mh.High is { } h ? $" ({text.Ratio(l)}–{text.Ratio(h)})" : "") : text["NotEstimable"];
        string mhTest = mh.ChiSquared is { } chi ? text.Format("Test_Pooled", text.Statistic(chi), text.P(mh.P)) : text["NotComputable"];
        html.Append($"<tr><th scope=\"row\">{E(text["Row_Pooled"])}</th><td colspan=\"4\"></td><td>{E(pooled)}</td><td>{E(mhTest)}</td></tr>");
        var bd = outcome.BreslowDay;
        string bdTest = bd.ChiSquared is { } x ? text.Format("Test_Homogeneity", text.Statistic(x), bd.Df, text.P(bd.P)) : text["NotComputable"];
        html.Append($"<tr><th scope=\"row\">{E(text["Row_Homogeneity"])}</th><td colspan=\"6\">{E(bdTest)}</td></tr>");
        html.Append("</tfoot></table>");
        if (outcome.Strata.Append(outcome.Crude).Any(t => t.OddsRatio?.Corrected == true))
            html.Append($"<p class=\"note\">{E(text["CorrectedNote"])}</p>");
    }

    static void Row(StringBuilder html, string label, TableResult table, ReportText text)
    {
        html.Append($"<tr><th scope=\"row\">{E(label)}</th>");
        for (int cell = 0; cell < 4; cell++)
            html.Append("<td>").Append(E(table.IsHidden(cell) ? Hidden(table, cell, text) : text.Count(table.Table[cell]))).Append("</td>");
        string or = table.OddsRatio is { } o
            ? $"{text.Ratio(o.Estimate)} ({text.Ratio(o.Low)}–{text.Ratio(o.High)}){(o.Corrected ? " *" : "")}"
            : table.Flagged ? text["Withheld"] : text["NotEstimable"];
        html.Append($"<td>{E(or)}</td><td>{E(table.FisherP is null ? "" : text.P(table.FisherP))}</td></tr>");
    }

    static string Hidden(TableResult table, int cell, ReportText text) =>
        Cells.Hidden(table, cell) == Cells.UnderFive ? Cells.UnderFive : text["Withheld"];

    static ForestRow Forest(string label, TableResult table) =>
        new(label, table.OddsRatio?.Estimate, table.OddsRatio?.Low, table.OddsRatio?.High, false);

    static string Capitalised(string s, ReportText text) => s.Length == 0 ? s : char.ToUpper(s[0], text.Culture) + s[1..];

    static string E(string s) => WebUtility.HtmlEncode(s);
}
