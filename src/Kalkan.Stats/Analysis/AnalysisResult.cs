namespace Kalkan.Stats;

/// <summary>The analysis of a survey: per outcome, the tables and the pooled estimates.</summary>
public sealed record AnalysisResult(
    string Exposure,
    string? StrataColumn,
    IReadOnlyList<string> Strata,
    IReadOnlyList<OutcomeResult> Outcomes,
    long Respondents,
    long LeftOut)
{
    /// <summary>True once small counts are suppressed for publication (see Publication).</summary>
    public bool Published { get; init; }
}

public sealed record OutcomeResult(
    string Outcome,
    IReadOnlyList<TableResult> Strata,
    TableResult Crude,
    MantelHaenszelResult MantelHaenszel,
    BreslowDayResult BreslowDay)
{
    /// <summary>Published only: the pooled estimates rest on a stratum with counts under 5.</summary>
    public bool PooledRestsOnSmallCounts { get; init; }
}

/// <summary>One 2x2 table and its estimates; <see cref="OddsRatio"/> is null when the table
/// cannot give one (an exposure group without respondents) or it is withheld for publication.</summary>
public sealed record TableResult(string? Stratum, TwoByTwo Table, OddsRatio? OddsRatio, Probability? FisherP)
{
    /// <summary>fisher.test's conditional MLE and exact interval; null where <see cref="OddsRatio"/>
    /// is (not estimable, or withheld).</summary>
    public ConditionalOddsRatio? Conditional { get; init; }

    /// <summary>Published only: which cells (bit 0 = a ... bit 3 = d) are under 5 and hidden.</summary>
    public int SmallCells { get; init; }

    /// <summary>Published only: cells of 5 or more hidden so that the small ones cannot be worked
    /// out from the crude total by subtraction.</summary>
    public int WithheldCells { get; init; }

    public bool IsHidden(int cell) => ((SmallCells | WithheldCells) & (1 << cell)) != 0;

    /// <summary>Published only: the estimates rest on hidden counts and are withheld.</summary>
    public bool Flagged => (SmallCells | WithheldCells) != 0;

    public string? NotEstimableReason => OddsRatio is null && !Flagged && !Table.IsEstimable
        ? Table.Exposed == 0 ? "no exposed respondent" : "no unexposed respondent"
        : null;
}
