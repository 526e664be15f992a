using System.Globalization;
using System.Text;

namespace Kalkan.Stats.Reporting;

/// <summary>
/// The analysis as a tidy table: one row per outcome and level (each stratum, crude,
/// Mantel-Haenszel, Breslow-Day), with the JSON's column names.
/// </summary>
public static class CsvReport
{
    const string Header = "outcome,level,stratum,a,b,c,d,oddsRatio,ciLow,ciHigh,corrected,fisherP,chiSquared,p,df,mleOddsRatio,mleCiLow,mleCiHigh,chiSquaredCorrected,pCorrected,note";

    public static string ToCsv(AnalysisResult result)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var outcome in result.Outcomes)
        {
            foreach (var table in outcome.Strata) Table(csv, outcome.Outcome, "stratum", table);
            Table(csv, outcome.Outcome, "crude", outcome.Crude);
            var mh = outcome.MantelHaenszel;
            string pooledNote = outcome.PooledRestsOnSmallCounts ? "rests on counts under 5" : "";
            Row(csv, outcome.Outcome, "mantelHaenszel", "", ["", "", "", ""], Number(mh.OddsRatio), Number(mh.Low), Number(mh.High), "",
                "", Number(mh.ChiSquared), Number(mh.P), "1", ["", "", "", Number(mh.Corrected?.ChiSquared), Number(mh.Corrected?.P)], pooledNote);
            var bd = outcome.BreslowDay;
            Row(csv, outcome.Outcome, "breslowDay", "", ["", "", "", ""], "", "", "", "",
                "", Number(bd.ChiSquared), Number(bd.P), bd.Df.ToString(CultureInfo.InvariantCulture), ["", "", "", "", ""], pooledNote);
        }
        return csv.ToString();
    }

    static void Table(StringBuilder csv, string outcome, string level, TableResult table)
    {
        string note = table.Flagged ? "withheld: rests on counts under 5"
            : table.NotEstimableReason is { } reason ? "not estimable: " + reason : "";
        string corrected = table.OddsRatio is { } or ? (or.Corrected ? "true" : "false") : "";
        Row(csv, outcome, level, table.Stratum ?? "", [.. Enumerable.Range(0, 4).Select(cell => Cells.Show(table, cell))],
            Number(table.OddsRatio?.Estimate), Number(table.OddsRatio?.Low), Number(table.OddsRatio?.High), corrected,
            Number(table.FisherP), "", "", "", [Number(table.Conditional?.Estimate), Number(table.Conditional?.Low), Number(table.Conditional?.High), "", ""], note);
    }

    static void Row(StringBuilder csv, string outcome, string level, string stratum, string[] counts, string or, string low,
        string high, string corrected, string fisherP, string chiSquared, string p, string df, string[] rDefaults, string note)
    {
        string[] fields = [Text(outcome), level, Text(stratum), .. counts, or, low, high, corrected, fisherP, chiSquared, p, df, .. rDefaults, note];
        csv.AppendJoin(',', fields).Append('\n');
    }

    static string Number(double? x) => x is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    static string Number(Probability? p) => p is { } v ? v.ToInvariantString() : "";

    /// <summary>Quotes where CSV needs it, and defuses text a spreadsheet would run as a formula
    /// (outcome and stratum names come from the uploaded file).</summary>
    internal static string Text(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
