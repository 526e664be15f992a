namespace Kalkan.Stats;

/// <summary>
/// Fisher's exact test for a 2x2 table, two-sided as R's fisher.test computes it: the sum of the
/// hypergeometric probabilities of every table (same margins) no more likely than the observed
/// one, with a relative tolerance of 1e-7 for ties.
/// </summary>
/// <remarks>
/// The hypergeometric distribution is unimodal, so the tables counted form two tails. Each tail's
/// edge is found by bisection on the log probability, and each tail is summed outward from its
/// edge with the ratio of successive terms, stopping once the rest cannot matter. The work is
/// proportional to the width of the distribution, not to the number of respondents, and nothing
/// leaves log space until the end, so p-values below 1e-300 keep their digits.
/// </remarks>
public static class FisherExact
{
    const double RelativeTolerance = 1e-7;

    public static Probability TwoSided(TwoByTwo table)
    {
        var h = new Hypergeometric(table);
        if (h.Low == h.High) return Probability.One;
        double threshold = h.LogProbability(table.A) + double.LogP1(RelativeTolerance);
        long mode = h.Mode;
        if (h.LogProbability(mode) <= threshold) return Probability.One;

        // Left tail [Low, left], right tail [right, High]; either may be empty.
        long left = LastAtOrBelow(h, h.Low, mode - 1, threshold);
        long right = FirstAtOrBelow(h, mode + 1, h.High, threshold);
        double logLeft = left >= h.Low ? h.LogProbability(left) + Math.Log(h.SumLeftFrom(left)) : double.NegativeInfinity;
        double logRight = right <= h.High ? h.LogProbability(right) + Math.Log(h.SumRightFrom(right)) : double.NegativeInfinity;
        return new Probability(Math.Min(0, LogAdd(logLeft, logRight)));
    }

    // On [from, to] the log probability rises: the last x with value <= threshold, or from - 1.
    static long LastAtOrBelow(Hypergeometric h, long from, long to, double threshold)
    {
        long lo = from - 1, hi = to; // invariant: lo qualifies (or is from-1), everything > hi fails
        while (lo < hi)
        {
            long mid = lo + (hi - lo + 1) / 2;
            if (h.LogProbability(mid) <= threshold) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    // On [from, to] the log probability falls: the first x with value <= threshold, or to + 1.
    static long FirstAtOrBelow(Hypergeometric h, long from, long to, double threshold)
    {
        long lo = from, hi = to + 1;
        while (lo < hi)
        {
            long mid = lo + (hi - lo) / 2;
            if (h.LogProbability(mid) <= threshold) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    static double LogAdd(double x, double y)
    {
        if (double.IsNegativeInfinity(x)) return y;
        if (double.IsNegativeInfinity(y)) return x;
        double max = Math.Max(x, y);
        return max + Math.Log(Math.Exp(x - max) + Math.Exp(y - max));
    }
}
