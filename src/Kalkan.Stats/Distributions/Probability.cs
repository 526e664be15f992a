using System.Globalization;

namespace Kalkan.Stats;

/// <summary>
/// A probability held as its natural logarithm, so that p-values far below the smallest double
/// (about 1e-308) keep their value instead of collapsing to zero.
/// </summary>
public readonly record struct Probability(double Log)
{
    public static readonly Probability One = new(0);

    /// <summary>The probability as a double; zero when it is below what a double can hold.</summary>
    public double Value => Math.Exp(Log);

    /// <summary>Whether <see cref="Value"/> keeps full precision (normal, not subnormal, doubles).</summary>
    public bool FitsInDouble => Log > -708;

    /// <summary>The base-10 logarithm: -1233.4 for 4e-1234.</summary>
    public double Log10 => Log / Math.Log(10);

    public static Probability FromValue(double p) => new(p >= 1 ? 0 : Math.Log(p));

    /// <summary>
    /// The number as JSON or CSV text: the shortest round-trip double while it fits, otherwise
    /// scientific notation built from log10 (e.g. 3.2e-512), which is valid JSON and never 0 or NaN.
    /// </summary>
    public string ToInvariantString()
    {
        if (FitsInDouble) return Value.ToString("R", CultureInfo.InvariantCulture);
        double log10 = Log / Math.Log(10);
        double exponent = Math.Floor(log10);
        double mantissa = Math.Pow(10, log10 - exponent);
        // Rounding the mantissa may reach 10: carry it into the exponent.
        if (mantissa >= 9.99999999999995) { mantissa = 1; exponent += 1; }
        return mantissa.ToString("0.##############", CultureInfo.InvariantCulture) + "e" + exponent.ToString("0", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ToInvariantString();
}
