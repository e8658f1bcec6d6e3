namespace CustomerManager.Domain.Customers;

/// <summary>How often a customer is visited (拜访频次).</summary>
public enum VisitFrequency
{
    /// <summary>每周: every week, on the route day.</summary>
    Weekly = 1,

    /// <summary>每两周: every other week, on the route day of the customer's week of the fortnight.</summary>
    Fortnightly = 2,

    /// <summary>每月: once a month, on the first, second, third or fourth route day of the month.</summary>
    Monthly = 3,
}

/// <summary>What a visit frequency means in days: when a customer becomes overdue, how many route weeks it has.</summary>
public static class VisitFrequencies
{
    /// <summary>
    /// The longest a customer may go without a visit: 7, 14 or 35 days. Monthly allows five weeks, the longest gap
    /// between two "first Mondays" of consecutive months, so that a customer visited on its plan is never overdue.
    /// </summary>
    public static int AllowedDays(VisitFrequency frequency) => frequency switch
    {
        VisitFrequency.Weekly => 7,
        VisitFrequency.Fortnightly => 14,
        VisitFrequency.Monthly => 35,
        _ => throw new ArgumentOutOfRangeException(nameof(frequency)),
    };

    /// <summary>
    /// The earliest day a last visit may fall on for the customer not to be overdue on <paramref name="asOf"/>: a
    /// customer whose last visit (or, never visited, whose assignment to its manager) is older is overdue.
    /// </summary>
    public static DateOnly OverdueBefore(VisitFrequency frequency, DateOnly asOf) => asOf.AddDays(-AllowedDays(frequency));

    /// <summary>Whether a customer last visited at <paramref name="lastVisit"/> and served since <paramref name="servedSince"/> is overdue on <paramref name="asOf"/>.</summary>
    public static bool IsOverdue(VisitFrequency frequency, DateTime? lastVisit, DateOnly servedSince, DateOnly asOf)
    {
        var cutoff = OverdueBefore(frequency, asOf);
        return servedSince < cutoff && (lastVisit is null || DateOnly.FromDateTime(lastVisit.Value) < cutoff);
    }

    /// <summary>How many route weeks a frequency has: 1 (weekly), 2 (weeks of the fortnight), 4 (route days of the month).</summary>
    public static int RouteWeeks(VisitFrequency frequency) => frequency switch
    {
        VisitFrequency.Weekly => 1,
        VisitFrequency.Fortnightly => 2,
        VisitFrequency.Monthly => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(frequency)),
    };

    /// <summary>The frequency each business type gets until administrators choose otherwise.</summary>
    public static VisitFrequency InitialDefault(BusinessType type) => type switch
    {
        BusinessType.Grocery => VisitFrequency.Fortnightly,
        BusinessType.Other => VisitFrequency.Monthly,
        _ => VisitFrequency.Weekly,
    };
}
