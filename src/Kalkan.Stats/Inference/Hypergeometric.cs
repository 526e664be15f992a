namespace Kalkan.Stats;

/// <summary>
/// The distribution of cell a given the margins of a 2x2 table (exposed row m, outcome column n,
/// total N), as Fisher's test conditions on them.
/// </summary>
internal readonly struct Hypergeometric
{
    readonly double exposed, withOutcome, total, logNormaliser;

    public Hypergeometric(TwoByTwo t)
    {
        exposed = t.Exposed;
        withOutcome = t.WithOutcome;
        total = t.Total;
        Low = Math.Max(0, t.Exposed + t.WithOutcome - t.Total);
        High = Math.Min(t.Exposed, t.WithOutcome);
        logNormaliser = Gamma.LogFactorial(withOutcome) + Gamma.LogFactorial(total - withOutcome)
            + Gamma.LogFactorial(exposed) + Gamma.LogFactorial(total - exposed) - Gamma.LogFactorial(total);
    }

    public long Low { get; }
    public long High { get; }

    public long Mode => Math.Clamp((long)Math.Floor((exposed + 1) * (withOutcome + 1) / (total + 2)), Low, High);

    public double LogProbability(long x) => logNormaliser
        - Gamma.LogFactorial(x) - Gamma.LogFactorial(withOutcome - x)
        - Gamma.LogFactorial(exposed - x) - Gamma.LogFactorial(total - withOutcome - exposed + x);

    // P(x + 1) / P(x).
    double Ratio(long x) => (withOutcome - x) * (exposed - x) / ((x + 1) * (total - withOutcome - exposed + x + 1));

    /// <summary>Σ P(y)/P(from) for y = from..High, the terms falling (from is past the mode).</summary>
    public double SumRightFrom(long from)
    {
        double term = 1, sum = 1;
        for (long x = from; x < High; x++)
        {
            double r = Ratio(x);
            term *= r;
            sum += term;
            // The ratios keep falling (log-concavity), so the rest is below term·r/(1-r).
            if (r < 1 && term * r / (1 - r) < sum * 1e-17) break;
        }
        return sum;
    }

    /// <summary>Σ P(y)/P(from) for y = Low..from, the terms falling towards Low.</summary>
    public double SumLeftFrom(long from)
    {
        double term = 1, sum = 1;
        for (long x = from; x > Low; x--)
        {
            double r = 1 / Ratio(x - 1);
            term *= r;
            sum += term;
            if (r < 1 && term * r / (1 - r) < sum * 1e-17) break;
        }
        return sum;
    }
}
