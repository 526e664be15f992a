namespace Kalkan.Stats;

/// <summary>The Mantel-Haenszel odds ratio pooled over strata and its test of no association.</summary>
/// <param name="OddsRatio">The pooled estimate; null when it would be infinite.</param>
/// <param name="Low">Robins-Breslow-Greenland 95% interval.</param>
/// <param name="ChiSquared">The statistic without continuity correction, df = 1; null when its variance is 0.</param>
/// <param name="Corrected">The test with R's default continuity correction, mantelhaen.test(x).</param>
public sealed record MantelHaenszelResult(double? OddsRatio, double? Low, double? High, double? ChiSquared, Probability? P)
{
    public MantelHaenszelTest? Corrected { get; init; }
}

/// <summary>A Mantel-Haenszel chi-square (df = 1) and its p.</summary>
public sealed record MantelHaenszelTest(double ChiSquared, Probability P);

public static class MantelHaenszel
{
    /// <summary>As R's mantelhaen.test(x, correct = FALSE) on a 2x2xK table, with the corrected
    /// test of mantelhaen.test(x) beside it.</summary>
    /// <remarks>
    /// Strata with fewer than two respondents are passed over: R refuses them, yet they add
    /// nothing to any sum (their ad, bc and deviation are 0) except a 0/0 to the variance.
    /// </remarks>
    public static MantelHaenszelResult Compute(IEnumerable<TwoByTwo> strata)
    {
        double diagonal = 0, offDiagonal = 0, deviation = 0, variance = 0;
        double pr = 0, ps = 0, qs = 0; // the RBG sums: P·R, P·S + Q·R, Q·S over n²
        foreach (var t in strata)
        {
            double n = t.Total;
            if (n < 2) continue;
            double a = t.A, b = t.B, c = t.C, d = t.D;
            double r = a * d / n, s = b * c / n, p = (a + d) / n, q = (b + c) / n;
            diagonal += r;
            offDiagonal += s;
            pr += p * r;
            ps += p * s + q * r;
            qs += q * s;
            double m1 = a + b, n1 = a + c;
            deviation += a - m1 * n1 / n;
            variance += m1 * n1 * (n - m1) * (n - n1) / (n * n * (n - 1));
        }

        double? statistic = variance > 0 ? deviation * deviation / variance : null;
        Probability? p1 = statistic is { } x ? ChiSquared.UpperTail(x, 1) : null;
        // R subtracts 1/2 from |Σ(a - E a)| only when that leaves it non-negative.
        double yates = Math.Abs(deviation) >= 0.5 ? 0.5 : 0;
        var corrected = variance > 0 ? Test((Math.Abs(deviation) - yates) * (Math.Abs(deviation) - yates) / variance) : null;
        // No concordant pairs: the estimate is 0, as R gives it, but its interval has no width to
        // compute (R: NaN). No discordant pairs: the estimate would be infinite.
        if (offDiagonal <= 0) return new MantelHaenszelResult(null, null, null, statistic, p1) { Corrected = corrected };
        if (diagonal <= 0) return new MantelHaenszelResult(0, null, null, statistic, p1) { Corrected = corrected };

        double estimate = diagonal / offDiagonal;
        double se = Math.Sqrt(pr / (2 * diagonal * diagonal) + ps / (2 * diagonal * offDiagonal) + qs / (2 * offDiagonal * offDiagonal));
        double half = Normal.Z975 * se;
        return new MantelHaenszelResult(estimate, estimate * Math.Exp(-half), estimate * Math.Exp(half), statistic, p1) { Corrected = corrected };
    }

    static MantelHaenszelTest Test(double statistic) => new(statistic, ChiSquared.UpperTail(statistic, 1));
}
