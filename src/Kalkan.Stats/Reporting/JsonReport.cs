using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kalkan.Stats.Reporting;

/// <summary>
/// The analysis as JSON, in the shape of shared/oracle/*.expected.json. What cannot be estimated
/// is null, never NaN or Infinity. A p-value below the double range is written from its
/// logarithm (e.g. 4.1e-1234), still a JSON number but one most readers turn into 0, so a field
/// named after it with "Log10" (e.g. "fisherPLog10": -1233.387) stands beside it then.
/// </summary>
public static class JsonReport
{
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(AnalysisResult result, Stream output)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteStartArray("strata");
        foreach (string stratum in result.Strata) json.WriteStringValue(stratum);
        json.WriteEndArray();
        json.WriteStartArray("outcomes");
        foreach (var outcome in result.Outcomes) WriteOutcome(json, outcome);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string ToJson(AnalysisResult result)
    {
        using var buffer = new MemoryStream();
        Write(result, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    static void WriteOutcome(Utf8JsonWriter json, OutcomeResult outcome)
    {
        json.WriteStartObject();
        json.WriteString("outcome", outcome.Outcome);
        json.WriteStartArray("strata");
        foreach (var table in outcome.Strata) WriteTable(json, table);
        json.WriteEndArray();
        json.WritePropertyName("crude");
        WriteTable(json, outcome.Crude);

        var mh = outcome.MantelHaenszel;
        json.WriteStartObject("mantelHaenszel");
        Number(json, "oddsRatio", mh.OddsRatio);
        Number(json, "ciLow", mh.Low);
        Number(json, "ciHigh", mh.High);
        Number(json, "chiSquared", mh.ChiSquared);
        Number(json, "p", mh.P);
        Number(json, "chiSquaredCorrected", mh.Corrected?.ChiSquared);
        Number(json, "pCorrected", mh.Corrected?.P);
        if (outcome.PooledRestsOnSmallCounts) json.WriteBoolean("flagged", true);
        json.WriteEndObject();

        var bd = outcome.BreslowDay;
        json.WriteStartObject("breslowDay");
        Number(json, "chiSquared", bd.ChiSquared);
        Number(json, "p", bd.P);
        json.WriteNumber("df", bd.Df);
        if (outcome.PooledRestsOnSmallCounts) json.WriteBoolean("flagged", true);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    static void WriteTable(Utf8JsonWriter json, TableResult table)
    {
        json.WriteStartObject();
        if (table.Stratum is not null) json.WriteString("stratum", table.Stratum);
        string[] names = ["a", "b", "c", "d"];
        for (int cell = 0; cell < 4; cell++)
        {
            if (table.IsHidden(cell)) json.WriteString(names[cell], Cells.Hidden(table, cell));
            else json.WriteNumber(names[cell], table.Table[cell]);
        }
        Number(json, "oddsRatio", table.OddsRatio?.Estimate);
        Number(json, "ciLow", table.OddsRatio?.Low);
        Number(json, "ciHigh", table.OddsRatio?.High);
        json.WriteBoolean("corrected", table.OddsRatio?.Corrected ?? false);
        Number(json, "fisherP", table.FisherP);
        Number(json, "mleOddsRatio", table.Conditional?.Estimate);
        Number(json, "mleCiLow", table.Conditional?.Low);
        Number(json, "mleCiHigh", table.Conditional?.High);
        if (table.NotEstimableReason is { } reason) json.WriteString("notEstimable", reason);
        if (table.Flagged) json.WriteBoolean("flagged", true);
        json.WriteEndObject();
    }

    static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } x && double.IsFinite(x)) json.WriteNumber(name, x);
        else json.WriteNull(name);
    }

    static void Number(Utf8JsonWriter json, string name, Probability? p)
    {
        json.WritePropertyName(name);
        if (p is not { } value || double.IsNaN(value.Log)) json.WriteNullValue();
        else if (value.FitsInDouble) json.WriteNumberValue(value.Value);
        else
        {
            json.WriteRawValue(value.ToInvariantString());
            json.WriteNumber(name + "Log10", Math.Round(value.Log10, 6));
        }
    }
}
