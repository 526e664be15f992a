namespace Kalkan.Stats;

/// <summary>An odds ratio with its two-sided 95% interval.</summary>
public readonly record struct OddsRatio(double Estimate, double Low, double High, bool Corrected)
{
    /// <summary>
    /// ad/bc with Woolf's interval exp(ln OR ± z·sqrt(1/a + 1/b + 1/c + 1/d)); when any cell is 0,
    /// 0.5 is added to every cell first (Haldane-Anscombe), as the reference analysis does.
    /// </summary>
    public static OddsRatio Woolf(TwoByTwo t)
    {
        bool corrected = t.HasZeroCell;
        double add = corrected ? 0.5 : 0;
        double a = t.A + add, b = t.B + add, c = t.C + add, d = t.D + add;
        double log = Math.Log(a) + Math.Log(d) - Math.Log(b) - Math.Log(c);
        double half = Normal.Z975 * Math.Sqrt(1 / a + 1 / b + 1 / c + 1 / d);
        return new OddsRatio(Math.Exp(log), Math.Exp(log - half), Math.Exp(log + half), corrected);
    }
}
