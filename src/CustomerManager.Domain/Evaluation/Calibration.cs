using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>A limit of the tier guideline: at most and/or at least this share (percent) of the rated managers in <paramref name="Tier"/>.</summary>
public sealed record GuidelineLimit(Tier Tier, decimal? AtMostPercent, decimal? AtLeastPercent);

/// <summary>How many rated managers fall in each tier (the not rated are not counted).</summary>
public sealed record TierShares(int Rated, IReadOnlyDictionary<Tier, int> Counts)
{
    public static TierShares Of(IEnumerable<Tier?> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var rated = tiers.Where(t => t is not null).Select(t => t!.Value).ToList();
        return new TierShares(rated.Count, rated.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count()));
    }

    public int CountOf(Tier tier) => Counts.GetValueOrDefault(tier);

    /// <summary>The share of the rated managers in <paramref name="tier"/>, in percent to one decimal (0 when none is rated).</summary>
    public decimal PercentOf(Tier tier) => Rated == 0 ? 0m : Math.Round(CountOf(tier) * 100m / Rated, 1, MidpointRounding.AwayFromZero);
}

/// <summary>
/// A tier whose share exceeds the guideline, over the company (<paramref name="DepartmentId"/> null) or one department:
/// <paramref name="AtMost"/> true when the share is above its "at most" limit, false when below its "at least".
/// </summary>
public sealed record GuidelineBreach(int? DepartmentId, Tier Tier, int Count, int Rated, decimal Percent, decimal Limit, bool AtMost);

/// <summary>
/// A rated manager whose final score lies within a point of a tier bound: <paramref name="Towards"/> is the tier one
/// point would move them into (up when <paramref name="Distance"/> is positive: below the bound; down when not).
/// </summary>
public sealed record NearBound(int AccountManagerId, decimal FinalScore, Tier Tier, decimal Bound, Tier Towards, decimal Distance);

/// <summary>
/// One panel member's scoring habits in a cycle: <paramref name="Leniency"/> is the mean of their score minus the mean of
/// the other members' scores on the same criterion of the same manager (null when no one else scored what they scored);
/// <paramref name="Spread"/> the standard deviation of their scores (how much they tell managers apart).
/// </summary>
public sealed record RaterHabits(string PanelMemberId, int Scores, int Compared, decimal? Leniency, decimal Mean, decimal Spread)
{
    public bool IsLenient(decimal threshold) => Leniency >= threshold;

    public bool IsSevere(decimal threshold) => Leniency <= -threshold;
}

/// <summary>
/// The fairness checks of a closed cycle before it is published (校准): the tier distribution against the guideline,
/// managers near a bound, each rater's leniency and spread. Nothing here changes a score: it shows, people act.
/// </summary>
public static class Calibration
{
    /// <summary>Near a bound means within this many points of it.</summary>
    public const decimal NearBoundPoints = 1m;

    /// <summary>A rater whose mean deviation from the others reaches this many points is flagged lenient (or severe).</summary>
    public const decimal DefaultLeniencyThreshold = 5m;

    /// <summary>Checks a guideline: shares 0–100 %, at least ≤ at most, the "at least" shares not above 100 % together; empty limits dropped.</summary>
    public static IReadOnlyList<GuidelineLimit> CheckGuideline(IEnumerable<GuidelineLimit> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var kept = limits.Where(l => l.AtMostPercent is not null || l.AtLeastPercent is not null)
            .GroupBy(l => l.Tier).Select(g => g.Last()).OrderByDescending(l => l.Tier).ToList();
        foreach (var limit in kept)
        {
            if (!Enum.IsDefined(limit.Tier) || limit.AtMostPercent is < 0 or > 100 || limit.AtLeastPercent is < 0 or > 100)
            {
                throw new DomainException(ErrorCodes.Cycle.GuidelineOutOfRange, "A guideline share lies between 0 and 100 %.", limit.Tier);
            }

            if (limit.AtMostPercent < limit.AtLeastPercent)
            {
                throw new DomainException(ErrorCodes.Cycle.GuidelineReversed, "A tier's \"at least\" share cannot exceed its \"at most\".", limit.Tier);
            }
        }

        return kept.Sum(l => l.AtLeastPercent ?? 0m) > 100m
            ? throw new DomainException(ErrorCodes.Cycle.GuidelineOverfull, "The \"at least\" shares add up to more than 100 %.")
            : kept;
    }

    /// <summary>One limit in words, for the record: <c>FiveStar ≤ 10%</c>, <c>Developing ≥ 5%</c>, or both bounds.</summary>
    public static string Describe(GuidelineLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var parts = new List<string>();
        if (limit.AtLeastPercent is { } least)
        {
            parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"≥ {least:0.##}%"));
        }

        if (limit.AtMostPercent is { } most)
        {
            parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"≤ {most:0.##}%"));
        }

        return $"{limit.Tier} {string.Join(' ', parts)}";
    }

    /// <summary>The limits <paramref name="shares"/> exceed (none when nobody is rated).</summary>
    public static IReadOnlyList<GuidelineBreach> Breaches(IEnumerable<GuidelineLimit> guideline, TierShares shares, int? departmentId)
    {
        ArgumentNullException.ThrowIfNull(guideline);
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Rated == 0)
        {
            return [];
        }

        var breaches = new List<GuidelineBreach>();
        foreach (var limit in guideline.OrderByDescending(l => l.Tier))
        {
            // Compared exactly (count × 100 against limit × rated): a share shown rounded never hides a breach.
            var count = shares.CountOf(limit.Tier);
            if (limit.AtMostPercent is { } most && count * 100m > most * shares.Rated)
            {
                breaches.Add(new GuidelineBreach(departmentId, limit.Tier, count, shares.Rated, shares.PercentOf(limit.Tier), most, AtMost: true));
            }

            if (limit.AtLeastPercent is { } least && count * 100m < least * shares.Rated)
            {
                breaches.Add(new GuidelineBreach(departmentId, limit.Tier, count, shares.Rated, shares.PercentOf(limit.Tier), least, AtMost: false));
            }
        }

        return breaches;
    }

    /// <summary>The nearest tier bound within <see cref="NearBoundPoints"/> of a final score, or null when none is that near.</summary>
    public static NearBound? NearestBound(int accountManagerId, decimal finalScore, TierBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        var score = ScoreRules.RoundFinalScore(finalScore);
        var tier = bounds.TierFor(score);
        (Tier Tier, decimal Bound)[] all = [(Tier.FiveStar, bounds.FiveStar), (Tier.FourStar, bounds.FourStar), (Tier.ThreeStar, bounds.ThreeStar), (Tier.Ordinary, bounds.Ordinary)];
        return all
            .Select(b => (b.Tier, b.Bound, Distance: b.Bound - score))
            .Where(b => Math.Abs(b.Distance) <= NearBoundPoints)
            .OrderBy(b => Math.Abs(b.Distance)).ThenBy(b => b.Distance)
            .Select(b => new NearBound(accountManagerId, score, tier, b.Bound, b.Distance > 0 ? b.Tier : b.Tier - 1, b.Distance))
            .FirstOrDefault();
    }

    /// <summary>Each panel member's leniency and spread over the given scores of one cycle, by member id.</summary>
    public static IReadOnlyList<RaterHabits> Raters(IEnumerable<IGivenScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var list = scores.ToList();
        var byItem = list.ToLookup(s => (s.AccountManagerId, s.CycleCriterionId));
        return
        [
            .. list.GroupBy(s => s.PanelMemberId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var deviations = g
                    .Select(s => (s.Value, Others: byItem[(s.AccountManagerId, s.CycleCriterionId)].Where(o => o.PanelMemberId != s.PanelMemberId).Select(o => o.Value).ToList()))
                    .Where(x => x.Others.Count > 0)
                    .Select(x => x.Value - x.Others.Average())
                    .ToList();
                var values = g.Select(s => s.Value).ToList();
                var mean = values.Average();
                var spread = (decimal)Math.Sqrt(values.Average(v => (double)((v - mean) * (v - mean))));
                return new RaterHabits(
                    g.Key, values.Count, deviations.Count,
                    deviations.Count == 0 ? null : Math.Round(deviations.Average(), 2, MidpointRounding.AwayFromZero),
                    Math.Round(mean, 2, MidpointRounding.AwayFromZero), Math.Round(spread, 2, MidpointRounding.AwayFromZero));
            }),
        ];
    }
}
