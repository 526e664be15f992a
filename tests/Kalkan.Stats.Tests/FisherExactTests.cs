namespace Kalkan.Stats.Tests;

public class FisherExactTests
{
    // Values printed by R 4.2.2: fisher.test(matrix(c(a, b, c, d), 2, byrow = TRUE))$p.value
    [Theory]
    [InlineData(3, 1, 1, 3, 0.485714285714286)]
    [InlineData(10, 2, 3, 15, 0.000536724119143436)]
    [InlineData(1, 9, 11, 3, 0.00275945618522008)]
    [InlineData(7, 0, 0, 7, 0.000582750582750584)]
    [InlineData(2, 8, 8, 2, 0.0230141375652211)]
    [InlineData(100, 50, 60, 120, 1.74211437047825e-09)]
    [InlineData(5000, 4000, 4100, 5200, 2.27642403267506e-54)]
    public void Two_sided_p_is_the_one_R_gives(long a, long b, long c, long d, double expected) =>
        AssertRelative(expected, FisherExact.TwoSided(new TwoByTwo(a, b, c, d)).Value, 1e-9);

    [Theory]
    [InlineData(0, 5, 0, 10)]
    [InlineData(1, 0, 0, 0)]
    [InlineData(0, 0, 3, 4)]
    [InlineData(0, 0, 0, 0)]
    public void A_table_with_a_single_possible_arrangement_has_p_of_one(long a, long b, long c, long d) =>
        Assert.Equal(1.0, FisherExact.TwoSided(new TwoByTwo(a, b, c, d)).Value);

    // R answers 0 for these; the log p comes from 50-digit arithmetic (mpmath).
    [Theory]
    [InlineData(3000, 1000, 1000, 3000, -1049.424191933556389)]
    [InlineData(300000, 200000, 200000, 300000, -20140.632211104425709)]
    [InlineData(2000, 480000, 1000, 516000, -210.50966634835861512)]
    [InlineData(250500, 249500, 249500, 250500, -3.0852936747973362868)]
    public void P_values_far_below_the_double_range_keep_their_digits(long a, long b, long c, long d, double expectedLog)
    {
        var p = FisherExact.TwoSided(new TwoByTwo(a, b, c, d));
        AssertRelative(expectedLog, p.Log, 1e-9);
        Assert.True(double.IsFinite(p.Log));
    }

    [Fact]
    public void A_p_value_below_1e_300_is_written_as_a_finite_positive_number()
    {
        var p = FisherExact.TwoSided(new TwoByTwo(300000, 200000, 200000, 300000));
        // 1.082850931490436e-8747 by mpmath: the digits hold far past the 1e-6 asked of them.
        Assert.Matches(@"^1\.08285093\d*e-8747$", p.ToInvariantString());
    }

    [Fact]
    public void Mirror_tables_have_the_same_p() =>
        AssertRelative(FisherExact.TwoSided(new TwoByTwo(12, 5, 3, 20)).Value, FisherExact.TwoSided(new TwoByTwo(3, 20, 12, 5)).Value, 1e-12);

    internal static void AssertRelative(double expected, double actual, double tolerance)
    {
        double relative = Math.Abs(expected - actual) / Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(relative < tolerance, $"expected {expected:R}, got {actual:R} (relative {relative:E2})");
    }
}
