namespace Kalkan.Stats.Tests;

public class EstimateTests
{
    [Fact]
    public void Odds_ratio_is_ad_over_bc_with_Woolfs_interval()
    {
        var or = OddsRatio.Woolf(new TwoByTwo(195, 508, 316, 940));
        FisherExactTests.AssertRelative(1.14185687232134, or.Estimate, 1e-12);
        FisherExactTests.AssertRelative(0.92688805229707, or.Low, 1e-12);
        FisherExactTests.AssertRelative(1.40668240747761, or.High, 1e-12);
        Assert.False(or.Corrected);
    }

    [Fact]
    public void A_zero_cell_adds_a_half_to_every_cell()
    {
        var or = OddsRatio.Woolf(new TwoByTwo(3, 23, 0, 11));
        Assert.True(or.Corrected);
        FisherExactTests.AssertRelative(3.42553191489362, or.Estimate, 1e-12);
        FisherExactTests.AssertRelative(72.0409724563465, or.High, 1e-12);
    }

    [Fact]
    public void Mantel_Haenszel_agrees_with_R()
    {
        // survey-01, arrest: R's mantelhaen.test(x, correct = FALSE)
        var mh = MantelHaenszel.Compute([new(195, 508, 316, 940), new(46, 87, 54, 206)]);
        FisherExactTests.AssertRelative(1.25327532989428, mh.OddsRatio!.Value, 1e-12);
        FisherExactTests.AssertRelative(1.03658241602433, mh.Low!.Value, 1e-12);
        FisherExactTests.AssertRelative(1.51526692739573, mh.High!.Value, 1e-12);
        FisherExactTests.AssertRelative(5.4550367471984, mh.ChiSquared!.Value, 1e-12);
        FisherExactTests.AssertRelative(0.0195119937591964, mh.P!.Value.Value, 1e-10);
    }

    [Fact]
    public void A_stratum_of_one_respondent_changes_nothing_in_Mantel_Haenszel()
    {
        TwoByTwo[] strata = [new(195, 508, 316, 940), new(46, 87, 54, 206)];
        var with = MantelHaenszel.Compute([.. strata, new(1, 0, 0, 0)]);
        var without = MantelHaenszel.Compute(strata);
        Assert.Equal(without, with);
    }

    [Fact]
    public void Mantel_Haenszel_without_concordant_pairs_is_zero_without_an_interval()
    {
        var mh = MantelHaenszel.Compute([new(0, 4, 3, 0), new(0, 2, 5, 1)]);
        Assert.Equal(0, mh.OddsRatio);
        Assert.Null(mh.Low);
        Assert.NotNull(mh.ChiSquared);
    }

    [Fact]
    public void Breslow_Day_agrees_with_R()
    {
        TwoByTwo[] strata = [new(195, 508, 316, 940), new(46, 87, 54, 206)];
        var bd = BreslowDay.Compute(strata, MantelHaenszel.Compute(strata).OddsRatio);
        FisherExactTests.AssertRelative(4.79840297109686, bd.ChiSquared!.Value, 1e-10);
        FisherExactTests.AssertRelative(0.0284861309038137, bd.P!.Value.Value, 1e-9);
        Assert.Equal(1, bd.Df);
    }

    [Fact]
    public void Breslow_Day_is_not_computed_when_a_stratum_has_an_empty_margin()
    {
        // As the reference (survey-04): nobody in the second stratum had the outcome.
        TwoByTwo[] strata = [new(9, 24, 39, 47), new(0, 5, 0, 10), new(85, 98, 69, 139)];
        var bd = BreslowDay.Compute(strata, MantelHaenszel.Compute(strata).OddsRatio);
        Assert.Null(bd.ChiSquared);
        Assert.Null(bd.P);
        Assert.Equal(2, bd.Df);
    }
}
