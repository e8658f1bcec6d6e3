using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Tests.Builders;

namespace CustomerManager.Domain.Tests.Evaluation;

public class EvaluationCycleTests
{
    private static readonly DateTime Now = new(2026, 7, 1, 8, 0, 0, DateTimeKind.Utc);
    private const string Member = "user-monopoly";

    private static EvaluationCycle DraftCycle() =>
        new("2026 H1", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));

    [Fact]
    public void NewCycleIsADraftWithNothingFrozen()
    {
        var cycle = DraftCycle();

        Assert.Equal(CycleStatus.Draft, cycle.Status);
        Assert.Empty(cycle.Criteria);
        Assert.Null(cycle.Bounds);
    }

    [Fact]
    public void PeriodThatEndsBeforeItStartsIsRejected()
    {
        var error = Assert.Throws<DomainException>(() => new EvaluationCycle("x", new DateOnly(2026, 6, 30), new DateOnly(2026, 1, 1)));
        Assert.Equal("Cycle.PeriodReversed", error.Code);
    }

    [Fact]
    public void CycleGoesFromDraftToOpenToClosedToPublished()
    {
        var cycle = DraftCycle();

        cycle.Open(CriterionBuilder.Defaults(), TierBounds.Default, CriterionBuilder.Panel, Now);
        Assert.Equal(CycleStatus.Open, cycle.Status);
        cycle.Close(Now.AddDays(30));
        Assert.Equal(CycleStatus.Closed, cycle.Status);
        cycle.Publish(Now.AddDays(31));
        Assert.Equal(CycleStatus.Published, cycle.Status);
        Assert.Equal(Now.AddDays(31), cycle.PublishedUtc);
    }

    [Fact]
    public void StepsOutOfOrderAreRefused()
    {
        var draft = DraftCycle();
        Assert.Equal("Cycle.NotOpen", Assert.Throws<DomainException>(() => draft.Close(Now)).Code);
        Assert.Equal("Cycle.NotClosed", Assert.Throws<DomainException>(() => draft.Publish(Now)).Code);

        var open = CriterionBuilder.OpenCycle();
        Assert.Equal("Cycle.NotDraft", Assert.Throws<DomainException>(() => open.Open(CriterionBuilder.Defaults(), TierBounds.Default, CriterionBuilder.Panel, Now)).Code);
        Assert.Equal("Cycle.NotClosed", Assert.Throws<DomainException>(() => open.Publish(Now)).Code);

        open.Close(Now);
        open.Publish(Now);
        Assert.Equal("Cycle.NotClosed", Assert.Throws<DomainException>(() => open.Reopen("late score")).Code);
    }

    [Fact]
    public void ClosedCycleReopensOnlyWithAWrittenReason()
    {
        var cycle = CriterionBuilder.OpenCycle();
        cycle.Close(Now);

        Assert.Equal("Cycle.ReopenReason.Required", Assert.Throws<DomainException>(() => cycle.Reopen("  ")).Code);
        Assert.Equal(CycleStatus.Closed, cycle.Status);

        cycle.Reopen("A panel member was ill");
        Assert.Equal(CycleStatus.Open, cycle.Status);
        Assert.Equal("A panel member was ill", cycle.LastReopenReason);
    }

    [Fact]
    public void CycleCannotOpenWithoutActiveCriteria()
    {
        var retired = CriterionBuilder.Defaults(10);
        retired[0].Retire();

        Assert.Equal("Cycle.NoCriteria", Assert.Throws<DomainException>(() => DraftCycle().Open(retired, TierBounds.Default, CriterionBuilder.Panel, Now)).Code);
    }

    [Fact]
    public void OpeningFreezesActiveCriteriaInTheirOrderWithBounds()
    {
        var criteria = CriterionBuilder.Defaults();
        criteria[1].Retire();
        criteria[0].MoveTo(99);
        var bounds = new TierBounds(95, 85, 75, 65);

        var cycle = DraftCycle();
        cycle.Open(criteria, bounds, CriterionBuilder.Panel, Now);

        Assert.Equal(["Criterion 3", "Criterion 4", "Criterion 5", "Criterion 1"], cycle.Criteria.Select(c => c.NameEn));
        Assert.Equal(bounds, cycle.Bounds);
        Assert.Equal(Now, cycle.OpenedUtc);
    }

    [Fact]
    public void ChangingCriteriaOrBoundsAfterOpeningChangesNothingInTheCycle()
    {
        var criteria = CriterionBuilder.Defaults();
        var cycle = CriterionBuilder.OpenCycle(criteria);
        var scores = cycle.Criteria.Zip([92m, 85m, 78m, 88m, 70m])
            .Select(p => cycle.RecordScore(p.First.Id, Member, p.First.ScoredBy.First(), 1, p.Second, null))
            .ToList();
        var before = cycle.Rate(scores);

        criteria[0].Reweight(100);
        criteria[1].Rename("改名", "Renamed", null);
        criteria[2].SetScoringRoles([PanelRole.MonopolyLeader]);
        criteria[3].Retire();

        var after = cycle.Rate(scores);
        Assert.Equal(83.70m, before.FinalScore);
        Assert.Equal(before.FinalScore, after.FinalScore);
        Assert.Equal([25m, 20m, 20m, 20m, 15m], cycle.Criteria.Select(c => c.Weight));
        Assert.Equal("Criterion 2", cycle.Criteria.ElementAt(1).NameEn);
        Assert.Equal([PanelRole.LogisticsRep, PanelRole.CallCentreRep], cycle.Criteria.ElementAt(2).ScoredBy);
        Assert.Equal(5, cycle.Criteria.Count);
    }

    [Fact]
    public void OpeningFreezesThePanelAndOnlyItsMembersScore()
    {
        var before = new[] { new PanelSeat("u1", PanelRole.MonopolyLeader), new PanelSeat("u2", PanelRole.SalesLeader) };
        Assert.Equal("Cycle.NoPanel", Assert.Throws<DomainException>(() => DraftCycle().Open(CriterionBuilder.Defaults(), TierBounds.Default, [], Now)).Code);

        var cycle = CriterionBuilder.OpenCycle(panel: before);
        var first = cycle.Criteria.First();

        Assert.Equal(before, cycle.Panel);
        Assert.Equal("Score.NotOnPanel", Assert.Throws<DomainException>(() => cycle.RecordScore(first.Id, "newcomer", PanelRole.MonopolyLeader, 1, 80, null)).Code);
        Assert.Equal("Score.NotOnPanel", Assert.Throws<DomainException>(() => cycle.RecordScore(first.Id, "u2", PanelRole.MonopolyLeader, 1, 80, null)).Code);
        Assert.Equal(80m, cycle.RecordScore(first.Id, "u1", PanelRole.MonopolyLeader, 1, 80, null).Value);
    }

    [Fact]
    public void PanelMemberScoresACriterionTheirRoleCovers()
    {
        var cycle = CriterionBuilder.OpenCycle();
        var first = cycle.Criteria.First();

        var score = cycle.RecordScore(first.Id, Member, PanelRole.MonopolyLeader, 3, 88.5m, "  thorough  ");

        Assert.Equal(88.5m, score.Value);
        Assert.Equal("thorough", score.Comment);
        Assert.Equal(3, score.AccountManagerId);
        Assert.Equal(cycle.Id, score.CycleId);
    }

    [Fact]
    public void PanelMemberCannotScoreACriterionTheirRoleDoesNotCover()
    {
        var cycle = CriterionBuilder.OpenCycle();
        var monopolyOnly = cycle.Criteria.First();

        var error = Assert.Throws<DomainException>(() => cycle.RecordScore(monopolyOnly.Id, "sales", PanelRole.SalesLeader, 1, 80, null));
        Assert.Equal("Score.RoleNotAllowed", error.Code);
    }

    [Fact]
    public void CriterionOfAnotherCycleCannotBeScored()
    {
        var cycle = CriterionBuilder.OpenCycle();

        Assert.Equal("Score.UnknownCriterion", Assert.Throws<DomainException>(() => cycle.RecordScore(9999, Member, PanelRole.MonopolyLeader, 1, 80, null)).Code);
    }

    [Theory]
    [InlineData("-0.1", "Score.OutOfRange")]
    [InlineData("100.1", "Score.OutOfRange")]
    [InlineData("100.05", "Score.OutOfRange")]
    [InlineData("85.25", "Score.TooManyDecimals")]
    [InlineData("0.01", "Score.TooManyDecimals")]
    public void ScoreOutsideTheScaleOrWithMoreThanOneDecimalIsRefused(string value, string code)
    {
        var cycle = CriterionBuilder.OpenCycle();
        var criterion = cycle.Criteria.First();

        var error = Assert.Throws<DomainException>(() => cycle.RecordScore(criterion.Id, Member, PanelRole.MonopolyLeader, 1, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), null));
        Assert.Equal(code, error.Code);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("100.0")]
    [InlineData("59.9")]
    public void ScoresOnTheScaleWithAtMostOneDecimalAreAccepted(string value)
    {
        var cycle = CriterionBuilder.OpenCycle();

        var score = cycle.RecordScore(cycle.Criteria.First().Id, Member, PanelRole.MonopolyLeader, 1, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), null);

        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), score.Value);
    }

    [Fact]
    public void NothingCanBeScoredInACycleThatIsNotOpen()
    {
        var draft = CriterionBuilder.WithId(new EvaluationCycle("draft", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)), 3);
        Assert.Equal("Cycle.NotOpen", Assert.Throws<DomainException>(() => draft.RecordScore(1, Member, PanelRole.MonopolyLeader, 1, 80, null)).Code);

        var cycle = CriterionBuilder.OpenCycle();
        var criterion = cycle.Criteria.First();
        var score = cycle.RecordScore(criterion.Id, Member, PanelRole.MonopolyLeader, 1, 80, null);
        cycle.Close(Now);

        Assert.Equal("Cycle.NotOpen", Assert.Throws<DomainException>(() => cycle.RecordScore(criterion.Id, Member, PanelRole.MonopolyLeader, 2, 80, null)).Code);
        Assert.Equal("Cycle.NotOpen", Assert.Throws<DomainException>(() => cycle.ChangeScore(score, Member, 90, null)).Code);
        Assert.Equal(80m, score.Value);

        cycle.Publish(Now);
        Assert.Equal("Cycle.NotOpen", Assert.Throws<DomainException>(() => cycle.ChangeScore(score, Member, 90, null)).Code);
    }

    [Fact]
    public void PanelMemberChangesOnlyTheirOwnScoreWhileOpen()
    {
        var cycle = CriterionBuilder.OpenCycle();
        var shared = cycle.Criteria.Last();
        var score = cycle.RecordScore(shared.Id, Member, PanelRole.MonopolyLeader, 1, 80, null);

        Assert.Equal("Score.NotYours", Assert.Throws<DomainException>(() => cycle.ChangeScore(score, "someone-else", 10, null)).Code);

        cycle.ChangeScore(score, Member, 91.5m, "revised");
        Assert.Equal(91.5m, score.Value);
        Assert.Equal("revised", score.Comment);
    }

    [Fact]
    public void ClosingComputesEveryManagersResultFromTheFrozenCriteria()
    {
        var cycle = CriterionBuilder.OpenCycle();
        var scores = new List<PanelScore>();
        foreach (var (criterion, value) in cycle.Criteria.Zip([92m, 85m, 78m, 88m, 70m]))
        {
            foreach (var role in criterion.ScoredBy)
            {
                scores.Add(cycle.RecordScore(criterion.Id, role.ToString(), role, 1, value, null));
            }
        }

        // Manager 2 got only the first criterion: not rated.
        scores.Add(cycle.RecordScore(cycle.Criteria.First().Id, Member, PanelRole.MonopolyLeader, 2, 100, null));
        cycle.Close(Now);

        var results = cycle.ComputeResults([1, 2, 3], scores, Now).ToDictionary(r => r.AccountManagerId);

        Assert.True(results[1].IsRated);
        Assert.Equal(83.70m, results[1].FinalScore);
        Assert.Equal(Tier.FourStar, results[1].Tier);
        Assert.Equal(5, results[1].CriterionScores.Count);
        Assert.False(results[2].IsRated);
        Assert.Null(results[2].FinalScore);
        Assert.False(results[3].IsRated);
    }
}
