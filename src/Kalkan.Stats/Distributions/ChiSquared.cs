namespace Kalkan.Stats;

public static class ChiSquared
{
    /// <summary>P(X &gt; statistic) for X chi-square with df degrees of freedom, as R's
    /// pchisq(statistic, df, lower.tail = FALSE), but kept in log space.</summary>
    public static Probability UpperTail(double statistic, int df)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(df, 1);
        if (double.IsNaN(statistic)) throw new ArgumentException("The statistic is not a number.", nameof(statistic));
        return new Probability(Gamma.LogUpperRegularized(df / 2.0, Math.Max(0, statistic) / 2));
    }
}

public static class Normal
{
    /// <summary>qnorm(0.975): the multiplier of a two-sided 95% interval.</summary>
    public const double Z975 = 1.959963984540054;
}
