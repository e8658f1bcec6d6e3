namespace CustomerManager.Domain.Evaluation;

/// <summary>A criterion as the rating sees it: an id and a weight.</summary>
public readonly record struct WeightedCriterion(int CriterionId, decimal Weight);

/// <summary>One panel member's score for one criterion.</summary>
public readonly record struct CriterionScore(int CriterionId, decimal Value);

/// <summary>The outcome of one criterion: its weight, share of the total weight and mean panel score.</summary>
public sealed record CriterionOutcome(int CriterionId, decimal Weight, decimal Share, decimal? Score, int ScoreCount);

/// <summary>
/// The rating of one manager: rated (final score and tier) only when every criterion has at least one
/// panel score; otherwise not rated, with no score computed from part of the criteria.
/// </summary>
public sealed record RatingResult(bool IsRated, decimal? FinalScore, Tier? Tier, IReadOnlyList<CriterionOutcome> Criteria)
{
    public IEnumerable<int> UnscoredCriteria => Criteria.Where(c => c.Score is null).Select(c => c.CriterionId);
}

/// <summary>
/// The rating, exactly as the domain states it: criterion score = mean of the panel scores; final score =
/// Σ(weight × criterion score) / Σ weight, rounded half away from zero to two decimals, then placed in a
/// tier by inclusive bounds.
/// </summary>
public static class RatingCalculator
{
    public static RatingResult Rate(IReadOnlyCollection<WeightedCriterion> criteria, IEnumerable<CriterionScore> scores, TierBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(bounds);
        if (criteria.Count == 0)
        {
            throw new ArgumentException("A rating needs at least one criterion.", nameof(criteria));
        }

        if (criteria.Any(c => c.Weight <= 0))
        {
            throw new ArgumentException("Every weight must be positive.", nameof(criteria));
        }

        var totalWeight = criteria.Sum(c => c.Weight);
        var byCriterion = scores
            .GroupBy(s => s.CriterionId)
            .ToDictionary(g => g.Key, g => (Sum: g.Sum(s => s.Value), Count: g.Count()));

        var outcomes = criteria
            .Select(c =>
            {
                decimal? mean = byCriterion.TryGetValue(c.CriterionId, out var s) ? s.Sum / s.Count : null;
                return new CriterionOutcome(c.CriterionId, c.Weight, Weighting.Share(c.Weight, totalWeight), mean, s.Count);
            })
            .ToList();

        if (outcomes.Any(o => o.Score is null))
        {
            return new RatingResult(false, null, null, outcomes);
        }

        var weighted = outcomes.Sum(o => o.Weight * o.Score!.Value);
        var finalScore = ScoreRules.RoundFinalScore(weighted / totalWeight);
        return new RatingResult(true, finalScore, bounds.TierFor(finalScore), outcomes);
    }
}
