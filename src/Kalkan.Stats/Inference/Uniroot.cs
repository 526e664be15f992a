namespace Kalkan.Stats;

/// <summary>
/// The root of a function on an interval by Brent's method, step for step as R's uniroot takes
/// it (R_zeroin2 with R's default tolerance), so that estimates found this way agree with R's.
/// </summary>
/// <remarks>
/// R stops within about 1.2e-4 of the root, not at the root: the conditional odds ratio and its
/// interval in fisher.test carry that error. Taking the same steps from the same function values
/// lands where R lands, which a more precise root finder would not.
/// </remarks>
internal static class Uniroot
{
    /// <summary>R's default: .Machine$double.eps^0.25.</summary>
    public static readonly double DefaultTolerance = Math.Pow(Epsilon, 0.25);

    public const double Epsilon = 2.220446049250313e-16;
    const int MaxIterations = 1000;

    public static double Find(Func<double, double> f, double lower, double upper) =>
        Find(f, lower, upper, f(lower), f(upper));

    public static double Find(Func<double, double> f, double lower, double upper, double fLower, double fUpper)
    {
        if (fLower * fUpper > 0) throw new ArgumentException("The function has the same sign at both ends of the interval.");
        double a = lower, b = upper, fa = fLower, fb = fUpper;
        double c = a, fc = fa;
        if (fa == 0) return a;
        if (fb == 0) return b;

        for (int iteration = 0; iteration <= MaxIterations; iteration++)
        {
            double previousStep = b - a;
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                // Keep b the best approximation so far.
                a = b; b = c; c = a;
                fa = fb; fb = fc; fc = fa;
            }
            double tolerance = 2 * Epsilon * Math.Abs(b) + DefaultTolerance / 2;
            double step = (c - b) / 2;
            if (Math.Abs(step) <= tolerance || fb == 0) return b;

            if (Math.Abs(previousStep) >= tolerance && Math.Abs(fa) > Math.Abs(fb))
            {
                double p, q, cb = c - b;
                if (a == c)
                {
                    // Two distinct points: the secant.
                    double t1 = fb / fa;
                    p = cb * t1;
                    q = 1 - t1;
                }
                else
                {
                    // Inverse quadratic interpolation through a, b and c.
                    double qa = fa / fc, t1 = fb / fc, t2 = fb / fa;
                    p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
                    q = (qa - 1) * (t1 - 1) * (t2 - 1);
                }
                if (p > 0) q = -q; else p = -p;
                if (p < 0.75 * cb * q - Math.Abs(tolerance * q) / 2 && p < Math.Abs(previousStep * q / 2))
                    step = p / q;
            }
            if (Math.Abs(step) < tolerance) step = step > 0 ? tolerance : -tolerance;

            a = b; fa = fb;
            b += step; fb = f(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) { c = a; fc = fa; }
        }
        return b;
    }
}
