using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using static CustomerManager.Domain.Tests.Builders.CriterionBuilder;

namespace CustomerManager.Domain.Tests.Evaluation;

public class CalibrationTests
{
    private static readonly GuidelineLimit[] TenPercentFiveStarFivePercentDeveloping =
        [new(Tier.FiveStar, AtMostPercent: 10m, AtLeastPercent: null), new(Tier.Developing, AtMostPercent: null, AtLeastPercent: 5m)];

    [Fact]
    public void SharesAreOfTheRatedManagersOnly()
    {
        var shares = TierShares.Of([Tier.FiveStar, Tier.FourStar, Tier.FourStar, null]);

        Assert.Equal(3, shares.Rated);
        Assert.Equal(66.7m, shares.PercentOf(Tier.FourStar));
        Assert.Equal(0m, shares.PercentOf(Tier.Developing));
    }

    [Fact]
    public void ALimitIsBreachedOnlyWhenTheExactShareIsBeyondIt()
    {
        // 1 of 10 Five-star is exactly 10 %: within "at most 10 %"; 2 of 10 is not. None Developing is below "at least 5 %".
        Tier?[] tenPercent = [Tier.FiveStar, .. Enumerable.Repeat<Tier?>(Tier.ThreeStar, 9)];
        Tier?[] twentyPercent = [Tier.FiveStar, Tier.FiveStar, .. Enumerable.Repeat<Tier?>(Tier.ThreeStar, 8)];

        var within = Calibration.Breaches(TenPercentFiveStarFivePercentDeveloping, TierShares.Of(tenPercent), null);
        var beyond = Calibration.Breaches(TenPercentFiveStarFivePercentDeveloping, TierShares.Of(twentyPercent), 4);

        Assert.Equal([(Tier.Developing, false)], within.Select(b => (b.Tier, b.AtMost)));
        Assert.Equal([(Tier.FiveStar, true, 20m, 10m, 4), (Tier.Developing, false, 0m, 5m, 4)], beyond.Select(b => (b.Tier, b.AtMost, b.Percent, b.Limit, b.DepartmentId!.Value)));
        Assert.Empty(Calibration.Breaches(TenPercentFiveStarFivePercentDeveloping, TierShares.Of([null, null]), null));
    }

    [Theory]
    [InlineData(-1, null, ErrorCodes.Cycle.GuidelineOutOfRange)]
    [InlineData(100.5, null, ErrorCodes.Cycle.GuidelineOutOfRange)]
    [InlineData(5.0, 10.0, ErrorCodes.Cycle.GuidelineReversed)]
    public void AGuidelineLimitIsAShareFrom0To100WithAtLeastNotAboveAtMost(double atMost, double? atLeast, string code)
    {
        var error = Assert.Throws<DomainException>(() => Calibration.CheckGuideline([new GuidelineLimit(Tier.FourStar, (decimal)atMost, (decimal?)atLeast)]));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void TheAtLeastSharesCannotAddUpToMoreThanEveryone()
    {
        var error = Assert.Throws<DomainException>(() => Calibration.CheckGuideline([new(Tier.FiveStar, null, 60m), new(Tier.Developing, null, 50m)]));

        Assert.Equal(ErrorCodes.Cycle.GuidelineOverfull, error.Code);
        Assert.Empty(Calibration.CheckGuideline([new(Tier.FiveStar, null, null)]));
    }

    [Theory]
    [InlineData(89.2, 90, Tier.FiveStar, 0.8)]
    [InlineData(90.5, 90, Tier.FourStar, -0.5)]
    [InlineData(80.0, 80, Tier.ThreeStar, 0)]
    [InlineData(59.0, 60, Tier.Ordinary, 1)]
    public void AManagerWithinAPointOfABoundIsNearItAndTheTierOnePointWouldGiveIsNamed(double score, double bound, Tier towards, double distance)
    {
        var near = Calibration.NearestBound(1, (decimal)score, TierBounds.Default);

        Assert.NotNull(near);
        Assert.Equal(((decimal)bound, towards, (decimal)distance), (near.Bound, near.Towards, near.Distance));
    }

    [Fact]
    public void AManagerMoreThanAPointFromEveryBoundIsNotNearOne() =>
        Assert.Null(Calibration.NearestBound(1, 85m, TierBounds.Default));

    [Fact]
    public void LeniencyIsTheMeanDifferenceFromTheOtherMembersOnTheSameItemsAndSpreadIsTheDeviationOfTheirScores()
    {
        GivenScore[] scores =
        [
            new(1, 10, 1, "kind", 90m), new(1, 10, 1, "a", 70m), new(1, 10, 1, "b", 80m),
            new(1, 10, 2, "kind", 80m), new(1, 10, 2, "a", 70m), new(1, 10, 2, "b", 70m),
            new(1, 11, 1, "alone", 50m),
        ];

        var habits = Calibration.Raters(scores).ToDictionary(h => h.PanelMemberId);

        // kind: (90 − 75) and (80 − 70) → 12.5 points above the others; scores 90 and 80 spread by 5.
        Assert.Equal((12.5m, 2, 5m), (habits["kind"].Leniency!.Value, habits["kind"].Compared, habits["kind"].Spread));
        Assert.True(habits["kind"].IsLenient(Calibration.DefaultLeniencyThreshold));
        Assert.Equal(-10m, habits["a"].Leniency); // (70 − 85) and (70 − 75)
        Assert.True(habits["a"].IsSevere(Calibration.DefaultLeniencyThreshold));
        Assert.Null(habits["alone"].Leniency);
        Assert.False(habits["alone"].IsLenient(Calibration.DefaultLeniencyThreshold));
    }

    [Fact]
    public void PublishingBeyondTheGuidelineNeedsAWrittenReasonWhichTheCycleKeeps()
    {
        var cycle = OpenCycle();
        var scores = cycle.Criteria.SelectMany(c => c.ScoredBy.Select(role => cycle.RecordScore(c.Id, role.ToString(), role, 1, 95m, null))).ToList();
        cycle.Close([1], scores, new Dictionary<int, EvidenceFigures>(), AfterPeriod);
        cycle.SetGuideline(TenPercentFiveStarFivePercentDeveloping);

        var refused = Assert.Throws<DomainException>(() => cycle.Publish(AfterPeriod.AddDays(1), 7, " "));
        var stillClosed = cycle.Status;
        cycle.Publish(AfterPeriod.AddDays(1), 7, "全员达标，经党组会议同意");
        var frozen = Assert.Throws<DomainException>(() => cycle.SetGuideline([]));

        Assert.Equal(ErrorCodes.Cycle.GuidelineReasonRequired, refused.Code);
        Assert.Equal(2, refused.Arguments[0]);
        Assert.Equal(CycleStatus.Closed, stillClosed);
        Assert.Equal(CycleStatus.Published, cycle.Status);
        Assert.Equal("全员达标，经党组会议同意", cycle.GuidelineReason);
        Assert.Equal("FiveStar ≤ 10%; Developing ≥ 5%", cycle.GuidelineSummary);
        Assert.Equal(ErrorCodes.Cycle.GuidelineFrozen, frozen.Code);
    }

    [Fact]
    public void PublishingWithinTheGuidelineNeedsNoReason()
    {
        var cycle = OpenCycle();
        cycle.Close([1], [], new Dictionary<int, EvidenceFigures>(), AfterPeriod);
        cycle.SetGuideline(TenPercentFiveStarFivePercentDeveloping);

        cycle.Publish(AfterPeriod.AddDays(1));

        Assert.Null(cycle.GuidelineReason);
        Assert.Equal(AfterPeriod.AddDays(1 + RatingSettings.DefaultAppealDays).Date, cycle.AppealsUntil!.Value.ToDateTime(TimeOnly.MinValue));
    }

    [Fact]
    public void AClosedCycleReopenedForOneManagerLetsOnlyThatManagerBeReScoredAndPublishesOnceRecomputed()
    {
        var cycle = OpenCycle();
        var criterion = cycle.Criteria.Single(c => c.SortOrder == 4);
        var scores = new[] { 1, 2 }.SelectMany(m => cycle.Criteria.SelectMany(c => c.ScoredBy.Select(role => cycle.RecordScore(c.Id, role.ToString(), role, m, 70m, null)))).ToList();
        cycle.Close([1, 2], scores, new Dictionary<int, EvidenceFigures>(), AfterPeriod);

        var blank = Assert.Throws<DomainException>(() => cycle.ReopenFor(1, " ", AfterPeriod));
        var unknown = Assert.Throws<DomainException>(() => cycle.ReopenFor(9, "why", AfterPeriod));
        cycle.ReopenFor(1, "接近档次界限，请复核", AfterPeriod);
        foreach (var score in scores.Where(s => s.AccountManagerId == 1 && s.CycleCriterionId == criterion.Id))
        {
            cycle.ChangeScore(score, score.PanelMemberId, 95m, null);
        }

        var other = scores.First(s => s.AccountManagerId == 2);
        var refusedForOther = Assert.Throws<DomainException>(() => cycle.ChangeScore(other, other.PanelMemberId, 95m, null));
        var notYet = Assert.Throws<DomainException>(() => cycle.Publish(AfterPeriod.AddDays(1)));
        cycle.RecomputeFor(1, scores, AfterPeriod.AddDays(1));
        var closedAgain = Assert.Throws<DomainException>(() => cycle.ChangeScore(scores.First(s => s.AccountManagerId == 1), "MonopolyLeader", 90m, null));
        cycle.Publish(AfterPeriod.AddDays(2));

        Assert.Equal(ErrorCodes.Cycle.ReopenReasonRequired, blank.Code);
        Assert.Equal(ErrorCodes.Cycle.NoResultToReopen, unknown.Code);
        Assert.Equal(ErrorCodes.Cycle.NotOpen, refusedForOther.Code);
        Assert.Equal((ErrorCodes.Cycle.ManagersReopened, 1), (notYet.Code, (int)notYet.Arguments[0]));
        Assert.Equal(ErrorCodes.Cycle.NotOpen, closedAgain.Code);
        Assert.Equal(75m, cycle.Results.Single(r => r.AccountManagerId == 1).FinalScore); // 70 + 0.2 × 25
        Assert.Equal(70m, cycle.Results.Single(r => r.AccountManagerId == 2).FinalScore);
        Assert.Empty(cycle.Reopened);
        Assert.Equal("接近档次界限，请复核", cycle.LastReopenReason);
    }
}
