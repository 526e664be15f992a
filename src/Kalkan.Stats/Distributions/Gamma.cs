namespace Kalkan.Stats;

/// <summary>Log-gamma, log-factorials and the regularised upper incomplete gamma in log form.</summary>
public static class Gamma
{
    const int TableSize = 1024;
    static readonly double[] LogFactorials = BuildTable();
    static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    static double[] BuildTable()
    {
        var table = new double[TableSize];
        for (int i = 2; i < TableSize; i++) table[i] = table[i - 1] + Math.Log(i);
        return table;
    }

    /// <summary>ln(n!), exact to rounding for small n and by Stirling's series beyond.</summary>
    public static double LogFactorial(double n) =>
        n < TableSize ? LogFactorials[(int)n] : LogGamma(n + 1);

    /// <summary>ln Γ(z) for z &gt; 0.</summary>
    public static double LogGamma(double z)
    {
        if (z < 15)
        {
            // Shift up with Γ(z) = Γ(z + k) / (z (z+1) ... (z+k-1)) where Stirling is accurate.
            double product = 1;
            while (z < 15) { product *= z; z += 1; }
            return Stirling(z) - Math.Log(product);
        }
        return Stirling(z);
    }

    // Stirling's series; at z >= 15 the omitted terms are below 1e-17.
    static double Stirling(double z)
    {
        double inv = 1 / z, inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 / 1188))));
        return (z - 0.5) * Math.Log(z) - z + HalfLogTwoPi + series;
    }

    /// <summary>
    /// ln Q(a, x), Q the regularised upper incomplete gamma. Computed in log space so that
    /// tails like Q(0.5, 40000) = e^-40000 stay exact instead of underflowing.
    /// </summary>
    public static double LogUpperRegularized(double a, double x)
    {
        if (x <= 0) return 0;
        if (x < a + 1) return Math.Log(Math.Max(0, 1 - LowerSeries(a, x)));
        return LogUpperContinuedFraction(a, x);
    }

    // P(a, x) by its power series; converges fast for x < a + 1.
    static double LowerSeries(double a, double x)
    {
        double term = 1 / a, sum = term;
        for (int n = 1; n < 10_000; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * 1e-17) break;
        }
        return sum * Math.Exp(-x + a * Math.Log(x) - LogGamma(a));
    }

    // ln Q(a, x) by the Legendre continued fraction (modified Lentz), for x >= a + 1.
    static double LogUpperContinuedFraction(double a, double x)
    {
        const double tiny = 1e-300;
        double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (int i = 1; i < 10_000; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return -x + a * Math.Log(x) - LogGamma(a) + Math.Log(h);
    }
}
