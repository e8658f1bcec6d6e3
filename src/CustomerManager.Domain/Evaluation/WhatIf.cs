namespace CustomerManager.Domain.Evaluation;

/// <summary>One manager under the current and the proposed settings.</summary>
public sealed record WhatIfRow(int AccountManagerId, decimal? CurrentScore, Tier? CurrentTier, decimal? ProposedScore, Tier? ProposedTier)
{
    public Movement Change => CurrentTier is null || ProposedTier is null ? Movement.Same : TierMovement.Of(CurrentTier, ProposedTier);
}

public sealed record WhatIfResult(IReadOnlyList<WhatIfRow> Rows)
{
    public int MovingUp => Rows.Count(r => r.Change == Movement.Up);

    public int MovingDown => Rows.Count(r => r.Change == Movement.Down);
}

/// <summary>
/// What-if before saving: re-rates a closed cycle's panel scores with proposed weights and bounds, beside
/// the rating under the cycle's own frozen settings. Nothing is stored.
/// </summary>
public static class WhatIf
{
    /// <param name="cycle">A cycle that opened (its frozen criteria, weights and bounds are the "current" settings).</param>
    /// <param name="scores">The cycle's panel scores.</param>
    /// <param name="proposedWeights">Proposed weight by source criterion id; criteria not named keep their frozen weight.</param>
    /// <param name="proposedBounds">Proposed tier bounds.</param>
    public static WhatIfResult Compare(EvaluationCycle cycle, IEnumerable<IGivenScore> scores, IReadOnlyDictionary<int, decimal> proposedWeights, TierBounds proposedBounds)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(proposedWeights);
        var current = cycle.Criteria.Select(c => new WeightedCriterion(c.Id, c.Weight)).ToList();
        var proposed = cycle.Criteria
            .Select(c => new WeightedCriterion(c.Id, proposedWeights.TryGetValue(c.CriterionId, out var w) ? w : c.Weight))
            .Where(c => c.Weight > 0)
            .ToList();
        var rows = scores.Where(s => s.CycleId == cycle.Id).GroupBy(s => s.AccountManagerId)
            .Select(g =>
            {
                var values = g.Select(s => new CriterionScore(s.CycleCriterionId, s.Value)).ToList();
                var before = RatingCalculator.Rate(current, values, cycle.Bounds!);
                var after = proposed.Count == 0 ? before : RatingCalculator.Rate(proposed, values, proposedBounds);
                return new WhatIfRow(g.Key, before.FinalScore, before.Tier, after.FinalScore, after.Tier);
            })
            .OrderBy(r => r.AccountManagerId)
            .ToList();
        return new WhatIfResult(rows);
    }
}
