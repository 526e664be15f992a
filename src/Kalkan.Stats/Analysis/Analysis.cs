using Kalkan.Stats.Survey;

namespace Kalkan.Stats;

/// <summary>The research analysis: odds ratios by stratum and pooled, for each outcome.</summary>
public static class Analysis
{
    public static async Task<AnalysisResult> RunAsync(Stream csv, AnalysisOptions options, CancellationToken cancellationToken = default) =>
        Compute(await SurveyReader.ReadAsync(csv, options, cancellationToken));

    public static AnalysisResult Compute(SurveyCounts counts)
    {
        int[] order = StrataOrder.Arrange(counts.Strata);
        var strata = order.Select(s => counts.Strata[s]).ToList();
        var outcomes = new OutcomeResult[counts.Outcomes.Count];
        // Outcomes are independent; with a dozen of them the cores share the Fisher tests.
        Parallel.For(0, outcomes.Length, o =>
        {
            var tables = order.Select(s => counts.Table(s, o)).ToList();
            outcomes[o] = Outcome(counts.Outcomes[o], strata, tables);
        });
        return new AnalysisResult(counts.Exposure, counts.StrataColumn, strata, outcomes, counts.Respondents, counts.LeftOut);
    }

    public static OutcomeResult Outcome(string outcome, IReadOnlyList<string> strata, IReadOnlyList<TwoByTwo> tables)
    {
        var crude = tables.Aggregate(default(TwoByTwo), (sum, t) => sum + t);
        var mantelHaenszel = MantelHaenszel.Compute(tables);
        return new OutcomeResult(
            outcome,
            [.. tables.Select((t, i) => Table(strata[i], t))],
            Table(null, crude),
            mantelHaenszel,
            BreslowDay.Compute(tables, mantelHaenszel.OddsRatio));
    }

    public static TableResult Table(string? stratum, TwoByTwo table) =>
        new(stratum, table, table.IsEstimable ? OddsRatio.Woolf(table) : null, FisherExact.TwoSided(table))
        {
            Conditional = table.IsEstimable ? ConditionalOddsRatio.Compute(table) : null,
        };
}
