using System.Text;

namespace Kalkan.Bench;

/// <summary>
/// Writes a deterministic survey export like the reference cases: respondent_id, country (four
/// strata of unequal size), defender, and one column per outcome with about 2% left blank.
/// </summary>
static class SurveyGenerator
{
    public static readonly string[] Outcomes =
    [
        "arbitrary_arrest", "sexual_violence", "raid", "physical_attack", "surveillance", "extortion",
        "threats", "confiscation", "health_denial", "eviction", "online_harassment", "policy_exclusion",
    ];

    static readonly (string Code, double Share, double Defenders)[] Countries =
        [("KG", 0.4, 0.35), ("TZ", 0.3, 0.25), ("MM", 0.2, 0.3), ("SV", 0.1, 0.4)];

    public static void Write(string path, int respondents, ulong seed = 20210801)
    {
        var random = new SplitMix64(seed);
        // Per outcome and country: a baseline prevalence and an odds ratio for defenders, from
        // none to strong, so that some p-values are ordinary and some far below 1e-300.
        var baseline = new double[Outcomes.Length, Countries.Length];
        var oddsRatio = new double[Outcomes.Length, Countries.Length];
        for (int o = 0; o < Outcomes.Length; o++)
            for (int k = 0; k < Countries.Length; k++)
            {
                baseline[o, k] = 0.03 + 0.5 * random.NextDouble();
                oddsRatio[o, k] = Math.Exp(-0.3 + 1.8 * random.NextDouble() * (o % 4 == 0 ? 0.1 : 1));
            }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var line = new StringBuilder(128);
        file.Write(Encoding.UTF8.GetBytes("respondent_id,country,defender," + string.Join(',', Outcomes) + "\n"));
        for (int i = 0; i < respondents; i++)
        {
            int k = Country(random.NextDouble());
            bool defender = random.NextDouble() < Countries[k].Defenders;
            line.Clear().Append('R').Append(i + 1).Append(',').Append(Countries[k].Code).Append(',').Append(defender ? '1' : '0');
            for (int o = 0; o < Outcomes.Length; o++)
            {
                line.Append(',');
                if (random.NextDouble() < 0.02) continue;
                double p = baseline[o, k];
                if (defender) { double odds = p / (1 - p) * oddsRatio[o, k]; p = odds / (1 + odds); }
                line.Append(random.NextDouble() < p ? '1' : '0');
            }
            line.Append('\n');
            file.Write(Encoding.ASCII.GetBytes(line.ToString()));
        }
    }

    static int Country(double u)
    {
        for (int k = 0; k < Countries.Length - 1; k++)
        {
            if (u < Countries[k].Share) return k;
            u -= Countries[k].Share;
        }
        return Countries.Length - 1;
    }

    /// <summary>SplitMix64: tiny, fast, and the same numbers on every machine and runtime.</summary>
    struct SplitMix64(ulong state)
    {
        public double NextDouble()
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return ((z ^ (z >> 31)) >> 11) * (1.0 / (1UL << 53));
        }
    }
}
