namespace Kalkan.Stats.Tests;

public class DistributionTests
{
    // R 4.2.2: pchisq(x, df, lower.tail = FALSE)
    [Theory]
    [InlineData(3.84, 1, 5.00435212487052e-02)]
    [InlineData(100, 1, 1.52397060483211e-23)]
    [InlineData(1000, 1, 1.79583278480073e-219)]
    [InlineData(1400, 1, 2.10101451626413e-306)]
    [InlineData(5, 3, 1.71797144296733e-01)]
    [InlineData(50, 3, 7.98917924495147e-11)]
    [InlineData(1200, 3, 7.33167159155068e-260)]
    public void Chi_square_upper_tail_is_the_one_R_gives(double x, int df, double expected) =>
        FisherExactTests.AssertRelative(expected, ChiSquared.UpperTail(x, df).Value, 1e-10);

    // ln of the upper tail from 40-digit arithmetic (mpmath) and R's log.p = TRUE.
    [Theory]
    [InlineData(2000, 1, -1004.026741958951945)]
    [InlineData(100000, 1, -50005.982264084879854)]
    [InlineData(5000, 3, -2495.9669948169019736)]
    public void Chi_square_tails_beyond_the_double_range_are_kept_as_logarithms(double x, int df, double expectedLog) =>
        FisherExactTests.AssertRelative(expectedLog, ChiSquared.UpperTail(x, df).Log, 1e-12);

    [Fact]
    public void A_statistic_of_zero_has_p_of_one() => Assert.Equal(1.0, ChiSquared.UpperTail(0, 2).Value);

    [Theory]
    [InlineData(0.5, 0.5723649429247001)] // ln sqrt(pi)
    [InlineData(1, 0)]
    [InlineData(10, 12.801827480081469)] // ln 9!
    [InlineData(1000001, 12815518.384658169)] // ln 1000000!
    public void Log_gamma_is_exact_to_double_precision(double z, double expected) =>
        Assert.Equal(expected, Gamma.LogGamma(z), Math.Max(1e-14, Math.Abs(expected) * 1e-15));

    [Theory]
    [InlineData(1e-5)]
    [InlineData(0.25)]
    [InlineData(2.5e-300)]
    public void Probabilities_in_the_double_range_are_written_as_doubles(double p) =>
        FisherExactTests.AssertRelative(p, double.Parse(Probability.FromValue(p).ToInvariantString(), System.Globalization.CultureInfo.InvariantCulture), 1e-13);
}
