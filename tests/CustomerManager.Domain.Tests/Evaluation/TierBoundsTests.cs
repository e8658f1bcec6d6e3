using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;

namespace CustomerManager.Domain.Tests.Evaluation;

public class TierBoundsTests
{
    [Theory]
    [InlineData("100", Tier.FiveStar)]
    [InlineData("90", Tier.FiveStar)]
    [InlineData("89.99", Tier.FourStar)]
    [InlineData("80", Tier.FourStar)]
    [InlineData("79.99", Tier.ThreeStar)]
    [InlineData("70", Tier.ThreeStar)]
    [InlineData("60", Tier.Ordinary)]
    [InlineData("59.99", Tier.Developing)]
    [InlineData("0", Tier.Developing)]
    public void DefaultBoundsAreInclusiveLowerBounds(string score, Tier expected) =>
        Assert.Equal(expected, TierBounds.Default.TierFor(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void ScoreIsRoundedHalfAwayFromZeroBeforeComparing()
    {
        Assert.Equal(90.00m, ScoreRules.RoundFinalScore(89.995m));
        Assert.Equal(Tier.FiveStar, TierBounds.Default.TierFor(89.995m));

        Assert.Equal(89.99m, ScoreRules.RoundFinalScore(89.994m));
        Assert.Equal(Tier.FourStar, TierBounds.Default.TierFor(89.994m));
    }

    [Fact]
    public void RoundingIsAwayFromZeroNotToEven()
    {
        // Banker's rounding would give 80.12.
        Assert.Equal(80.13m, ScoreRules.RoundFinalScore(80.125m));
    }

    [Fact]
    public void CustomBoundsPlaceScoresByTheirOwnLimits()
    {
        var bounds = new TierBounds(95, 85, 75, 65);

        Assert.Equal(Tier.FourStar, bounds.TierFor(94.99m));
        Assert.Equal(Tier.Developing, bounds.TierFor(64.99m));
        Assert.Equal(65m, bounds.LowerBoundOf(Tier.Ordinary));
    }

    [Theory]
    [InlineData(90, 90, 70, 60)]
    [InlineData(80, 90, 70, 60)]
    [InlineData(90, 80, 80, 60)]
    [InlineData(90, 80, 70, 70)]
    [InlineData(90, 80, 60, 70)]
    public void BoundsThatAreNotStrictlyDescendingAreRejected(int five, int four, int three, int ordinary)
    {
        var error = Assert.Throws<DomainException>(() => new TierBounds(five, four, three, ordinary));
        Assert.Equal("TierBounds.NotDescending", error.Code);
    }

    [Theory]
    [InlineData(101, 80, 70, 60)]
    [InlineData(90, 80, 70, -1)]
    public void BoundsOutsideZeroToHundredAreRejected(int five, int four, int three, int ordinary)
    {
        var error = Assert.Throws<DomainException>(() => new TierBounds(five, four, three, ordinary));
        Assert.Equal("TierBounds.OutOfRange", error.Code);
    }

    [Fact]
    public void BoundsAtTheEdgesOfTheScaleAreAccepted()
    {
        var bounds = new TierBounds(100, 50, 1, 0);

        Assert.Equal(Tier.FiveStar, bounds.TierFor(100));
        Assert.Equal(Tier.Ordinary, bounds.TierFor(0));
    }
}
