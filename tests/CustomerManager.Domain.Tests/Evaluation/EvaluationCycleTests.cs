using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using static CustomerManager.Domain.Tests.Builders.CriterionBuilder;

namespace CustomerManager.Domain.Tests.Evaluation;

public class EvaluationCycleTests
{
    private const string Member = "user-monopoly";

    private static readonly IReadOnlyDictionary<int, EvidenceFigures> NoEvidence = new Dictionary<int, EvidenceFigures>();

    private static void Close(EvaluationCycle cycle, IReadOnlyCollection<PanelScore>? scores = null, IEnumerable<int>? active = null) =>
        cycle.Close(active ?? [1], scores ?? [], NoEvidence, AfterPeriod);

    [Fact]
    public void NewCycleIsADraftWithNothingFrozen()
    {
        var cycle = DraftCycle();

        Assert.Equal(CycleStatus.Draft, cycle.Status);
        Assert.Empty(cycle.Criteria);
        Assert.Null(cycle.Bounds);
        Assert.Empty(cycle.Results);
    }

    [Fact]
    public void PeriodThatEndsBeforeItStartsIsRejected()
    {
        var error = Assert.Throws<DomainException>(() => EvaluationCycle.Plan("x", new DateOnly(2026, 6, 30), new DateOnly(2026, 1, 1), EvaluationCalendar.Empty));
        Assert.Equal(ErrorCodes.Cycle.PeriodReversed, error.Code);
    }

    [Fact]
    public void CycleGoesFromDraftToOpenToClosedToPublished()
    {
        var cycle = DraftCycle();

        cycle.Open(Defaults(), TierBounds.Default, Panel, DuringPeriod);
        Assert.Equal(CycleStatus.Open, cycle.Status);
        Assert.Equal(DuringPeriod.UtcDateTime, cycle.OpenedUtc);
        Close(cycle);
        Assert.Equal(CycleStatus.Closed, cycle.Status);
        cycle.Publish(AfterPeriod.AddDays(1));
        Assert.Equal(CycleStatus.Published, cycle.Status);
        Assert.Equal(AfterPeriod.AddDays(1).UtcDateTime, cycle.PublishedUtc);
    }

    [Fact]
    public void ACycleOpensFromTheFirstDayOfItsPeriodInTheCompanysTimeZone()
    {
        // The company's calendar day decides, not UTC's: 23:30 on 31 December in Beijing is still 2025 (too
        // early), 00:30 on 1 January is the first day of the period although UTC still says 31 December.
        var tooEarly = DraftCycle();
        var error = Assert.Throws<DomainException>(() => tooEarly.Open(Defaults(), TierBounds.Default, Panel, new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.FromHours(8))));
        Assert.Equal(ErrorCodes.Cycle.NotStarted, error.Code);
        Assert.Equal(new DateOnly(2026, 1, 1), Assert.Single(error.Arguments));
        Assert.Equal(CycleStatus.Draft, tooEarly.Status);

        var onTime = DraftCycle();
        Assert.False(onTime.CanOpenOn(new DateOnly(2025, 12, 31)));
        Assert.True(onTime.CanOpenOn(new DateOnly(2026, 1, 1)));
        onTime.Open(Defaults(), TierBounds.Default, Panel, new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.FromHours(8)));
        Assert.Equal(CycleStatus.Open, onTime.Status);
    }

    [Fact]
    public void ACycleClosesOnlyOnceItsPeriodIsOver()
    {
        var cycle = OpenCycle();

        var error = Assert.Throws<DomainException>(() => cycle.Close([1], [], NoEvidence, At(2026, 6, 30, 23)));
        Assert.Equal(ErrorCodes.Cycle.PeriodNotOver, error.Code);
        Assert.Equal(new DateOnly(2026, 7, 1), Assert.Single(error.Arguments));
        Assert.Equal(CycleStatus.Open, cycle.Status);
        Assert.Empty(cycle.Results);
        Assert.False(cycle.CanCloseOn(new DateOnly(2026, 6, 30)));
        Assert.True(cycle.CanCloseOn(new DateOnly(2026, 7, 1)));

        cycle.Close([1], [], NoEvidence, At(2026, 7, 1, 0));
        Assert.Equal(CycleStatus.Closed, cycle.Status);
    }

    [Fact]
    public void StepsOutOfOrderAreRefused()
    {
        var draft = DraftCycle();
        Assert.Equal(ErrorCodes.Cycle.NotOpen, Assert.Throws<DomainException>(() => Close(draft)).Code);
        Assert.Equal(ErrorCodes.Cycle.NotClosed, Assert.Throws<DomainException>(() => draft.Publish(AfterPeriod)).Code);

        var open = OpenCycle();
        Assert.Equal(ErrorCodes.Cycle.NotDraft, Assert.Throws<DomainException>(() => open.Open(Defaults(), TierBounds.Default, Panel, DuringPeriod)).Code);
        Assert.Equal(ErrorCodes.Cycle.NotClosed, Assert.Throws<DomainException>(() => open.Publish(AfterPeriod)).Code);
        Assert.Equal(ErrorCodes.Cycle.NotDraft, Assert.Throws<DomainException>(() => open.Reschedule("x", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2), EvaluationCalendar.Empty)).Code);
        Assert.Equal(ErrorCodes.Cycle.NotDraft, Assert.Throws<DomainException>(open.EnsureDeletable).Code);

        Close(open);
        open.Publish(AfterPeriod);
        Assert.Equal(ErrorCodes.Cycle.NotClosed, Assert.Throws<DomainException>(() => open.Reopen("late score")).Code);
    }

    [Fact]
    public void ADraftCanBeRescheduledAndDeleted()
    {
        var draft = DraftCycle();
        var calendar = new EvaluationCalendar([draft.Period, new CyclePeriod(8, "2025 H2", new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31), CycleStatus.Published)]);

        draft.Reschedule("  2026 Q1 ", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), calendar);
        draft.EnsureDeletable();

        Assert.Equal("2026 Q1", draft.Name);
        Assert.Equal(new DateOnly(2026, 3, 31), draft.PeriodEnd);
    }

    [Theory]
    [InlineData("2025 H2", "2026-01-01", "2026-06-30", ErrorCodes.Cycle.NameTaken)]
    [InlineData("2025 h2 ", "2026-01-01", "2026-06-30", ErrorCodes.Cycle.NameTaken)]
    [InlineData("2026 H1", "2025-12-31", "2026-06-30", ErrorCodes.Cycle.Overlaps)]
    [InlineData("2026 H1", "2025-07-01", "2025-07-01", ErrorCodes.Cycle.Overlaps)]
    public void NamesAreUniqueAndPeriodsNeverOverlap(string name, string start, string end, string code)
    {
        var calendar = new EvaluationCalendar([new CyclePeriod(8, "2025 H2", new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31), CycleStatus.Published)]);

        var error = Assert.Throws<DomainException>(() => EvaluationCycle.Plan(name, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), calendar));

        Assert.Equal(code, error.Code);
        Assert.Equal("2025 H2", Assert.Single(error.Arguments));
    }

    [Fact]
    public void ClosedCycleReopensOnlyWithAWrittenReasonAndWithdrawsItsResults()
    {
        var cycle = OpenCycle();
        Close(cycle, active: [1, 2]);
        Assert.Equal(2, cycle.Results.Count);

        Assert.Equal(ErrorCodes.Cycle.ReopenReasonRequired, Assert.Throws<DomainException>(() => cycle.Reopen("  ")).Code);
        Assert.Equal(CycleStatus.Closed, cycle.Status);
        Assert.Equal(2, cycle.Results.Count);

        cycle.Reopen("A panel member was ill");
        Assert.Equal(CycleStatus.Open, cycle.Status);
        Assert.Equal("A panel member was ill", cycle.LastReopenReason);
        Assert.Empty(cycle.Results);
        Assert.Null(cycle.ClosedUtc);
    }

    [Fact]
    public void CycleCannotOpenWithoutActiveCriteria()
    {
        var retired = Defaults(10, 20);
        retired[0].Retire(activeCriteria: 2);
        retired[1].Retire(activeCriteria: 2);

        Assert.Equal(ErrorCodes.Cycle.NoCriteria, Assert.Throws<DomainException>(() => DraftCycle().Open(retired, TierBounds.Default, Panel, DuringPeriod)).Code);
    }

    [Fact]
    public void OpeningFreezesActiveCriteriaInTheirOrderWithBounds()
    {
        var criteria = Defaults();
        criteria[1].Retire(activeCriteria: 5);
        criteria[0].MoveTo(99);
        var bounds = new TierBounds(95, 85, 75, 65);

        var cycle = DraftCycle();
        cycle.Open(criteria, bounds, Panel, DuringPeriod);

        Assert.Equal(["Criterion 3", "Criterion 4", "Criterion 5", "Criterion 1"], cycle.Criteria.Select(c => c.NameEn));
        Assert.Equal(bounds, cycle.Bounds);
    }

    [Fact]
    public void ChangingCriteriaOrBoundsAfterOpeningChangesNothingInTheCycle()
    {
        var criteria = Defaults();
        var cycle = OpenCycle(criteria);
        var scores = cycle.Criteria.Zip([92m, 85m, 78m, 88m, 70m])
            .Select(p => cycle.RecordScore(p.First.Id, Member, p.First.ScoredBy.First(), 1, p.Second, null))
            .ToList();
        var before = cycle.Rate(scores);

        criteria[0].Reweight(100);
        criteria[1].Rename("改名", "Renamed", null);
        criteria[2].SetScoringRoles([PanelRole.MonopolyLeader]);
        criteria[3].Retire(activeCriteria: 5);

        var after = cycle.Rate(scores);
        Assert.Equal(83.70m, before.FinalScore);
        Assert.Equal(before.FinalScore, after.FinalScore);
        Assert.Equal([25m, 20m, 20m, 20m, 15m], cycle.Criteria.Select(c => c.Weight));
        Assert.Equal("Criterion 2", cycle.Criteria.ElementAt(1).NameEn);
        Assert.Equal([PanelRole.LogisticsRep, PanelRole.CallCentreRep], cycle.Criteria.ElementAt(2).ScoredBy);
        Assert.Equal(5, cycle.Criteria.Count);
    }

    [Fact]
    public void EachFrozenCriterionCountsAsItsShareOfTheFrozenTotal()
    {
        var cycle = OpenCycle(Defaults(30, 10, 10));

        Assert.Equal(50m, cycle.TotalWeight);
        Assert.Equal([0.6m, 0.2m, 0.2m], cycle.Criteria.Select(cycle.ShareOf));
    }

    [Fact]
    public void OpeningFreezesThePanelAndOnlyItsMembersScore()
    {
        var before = new[] { new PanelSeat("u1", PanelRole.MonopolyLeader), new PanelSeat("u2", PanelRole.SalesLeader) };
        Assert.Equal(ErrorCodes.Cycle.NoPanel, Assert.Throws<DomainException>(() => DraftCycle().Open(Defaults(), TierBounds.Default, [], DuringPeriod)).Code);

        var cycle = OpenCycle(panel: before);
        var first = cycle.Criteria.First();

        Assert.Equal(before, cycle.Panel);
        Assert.Equal(ErrorCodes.Score.NotOnPanel, Assert.Throws<DomainException>(() => cycle.RecordScore(first.Id, "newcomer", PanelRole.MonopolyLeader, 1, 80, null)).Code);
        Assert.Equal(ErrorCodes.Score.NotOnPanel, Assert.Throws<DomainException>(() => cycle.RecordScore(first.Id, "u2", PanelRole.MonopolyLeader, 1, 80, null)).Code);
        Assert.Equal(80m, cycle.RecordScore(first.Id, "u1", PanelRole.MonopolyLeader, 1, 80, null).Value);
    }

    [Fact]
    public void PanelMemberScoresACriterionTheirRoleCovers()
    {
        var cycle = OpenCycle();
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
        var cycle = OpenCycle();
        var monopolyOnly = cycle.Criteria.First();

        var error = Assert.Throws<DomainException>(() => cycle.RecordScore(monopolyOnly.Id, "sales", PanelRole.SalesLeader, 1, 80, null));
        Assert.Equal(ErrorCodes.Score.RoleNotAllowed, error.Code);
    }

    [Fact]
    public void CriterionOfAnotherCycleCannotBeScored()
    {
        var cycle = OpenCycle();

        Assert.Equal(ErrorCodes.Score.UnknownCriterion, Assert.Throws<DomainException>(() => cycle.RecordScore(9999, Member, PanelRole.MonopolyLeader, 1, 80, null)).Code);
    }

    [Theory]
    [InlineData("-0.1", ErrorCodes.Score.OutOfRange)]
    [InlineData("100.1", ErrorCodes.Score.OutOfRange)]
    [InlineData("100.05", ErrorCodes.Score.OutOfRange)]
    [InlineData("85.25", ErrorCodes.Score.TooManyDecimals)]
    [InlineData("0.01", ErrorCodes.Score.TooManyDecimals)]
    public void ScoreOutsideTheScaleOrWithMoreThanOneDecimalIsRefused(string value, string code)
    {
        var cycle = OpenCycle();
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
        var cycle = OpenCycle();

        var score = cycle.RecordScore(cycle.Criteria.First().Id, Member, PanelRole.MonopolyLeader, 1, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), null);

        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), score.Value);
    }

    [Fact]
    public void NothingCanBeScoredInACycleThatIsNotOpen()
    {
        var draft = DraftCycle(id: 3);
        Assert.Equal(ErrorCodes.Cycle.NotOpen, Assert.Throws<DomainException>(() => draft.RecordScore(1, Member, PanelRole.MonopolyLeader, 1, 80, null)).Code);

        var cycle = OpenCycle();
        var criterion = cycle.Criteria.First();
        var score = cycle.RecordScore(criterion.Id, Member, PanelRole.MonopolyLeader, 1, 80, null);
        Close(cycle, [score]);

        Assert.Equal(ErrorCodes.Cycle.NotOpen, Assert.Throws<DomainException>(() => cycle.RecordScore(criterion.Id, Member, PanelRole.MonopolyLeader, 2, 80, null)).Code);
        Assert.Equal(ErrorCodes.Cycle.NotOpen, Assert.Throws<DomainException>(() => cycle.ChangeScore(score, Member, 90, null)).Code);
        Assert.Equal(80m, score.Value);

        cycle.Publish(AfterPeriod);
        Assert.Equal(ErrorCodes.Cycle.NotOpen, Assert.Throws<DomainException>(() => cycle.ChangeScore(score, Member, 90, null)).Code);
    }

    [Fact]
    public void PanelMemberChangesOnlyTheirOwnScoreWhileOpen()
    {
        var cycle = OpenCycle();
        var shared = cycle.Criteria.Last();
        var score = cycle.RecordScore(shared.Id, Member, PanelRole.MonopolyLeader, 1, 80, null);

        Assert.Equal(ErrorCodes.Score.NotYours, Assert.Throws<DomainException>(() => cycle.ChangeScore(score, "someone-else", 10, null)).Code);

        cycle.ChangeScore(score, Member, 91.5m, "revised");
        Assert.Equal(91.5m, score.Value);
        Assert.Equal("revised", score.Comment);
    }

    [Fact]
    public void EveryActiveManagerAndEveryoneScoredGetsAResult()
    {
        var cycle = OpenCycle();
        var left = cycle.RecordScore(cycle.Criteria.First().Id, Member, PanelRole.MonopolyLeader, 9, 70, null);
        var other = OpenCycle(id: 8);
        var elsewhere = other.RecordScore(other.Criteria.First().Id, Member, PanelRole.MonopolyLeader, 5, 70, null);

        Assert.Equal([1, 2, 9], cycle.RatedManagers([2, 1, 2], [left, elsewhere]));
    }

    [Fact]
    public void ClosingStoresEveryManagersResultFromTheFrozenCriteriaWithTheEvidenceThePanelSaw()
    {
        var cycle = OpenCycle();
        var scores = new List<PanelScore>();
        foreach (var (criterion, value) in cycle.Criteria.Zip([92m, 85m, 78m, 88m, 70m]))
        {
            foreach (var role in criterion.ScoredBy)
            {
                scores.Add(cycle.RecordScore(criterion.Id, role.ToString(), role, 1, value, null));
            }
        }

        // Manager 2 got only the first criterion: not rated. Manager 3 has no visits: evidence all zero.
        scores.Add(cycle.RecordScore(cycle.Criteria.First().Id, Member, PanelRole.MonopolyLeader, 2, 100, null));
        var seen = EvidenceFigures.None with { Visits = 72, CustomersCovered = 18, CustomersAssigned = 20 };
        cycle.Close([1, 2, 3], scores, new Dictionary<int, EvidenceFigures> { [1] = seen }, AfterPeriod);

        var results = cycle.Results.ToDictionary(r => r.AccountManagerId);
        Assert.True(results[1].IsRated);
        Assert.Equal(83.70m, results[1].FinalScore);
        Assert.Equal(Tier.FourStar, results[1].Tier);
        Assert.Equal(5, results[1].CriterionScores.Count);
        Assert.Equal(seen, results[1].Evidence);
        Assert.NotSame(seen, results[1].Evidence);
        Assert.Equal(AfterPeriod.UtcDateTime, results[1].EvidenceTakenUtc);
        Assert.False(results[2].IsRated);
        Assert.Null(results[2].FinalScore);
        Assert.False(results[3].IsRated);
        Assert.Equal(EvidenceFigures.None, results[3].Evidence);
    }

    [Fact]
    public void StoredEvidenceIsNeverReplaced()
    {
        var cycle = OpenCycle();
        Close(cycle);
        var result = cycle.Results.Single();

        result.RecordMissingEvidence(EvidenceFigures.None with { Visits = 5 }, AfterPeriod.AddDays(30).UtcDateTime);

        Assert.Equal(0, result.Evidence.Visits);
        Assert.Equal(AfterPeriod.UtcDateTime, result.EvidenceTakenUtc);
    }
}
