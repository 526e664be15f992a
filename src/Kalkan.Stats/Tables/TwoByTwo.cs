namespace Kalkan.Stats;

/// <summary>
/// A 2x2 table of counts: a = exposed with the outcome, b = exposed without it,
/// c = unexposed with the outcome, d = unexposed without it.
/// </summary>
public readonly record struct TwoByTwo(long A, long B, long C, long D)
{
    public long Total => A + B + C + D;
    public long Exposed => A + B;
    public long Unexposed => C + D;
    public long WithOutcome => A + C;
    public long WithoutOutcome => B + D;

    public bool HasZeroCell => A == 0 || B == 0 || C == 0 || D == 0;

    /// <summary>Both exposure groups answered: without that there is nothing to compare.</summary>
    public bool IsEstimable => Exposed > 0 && Unexposed > 0;

    public static TwoByTwo operator +(TwoByTwo x, TwoByTwo y) => new(x.A + y.A, x.B + y.B, x.C + y.C, x.D + y.D);

    public long this[int cell] => cell switch { 0 => A, 1 => B, 2 => C, 3 => D, _ => throw new ArgumentOutOfRangeException(nameof(cell)) };
}
