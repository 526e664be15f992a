namespace Kalkan.Stats.Reporting;

/// <summary>
/// Small-cell suppression for what leaves the researchers' hands: every count under 5 is hidden
/// ("&lt;5"), and so is every estimate that rests on one.
/// </summary>
/// <remarks>
/// Flagging alone would not protect anyone: with b, c and d shown, ad/bc gives a back exactly, so
/// the odds ratio, interval and p of a table with a hidden cell are withheld, not just marked.
/// And since the crude table is the sum of the strata, a single hidden cell in a column of strata
/// could be recovered by subtraction; the smallest other count in that column is withheld too
/// (complementary suppression). The hidden counts are zeroed in the published result, so no
/// renderer can leak them. The pooled estimates stay, flagged, because they mix many cells.
/// </remarks>
public static class Publication
{
    public const int Threshold = 5;

    public static AnalysisResult Apply(AnalysisResult result) => result.Published ? result : result with
    {
        Outcomes = [.. result.Outcomes.Select(Apply)],
        Published = true,
    };

    static OutcomeResult Apply(OutcomeResult outcome)
    {
        int[] small = [.. outcome.Strata.Select(t => SmallCells(t.Table))];
        int[] withheld = new int[small.Length];
        int crudeSmall = SmallCells(outcome.Crude.Table);
        for (int cell = 0; cell < 4 && small.Length > 1; cell++)
        {
            int bit = 1 << cell;
            if ((crudeSmall & bit) != 0 || small.Count(s => (s & bit) != 0) != 1) continue;
            int partner = Enumerable.Range(0, small.Length)
                .Where(i => (small[i] & bit) == 0)
                .MinBy(i => outcome.Strata[i].Table[cell]);
            withheld[partner] |= bit;
        }
        var strata = outcome.Strata.Select((t, i) => Hide(t, small[i], withheld[i])).ToList();
        return outcome with
        {
            Strata = strata,
            Crude = Hide(outcome.Crude, crudeSmall, 0),
            PooledRestsOnSmallCounts = strata.Any(t => t.Flagged),
        };
    }

    static int SmallCells(TwoByTwo t)
    {
        int mask = 0;
        for (int cell = 0; cell < 4; cell++) if (t[cell] < Threshold) mask |= 1 << cell;
        return mask;
    }

    static TableResult Hide(TableResult table, int small, int withheld)
    {
        if ((small | withheld) == 0) return table;
        int hidden = small | withheld;
        var t = table.Table;
        var kept = new TwoByTwo(Keep(t.A, 0), Keep(t.B, 1), Keep(t.C, 2), Keep(t.D, 3));
        return table with { Table = kept, OddsRatio = null, FisherP = null, Conditional = null, SmallCells = small, WithheldCells = withheld };

        long Keep(long count, int cell) => (hidden & (1 << cell)) != 0 ? 0 : count;
    }
}
