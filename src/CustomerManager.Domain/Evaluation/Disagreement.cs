namespace CustomerManager.Domain.Evaluation;

/// <summary>
/// When the panel's scores for one criterion of one manager spread by more than a threshold (default 20
/// points), the result is flagged so the panel can look again before the cycle closes.
/// </summary>
public static class Disagreement
{
    public const decimal DefaultThreshold = 20m;

    /// <summary>Highest minus lowest score; zero for fewer than two scores.</summary>
    public static decimal Spread(IEnumerable<decimal> scores)
    {
        var list = scores.ToList();
        return list.Count < 2 ? 0m : list.Max() - list.Min();
    }

    /// <summary>The (manager, criterion) pairs whose scores spread by more than the threshold.</summary>
    public static IReadOnlyList<(int AccountManagerId, int CycleCriterionId, decimal Spread)> Flags(IEnumerable<IGivenScore> scores, decimal threshold) =>
        scores.GroupBy(s => (s.AccountManagerId, s.CycleCriterionId))
            .Select(g => (g.Key.AccountManagerId, g.Key.CycleCriterionId, Spread: Spread(g.Select(s => s.Value))))
            .Where(x => x.Spread > threshold)
            .OrderBy(x => x.AccountManagerId).ThenBy(x => x.CycleCriterionId)
            .ToList();
}
