namespace Kalkan.Stats;

/// <summary>
/// The distribution of cell a given a 2x2 table's margins when the odds ratio is ψ (Fisher's
/// noncentral hypergeometric): P(a = x) ∝ C(m, x)·C(N - m, n - x)·ψˣ. With ψ = 1 it is the
/// central one that Fisher's test conditions on.
/// </summary>
/// <remarks>
/// R sums the whole support (every possible a, up to hundreds of thousands at a million
/// respondents). Here the weights are built outward from the mode by the ratio of successive
/// terms, stopping where they fall below 1e-18 of the sum: the same sums to rounding, at a cost
/// of a few standard deviations of the distribution rather than its whole width.
/// </remarks>
internal readonly struct NoncentralHypergeometric(TwoByTwo table)
{
    const double Negligible = 1e-18;

    readonly double exposed = table.Exposed, withOutcome = table.WithOutcome;
    readonly double rest = table.Total - table.Exposed - table.WithOutcome;

    public long Low { get; } = Math.Max(0, table.Exposed + table.WithOutcome - table.Total);
    public long High { get; } = Math.Min(table.Exposed, table.WithOutcome);

    /// <summary>E[a] under odds ratio ψ, as R's mnhyper.</summary>
    public double Mean(double psi)
    {
        if (psi == 0) return Low;
        if (double.IsPositiveInfinity(psi)) return High;
        var s = Sums(psi, long.MinValue);
        return s.Moment / s.Total;
    }

    /// <summary>P(a ≤ q) under ψ, or P(a ≥ q) for the upper tail, as R's pnhyper.</summary>
    public double Tail(long q, double psi, bool upper)
    {
        if (psi == 0) return (upper ? q <= Low : q >= Low) ? 1 : 0;
        if (double.IsPositiveInfinity(psi)) return (upper ? q <= High : q >= High) ? 1 : 0;
        // P(a ≥ q) = P(a > q - 1): the upper tail counts q itself.
        var s = Sums(psi, upper ? q - 1 : q);
        return (upper ? s.Above : s.AtOrBelow) / s.Total;
    }

    readonly record struct Weights(double Total, double Moment, double AtOrBelow, double Above);

    // P(x + 1) / P(x) under ψ.
    double Ratio(long x, double psi) => psi * (withOutcome - x) * (exposed - x) / ((x + 1) * (rest + x + 1));

    long Mode(double psi)
    {
        // The ratio falls as x grows: the mode is the first x whose successor is less likely.
        long lo = Low, hi = High;
        while (lo < hi)
        {
            long mid = lo + (hi - lo) / 2;
            if (Ratio(mid, psi) < 1) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>Σ w, Σ x·w, Σ w over x ≤ q and over x &gt; q, with w = 1 at the mode.</summary>
    Weights Sums(double psi, long q)
    {
        long mode = Mode(psi);
        double total = 1, moment = mode, atOrBelow = mode <= q ? 1 : 0, above = mode <= q ? 0 : 1;
        double term = 1;
        for (long x = mode; x < High; x++)
        {
            term *= Ratio(x, psi);
            total += term;
            moment += (x + 1) * term;
            if (x + 1 <= q) atOrBelow += term; else above += term;
            if (term < Negligible * total) break;
        }
        term = 1;
        for (long x = mode; x > Low; x--)
        {
            term /= Ratio(x - 1, psi);
            total += term;
            moment += (x - 1) * term;
            if (x - 1 <= q) atOrBelow += term; else above += term;
            if (term < Negligible * total) break;
        }
        return new Weights(total, moment, atOrBelow, above);
    }
}
