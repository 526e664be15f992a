using Kalkan.Stats.Survey;

namespace Kalkan.Stats;

/// <summary>What to analyse in a survey export.</summary>
public sealed record AnalysisOptions
{
    /// <summary>The yes/no column that splits respondents into exposed and unexposed.</summary>
    public string Exposure { get; init; } = "defender";

    /// <summary>The column whose values are the strata; null or empty for one stratum.</summary>
    public string? Strata { get; init; } = "country";

    /// <summary>The outcome columns; null for every column but exposure, strata and metadata.</summary>
    public IReadOnlyList<string>? Outcomes { get; init; }

    /// <summary>How cells are read (1/0, yes/no, true/false, plus the researcher's labels).</summary>
    public AnswerCodes Codes { get; init; } = AnswerCodes.Standard;

    /// <summary>The most strata accepted: more means the strata column is probably the wrong one.</summary>
    public int MaxStrata { get; init; } = 1000;
}
