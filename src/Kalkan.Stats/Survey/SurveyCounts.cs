namespace Kalkan.Stats.Survey;

/// <summary>
/// Everything the analysis needs from a survey: a 2x2 table per outcome and stratum. No row-level
/// data is kept, which is also what lets the published analysis hold nothing about a person.
/// </summary>
public sealed class SurveyCounts(string exposure, string? strataColumn, IReadOnlyList<string> outcomes,
    IReadOnlyList<string> strata, long[] cells, long respondents, long leftOut)
{
    public string Exposure => exposure;
    public string? StrataColumn => strataColumn;
    public IReadOnlyList<string> Outcomes => outcomes;

    /// <summary>The strata in the order they first appear in the file.</summary>
    public IReadOnlyList<string> Strata => strata;

    /// <summary>Rows with the exposure and the stratum answered.</summary>
    public long Respondents => respondents;

    /// <summary>Rows left out of every outcome because the exposure or the stratum is blank.</summary>
    public long LeftOut => leftOut;

    public TwoByTwo Table(int stratum, int outcome)
    {
        int at = (stratum * outcomes.Count + outcome) * 4;
        return new TwoByTwo(cells[at], cells[at + 1], cells[at + 2], cells[at + 3]);
    }
}
