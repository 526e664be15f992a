namespace Kalkan.Stats;

/// <summary>The Breslow-Day test that the odds ratio is the same in every stratum.</summary>
/// <param name="ChiSquared">Null when a stratum leaves the test undefined (a zero margin).</param>
public sealed record BreslowDayResult(double? ChiSquared, Probability? P, int Df);

public static class BreslowDay
{
    /// <summary>
    /// Σ (a - A)² / Var(A), A the expected count in each stratum under the common (Mantel-Haenszel)
    /// odds ratio, df = K - 1. Without Tarone's correction, as the reference analysis.
    /// </summary>
    /// <remarks>
    /// A stratum with a zero margin has a degenerate expected table (variance 0), which makes the
    /// statistic undefined; the reference reports NA then, and so does this (null), keeping df.
    /// </remarks>
    public static BreslowDayResult Compute(IReadOnlyList<TwoByTwo> strata, double? commonOddsRatio)
    {
        int df = strata.Count - 1;
        if (df < 1 || commonOddsRatio is not { } psi || !(psi > 0) || double.IsInfinity(psi))
            return new BreslowDayResult(null, null, Math.Max(df, 0));

        double statistic = 0;
        foreach (var t in strata)
        {
            if (t.Exposed == 0 || t.Unexposed == 0 || t.WithOutcome == 0 || t.WithoutOutcome == 0)
                return new BreslowDayResult(null, null, df);
            double expected = ExpectedA(t, psi);
            double m1 = t.Exposed, n1 = t.WithOutcome, n = t.Total;
            double variance = 1 / (1 / expected + 1 / (m1 - expected) + 1 / (n1 - expected) + 1 / (n - m1 - n1 + expected));
            if (!(variance > 0)) return new BreslowDayResult(null, null, df);
            statistic += (t.A - expected) * (t.A - expected) / variance;
        }
        return new BreslowDayResult(statistic, ChiSquared.UpperTail(statistic, df), df);
    }

    /// <summary>
    /// The a that gives odds ratio psi with the table's margins: the root inside the feasible
    /// range of (1 - psi)A² + (N - m - n + psi(m + n))A - psi·m·n = 0.
    /// </summary>
    static double ExpectedA(TwoByTwo t, double psi)
    {
        double m = t.Exposed, n = t.WithOutcome, total = t.Total;
        double qa = 1 - psi, qb = total - m - n + psi * (m + n), qc = -psi * m * n;
        if (Math.Abs(qa) < 1e-12 * Math.Abs(qb)) return -qc / qb;
        // The stable form of the quadratic formula; of the two roots exactly one is feasible.
        double q = -0.5 * (qb + Math.Sign(qb) * Math.Sqrt(qb * qb - 4 * qa * qc));
        double r1 = q / qa, r2 = qc / q;
        double low = Math.Max(0, m + n - total), high = Math.Min(m, n);
        return r1 >= low && r1 <= high ? r1 : r2;
    }
}
