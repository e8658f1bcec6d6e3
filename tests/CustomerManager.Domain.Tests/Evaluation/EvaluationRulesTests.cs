using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Tests.Builders;

namespace CustomerManager.Domain.Tests.Evaluation;

public class EvaluationRulesTests
{
    [Theory]
    [InlineData(null, Tier.ThreeStar, Movement.New)]
    [InlineData(Tier.ThreeStar, Tier.FourStar, Movement.Up)]
    [InlineData(Tier.FiveStar, Tier.Ordinary, Movement.Down)]
    [InlineData(Tier.Developing, Tier.Developing, Movement.Same)]
    [InlineData(Tier.FourStar, null, Movement.NotRated)]
    public void MovementComparesTheTiers(Tier? previous, Tier? current, Movement expected) =>
        Assert.Equal(expected, TierMovement.Of(previous, current));

    [Fact]
    public void SpreadIsHighestMinusLowestAndZeroForOneScore()
    {
        Assert.Equal(25m, Disagreement.Spread([70m, 95m, 80m]));
        Assert.Equal(0m, Disagreement.Spread([10m]));
    }

    [Fact]
    public void OnlyASpreadAboveTheThresholdIsFlagged()
    {
        var cycle = CriterionBuilder.OpenCycle();
        var shared = cycle.Criteria.Last();
        var scores = new[]
        {
            cycle.RecordScore(shared.Id, "a", PanelRole.MonopolyLeader, 1, 70, null),
            cycle.RecordScore(shared.Id, "b", PanelRole.SalesLeader, 1, 90, null),
        };

        Assert.Empty(Disagreement.Flags(scores, 20m));
        Assert.Single(Disagreement.Flags(scores, 19.9m));
    }

    [Fact]
    public void FlagsNameTheManagerAndCriterion()
    {
        var cycle = CriterionBuilder.OpenCycle();
        var shared = cycle.Criteria.Last();
        var scores = new[]
        {
            cycle.RecordScore(shared.Id, "a", PanelRole.MonopolyLeader, 1, 60, null),
            cycle.RecordScore(shared.Id, "b", PanelRole.SalesLeader, 1, 95, null),
            cycle.RecordScore(shared.Id, "a", PanelRole.MonopolyLeader, 2, 80, null),
            cycle.RecordScore(shared.Id, "b", PanelRole.SalesLeader, 2, 85, null),
        };

        var flags = Disagreement.Flags(scores, 20m);

        Assert.Equal([(1, shared.Id, 35m)], flags);
    }

    [Fact]
    public void CyclePeriodsOverlapWhenTheyShareADay()
    {
        var period = new CyclePeriod(1, "Q1", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), CycleStatus.Draft);

        Assert.True(period.Overlaps(new DateOnly(2026, 3, 31), new DateOnly(2026, 6, 30)));
        Assert.True(period.Overlaps(new DateOnly(2025, 12, 1), new DateOnly(2026, 1, 1)));
        Assert.False(period.Overlaps(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)));
        Assert.True(period.Covers(new DateOnly(2026, 3, 31)));
        Assert.False(period.Covers(new DateOnly(2026, 4, 1)));
    }

    [Theory]
    [InlineData(CycleStatus.Draft, false)]
    [InlineData(CycleStatus.Open, false)]
    [InlineData(CycleStatus.Closed, true)]
    [InlineData(CycleStatus.Published, true)]
    public void OnlyAClosedOrPublishedCycleFreezesTheEvidenceOfItsDays(CycleStatus status, bool frozen)
    {
        var calendar = new EvaluationCalendar([new CyclePeriod(1, "2026 Q1", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), status)]);

        Assert.Equal(frozen, calendar.FrozenOn(new DateOnly(2026, 2, 14)) is not null);
        Assert.Null(calendar.FrozenOn(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void WeightsCountAsTheirShareOfTheTotal()
    {
        Assert.Equal(0.25m, Weighting.Share(10m, 40m));
        Assert.Equal(0m, Weighting.Share(5m, 0m));
    }

    [Fact]
    public void WhatIfShowsScoresAndTiersUnderBothSettingsAndCountsMoves()
    {
        var cycle = CriterionBuilder.OpenCycle();
        var scores = new List<PanelScore>();
        void Score(int manager, params decimal[] values)
        {
            foreach (var (criterion, value) in cycle.Criteria.Zip(values))
            {
                scores.Add(cycle.RecordScore(criterion.Id, "m", criterion.ScoredBy.First(), manager, value, null));
            }
        }

        Score(1, 92, 85, 78, 88, 70);  // 83.70 four-star
        Score(2, 100, 60, 60, 60, 60); // 70.00 three-star; more weight on criterion 1 lifts it
        Score(3, 50, 50, 50, 50, 50);  // 50.00 developing either way

        // Criterion 1 (source id 1) from 25 to 100, and a lower four-star bound.
        var result = WhatIf.Compare(cycle, scores, new Dictionary<int, decimal> { [1] = 100 }, new TierBounds(90, 75, 70, 60));

        var rows = result.Rows.ToDictionary(r => r.AccountManagerId);
        Assert.Equal((83.70m, Tier.FourStar), (rows[1].CurrentScore!.Value, rows[1].CurrentTier!.Value));
        Assert.Equal(Tier.FourStar, rows[1].ProposedTier);
        Assert.Equal(87.26m, rows[1].ProposedScore);              // (100·92 + 20·85 + 20·78 + 20·88 + 15·70) / 175
        Assert.Equal((70.00m, Tier.ThreeStar), (rows[2].CurrentScore!.Value, rows[2].CurrentTier!.Value));
        Assert.Equal((82.86m, Tier.FourStar), (rows[2].ProposedScore!.Value, rows[2].ProposedTier!.Value)); // (100·100 + 60·75) / 175
        Assert.Equal(Movement.Up, rows[2].Change);
        Assert.Equal(Movement.Same, rows[3].Change);
        Assert.Equal((1, 0), (result.MovingUp, result.MovingDown));
        Assert.Equal([25m, 20m, 20m, 20m, 15m], cycle.Criteria.Select(c => c.Weight)); // nothing stored
    }
}
