namespace Kalkan.Stats;

/// <summary>
/// The conditional maximum-likelihood odds ratio and its exact 95% interval, as R's fisher.test
/// reports them: the ψ whose noncentral hypergeometric mean is the observed a, and the ψ at which
/// each tail probability of a is 2.5%. Estimate and High are +∞ where R gives Inf (a at the top
/// of its range); Estimate and Low are 0 where a is at the bottom.
/// </summary>
public readonly record struct ConditionalOddsRatio(double Estimate, double Low, double High)
{
    // R: alpha <- (1 - conf.level) / 2, the same double.
    const double Alpha = (1 - 0.95) / 2;

    public static ConditionalOddsRatio Compute(TwoByTwo table)
    {
        var h = new NoncentralHypergeometric(table);
        long x = table.A;
        return new ConditionalOddsRatio(MaximumLikelihood(h, x), LowerBound(h, x), UpperBound(h, x));
    }

    // Each search is R's: on (0, 1) when the answer is below 1, else for 1/ψ on (ε, 1).
    static double MaximumLikelihood(NoncentralHypergeometric h, long x)
    {
        if (x == h.Low) return 0;
        if (x == h.High) return double.PositiveInfinity;
        double mu = h.Mean(1);
        if (mu > x) return Uniroot.Find(t => h.Mean(t) - x, 0, 1);
        if (mu < x) return 1 / Uniroot.Find(t => h.Mean(1 / t) - x, Uniroot.Epsilon, 1);
        return 1;
    }

    static double UpperBound(NoncentralHypergeometric h, long x)
    {
        if (x == h.High) return double.PositiveInfinity;
        double p = h.Tail(x, 1, upper: false);
        if (p < Alpha) return Uniroot.Find(t => h.Tail(x, t, upper: false) - Alpha, 0, 1);
        if (p > Alpha) return 1 / Uniroot.Find(t => h.Tail(x, 1 / t, upper: false) - Alpha, Uniroot.Epsilon, 1);
        return 1;
    }

    static double LowerBound(NoncentralHypergeometric h, long x)
    {
        if (x == h.Low) return 0;
        double p = h.Tail(x, 1, upper: true);
        if (p > Alpha) return Uniroot.Find(t => h.Tail(x, t, upper: true) - Alpha, 0, 1);
        if (p < Alpha) return 1 / Uniroot.Find(t => h.Tail(x, 1 / t, upper: true) - Alpha, Uniroot.Epsilon, 1);
        return 1;
    }
}
