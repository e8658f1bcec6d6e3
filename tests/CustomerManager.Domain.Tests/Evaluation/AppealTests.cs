using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using static CustomerManager.Domain.Tests.Builders.CriterionBuilder;

namespace CustomerManager.Domain.Tests.Evaluation;

public class AppealTests
{
    private const int Manager = 1;

    private static readonly DateTimeOffset PublishedAt = At(2026, 7, 3, 10);

    /// <summary>A published cycle (appeals 7 days) with manager 1 scored 70 on every criterion by every seat it allows.</summary>
    private static (EvaluationCycle Cycle, List<PanelScore> Scores, EvaluationResult Result) Published(int appealDays = 7)
    {
        var cycle = OpenCycle();
        var scores = cycle.Criteria.SelectMany(c => c.ScoredBy.Select(role => cycle.RecordScore(c.Id, role.ToString(), role, Manager, 70m, null))).ToList();
        cycle.Close([Manager], scores, new Dictionary<int, EvidenceFigures>(), AfterPeriod);
        cycle.Publish(PublishedAt, appealDays);
        return (cycle, scores, cycle.Results.Single());
    }

    private static int Criterion(EvaluationCycle cycle, int sortOrder) => cycle.Criteria.Single(c => c.SortOrder == sortOrder).Id;

    [Fact]
    public void AManagerAppealsTheirPublishedResultOnChosenCriteriaWithinTheWindow()
    {
        var (cycle, _, result) = Published();

        var appeal = Appeal.File(cycle, result, [Criterion(cycle, 4)], " 拜访记录漏算 ", At(2026, 7, 10, 23), anotherOpen: false);

        Assert.Equal(AppealStatus.Submitted, appeal.Status);
        Assert.True(appeal.IsOpen);
        Assert.Equal("拜访记录漏算", appeal.Reason);
        Assert.Equal(70m, Assert.Single(appeal.Criteria).ScoreBefore);
        Assert.Equal((70m, Tier.ThreeStar), (appeal.FinalScoreBefore, appeal.TierBefore));
        Assert.Equal(new DateOnly(2026, 7, 10), cycle.AppealsUntil);
    }

    [Fact]
    public void NoAppealAfterTheWindowNorOnAnUnpublishedCycleNorASecondWhileOneIsOpen()
    {
        var (cycle, _, result) = Published(appealDays: 3);
        var closedCycle = OpenCycle(id: 8);
        closedCycle.Close([Manager], [], new Dictionary<int, EvidenceFigures>(), AfterPeriod);

        var late = Assert.Throws<DomainException>(() => Appeal.File(cycle, result, [Criterion(cycle, 1)], "why", At(2026, 7, 7), anotherOpen: false));
        var unpublished = Assert.Throws<DomainException>(() => Appeal.File(closedCycle, closedCycle.Results.Single(), [Criterion(closedCycle, 1)], "why", AfterPeriod, anotherOpen: false));
        var second = Assert.Throws<DomainException>(() => Appeal.File(cycle, result, [Criterion(cycle, 1)], "why", At(2026, 7, 4), anotherOpen: true));
        var none = Assert.Throws<DomainException>(() => Appeal.File(cycle, result, [], "why", At(2026, 7, 4), anotherOpen: false));
        var blank = Assert.Throws<DomainException>(() => Appeal.File(cycle, result, [Criterion(cycle, 1)], "  ", At(2026, 7, 4), anotherOpen: false));

        Assert.Equal(ErrorCodes.Appeal.WindowClosed, late.Code);
        Assert.Equal(new DateOnly(2026, 7, 6), late.Arguments[0]);
        Assert.Equal(ErrorCodes.Appeal.NotPublished, unpublished.Code);
        Assert.Equal(ErrorCodes.Appeal.AlreadyOpen, second.Code);
        Assert.Equal(ErrorCodes.Appeal.CriteriaRequired, none.Code);
        Assert.Equal(ErrorCodes.Appeal.ReasonRequired, blank.Code);
    }

    [Fact]
    public void TheSeatsAskedAreThoseThatScoredTheContestedCriteriaAndOnlyTheyRespond()
    {
        var (cycle, _, result) = Published();
        var appeal = Appeal.File(cycle, result, [Criterion(cycle, 1), Criterion(cycle, 3)], "why", At(2026, 7, 4), anotherOpen: false);

        appeal.AskPanel(At(2026, 7, 5));
        appeal.Respond(cycle, "m1", PanelRole.MonopolyLeader, "first", At(2026, 7, 5));
        appeal.Respond(cycle, "m1", PanelRole.MonopolyLeader, "second thoughts", At(2026, 7, 6));
        var notAsked = Assert.Throws<DomainException>(() => appeal.Respond(cycle, "s1", PanelRole.SalesLeader, "me too", At(2026, 7, 6)));

        Assert.Equal([PanelRole.MonopolyLeader, PanelRole.LogisticsRep, PanelRole.CallCentreRep], appeal.SeatsAsked(cycle));
        Assert.Equal(AppealStatus.PanelAsked, appeal.Status);
        Assert.Equal("second thoughts", Assert.Single(appeal.Responses).Text);
        Assert.Equal(ErrorCodes.Appeal.NotAsked, notAsked.Code);
    }

    [Fact]
    public void UpholdingReopensOnlyTheContestedCriteriaOfThisManagerAndCompletingRecomputesWithTheFrozenSettings()
    {
        var (cycle, scores, result) = Published();
        var contested = Criterion(cycle, 4);
        var appeal = Appeal.File(cycle, result, [contested], "why", At(2026, 7, 4), anotherOpen: false);
        var otherManagerScore = cycle.Criteria.First();

        appeal.Uphold(" 拜访记录属实 ", At(2026, 7, 6));
        foreach (var score in scores.Where(s => s.CycleCriterionId == contested))
        {
            cycle.ChangeScore(score, score.PanelMemberId, 95m, null, appeal);
        }

        var notContested = scores.First(s => s.CycleCriterionId != contested);
        var refused = Assert.Throws<DomainException>(() => cycle.ChangeScore(notContested, notContested.PanelMemberId, 95m, null, appeal));
        var otherManager = Assert.Throws<DomainException>(() => cycle.RecordScore(contested, PanelRole.SalesLeader.ToString(), PanelRole.SalesLeader, 2, 90m, null, appeal: appeal));
        var withoutAppeal = Assert.Throws<DomainException>(() => cycle.ChangeScore(scores.First(s => s.CycleCriterionId == contested), "MonopolyLeader", 90m, null));
        appeal.Complete(cycle, result, scores, At(2026, 7, 8));

        Assert.Equal(ErrorCodes.Cycle.NotOpen, refused.Code);
        Assert.Equal(ErrorCodes.Cycle.NotOpen, otherManager.Code);
        Assert.Equal(ErrorCodes.Cycle.NotOpen, withoutAppeal.Code);
        Assert.Equal(AppealStatus.Upheld, appeal.Status);
        Assert.False(appeal.IsOpen);
        Assert.Equal("拜访记录属实", appeal.Decision);

        // 70 everywhere, then 95 on a criterion of weight 20 out of 100: 70 + 0.2 × 25 = 75, the same tier (70–80).
        Assert.Equal(75m, result.FinalScore);
        Assert.Equal(Tier.ThreeStar, result.Tier);
        Assert.Equal((70m, 75m), (appeal.FinalScoreBefore, appeal.FinalScoreAfter));
        Assert.Equal((70m, 95m), (appeal.Criteria.Single().ScoreBefore, appeal.Criteria.Single().ScoreAfter));
        Assert.Equal(CycleStatus.Published, cycle.Status);
        Assert.NotNull(otherManagerScore);
    }

    [Fact]
    public void ADismissedAppealIsClosedAndCannotBeDecidedAgain()
    {
        var (cycle, scores, result) = Published();
        var appeal = Appeal.File(cycle, result, [Criterion(cycle, 2)], "why", At(2026, 7, 4), anotherOpen: false);

        var blank = Assert.Throws<DomainException>(() => appeal.Dismiss(" ", At(2026, 7, 5)));
        appeal.Dismiss("评分有据", At(2026, 7, 5));
        var again = Assert.Throws<DomainException>(() => appeal.Uphold("changed my mind", At(2026, 7, 6)));
        var complete = Assert.Throws<DomainException>(() => appeal.Complete(cycle, result, scores, At(2026, 7, 6)));

        Assert.Equal(ErrorCodes.Appeal.DecisionRequired, blank.Code);
        Assert.Equal((AppealStatus.Dismissed, false), (appeal.Status, appeal.IsOpen));
        Assert.Equal(ErrorCodes.Appeal.NotPending, again.Code);
        Assert.Equal(ErrorCodes.Appeal.NotRescoring, complete.Code);
        Assert.Equal(70m, result.FinalScore);
    }
}
