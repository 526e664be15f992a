namespace Kalkan.Stats;

/// <summary>The order strata are reported in.</summary>
/// <remarks>
/// The reference analysis (shared/oracle) lists the four countries of the Front Line Defenders
/// study in one fixed order, Kyrgyzstan first, whatever order the rows come in. Reports are
/// compared side by side across surveys, so those codes keep that order; any other stratum
/// follows in the order it first appears in the file.
/// </remarks>
public static class StrataOrder
{
    static readonly string[] Known = ["KG", "TZ", "MM", "SV"];

    /// <summary>Indexes into <paramref name="strata"/> in reporting order.</summary>
    public static int[] Arrange(IReadOnlyList<string> strata) =>
        [.. Enumerable.Range(0, strata.Count).OrderBy(i => Rank(strata[i])).ThenBy(i => i)];

    static int Rank(string stratum)
    {
        int known = Array.FindIndex(Known, k => string.Equals(k, stratum, StringComparison.OrdinalIgnoreCase));
        return known >= 0 ? known : Known.Length;
    }
}
