using CustomerManager.Domain.Customers;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Infrastructure.Queries;

/// <summary>A manager's plan figures for a period (domain.md, "Plan compliance").</summary>
/// <param name="Planned">Visits the route plans called for, on the days the manager served each customer.</param>
/// <param name="Made">Planned visits made: the customer visited in the planned day's week.</param>
/// <param name="OnDay">Planned visits made on the planned day itself.</param>
/// <param name="Overdue">Customers overdue at the period's end, or today while it runs.</param>
public sealed record PlanFigures(int Planned, int Made, int OnDay, int Overdue);

/// <summary>One overdue customer of a manager (set by member, so that queries can go on from it).</summary>
public sealed class OverdueCustomer
{
    public int ManagerId { get; init; }

    public int CustomerId { get; init; }

    public VisitFrequency Frequency { get; init; }
}

/// <summary>
/// Route plans and their compliance (线路拜访, 计划执行率) in grouped queries, never one per customer or per visit:
/// planned visits are counted from the customers grouped by their plan and by the span their manager served them
/// (the days of each plan are counted here, not in SQL); planned visits made from the period's visits' own match to the
/// plan (<see cref="Domain.Visits.Visit.PlannedOn"/>, on its index); overdue customers of every frequency in one query,
/// with one indexed look-up per customer for a visit since its frequency's cutoff.
/// </summary>
public static class VisitPlanQueries
{
    /// <summary>The longest period (days) whose planned visits made are sought day by day for a page of managers: a quarter fits.</summary>
    private const int MaxDaysSought = 100;

    /// <summary>Each business type's visit frequency, the initial default filling any type without a row.</summary>
    public static async Task<Dictionary<BusinessType, VisitFrequency>> FrequencyDefaultsAsync(this AppDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.VisitFrequencyDefaults.AsNoTracking().ToDictionaryAsync(d => d.BusinessType, d => d.Frequency, cancellationToken);
        return Enum.GetValues<BusinessType>().ToDictionary(t => t, t => stored.TryGetValue(t, out var f) ? f : VisitFrequencies.InitialDefault(t));
    }

    /// <summary>
    /// The plan figures of the managers (every one when <paramref name="managers"/> is null) from <paramref name="from"/>
    /// to <paramref name="to"/>, counted up to <paramref name="today"/> when the period runs on past it.
    /// </summary>
    public static async Task<Dictionary<int, PlanFigures>> PlanFiguresAsync(
        this AppDbContext db, DateOnly from, DateOnly to, DateOnly today, IReadOnlyCollection<int>? managers, CancellationToken cancellationToken)
    {
        var last = to < today ? to : today;
        var defaults = await db.FrequencyDefaultsAsync(cancellationToken);
        var planned = new Dictionary<int, int>();
        var made = new Dictionary<int, (int Made, int OnDay)>();
        if (last >= from)
        {
            planned = await PlannedAsync(db, from, last, defaults, managers, cancellationToken);
            made = await MadeAsync(db, from, last, managers, cancellationToken);
        }

        var overdue = await Overdue(db, last < from ? from : last, defaults, managers)
            .GroupBy(o => o.ManagerId)
            .Select(g => new { ManagerId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.ManagerId, c => c.Count, cancellationToken);

        return planned.Keys.Union(made.Keys).Union(overdue.Keys).ToDictionary(
            id => id,
            id => new PlanFigures(planned.GetValueOrDefault(id), made.GetValueOrDefault(id).Made, made.GetValueOrDefault(id).OnDay, overdue.GetValueOrDefault(id)));
    }

    /// <summary>
    /// The customers overdue on <paramref name="asOf"/>: trading, served by the manager that day for longer than their
    /// frequency (their own, else their business type's) allows, and not visited (by anyone) since
    /// <see cref="VisitFrequencies.OverdueBefore"/>. Every frequency in one query: each customer's cutoff is chosen by its
    /// frequency in SQL, so that the served customers are read once, not once per frequency.
    /// </summary>
    public static IQueryable<OverdueCustomer> Overdue(
        AppDbContext db, DateOnly asOf, IReadOnlyDictionary<BusinessType, VisitFrequency> defaults, IReadOnlyCollection<int>? managers)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(defaults);
        List<BusinessType> TypesOf(VisitFrequency frequency) => [.. defaults.Where(d => d.Value == frequency).Select(d => d.Key)];
        var (weeklyTypes, fortnightlyTypes, monthlyTypes) = (TypesOf(VisitFrequency.Weekly), TypesOf(VisitFrequency.Fortnightly), TypesOf(VisitFrequency.Monthly));
        var weeklyDay = VisitFrequencies.OverdueBefore(VisitFrequency.Weekly, asOf);
        var fortnightlyDay = VisitFrequencies.OverdueBefore(VisitFrequency.Fortnightly, asOf);
        var monthlyDay = VisitFrequencies.OverdueBefore(VisitFrequency.Monthly, asOf);
        var (weekly, fortnightly, monthly) = (weeklyDay.ToDateTime(TimeOnly.MinValue), fortnightlyDay.ToDateTime(TimeOnly.MinValue), monthlyDay.ToDateTime(TimeOnly.MinValue));
        var end = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var assignments = db.CustomerAssignments.AsNoTracking().Where(a => a.To == null || a.To > asOf);
        if (managers is not null)
        {
            assignments = assignments.Where(a => managers.Contains(a.AccountManagerId));
        }

        return from a in assignments
               join c in db.Customers on a.CustomerId equals c.Id
               where c.Status == CustomerStatus.Active
               let frequency = c.Frequency ?? (weeklyTypes.Contains(c.BusinessType) ? VisitFrequency.Weekly
                   : fortnightlyTypes.Contains(c.BusinessType) ? VisitFrequency.Fortnightly
                   : monthlyTypes.Contains(c.BusinessType) ? VisitFrequency.Monthly
                   : (VisitFrequency?)null)
               let cutoffDay = frequency == VisitFrequency.Weekly ? weeklyDay
                   : frequency == VisitFrequency.Fortnightly ? fortnightlyDay
                   : frequency == VisitFrequency.Monthly ? monthlyDay
                   : (DateOnly?)null
               let cutoff = frequency == VisitFrequency.Weekly ? weekly
                   : frequency == VisitFrequency.Fortnightly ? fortnightly
                   : frequency == VisitFrequency.Monthly ? monthly
                   : (DateTime?)null
               where a.From < cutoffDay && !db.Visits.Any(v => v.CustomerId == c.Id && v.VisitedAt >= cutoff && v.VisitedAt < end)
               select new OverdueCustomer { ManagerId = a.AccountManagerId, CustomerId = c.Id, Frequency = frequency!.Value };
    }

    private static async Task<Dictionary<int, int>> PlannedAsync(
        AppDbContext db, DateOnly from, DateOnly last, Dictionary<BusinessType, VisitFrequency> defaults, IReadOnlyCollection<int>? managers, CancellationToken cancellationToken)
    {
        var assignments = db.CustomerAssignments.AsNoTracking().Where(a => a.From <= last && (a.To == null || a.To > from));
        if (managers is not null)
        {
            assignments = assignments.Where(a => managers.Contains(a.AccountManagerId));
        }

        // Customers sharing a manager, a span and a plan are planned alike: a province's 300,000 come in a few thousand groups.
        var groups = await (from a in assignments
                            join c in db.Customers on a.CustomerId equals c.Id
                            where c.Status == CustomerStatus.Active && c.RouteDay != null
                            group a by new { a.AccountManagerId, a.From, a.To, c.Frequency, c.BusinessType, c.RouteDay, c.RouteWeek } into g
                            select new { g.Key.AccountManagerId, g.Key.From, g.Key.To, g.Key.Frequency, g.Key.BusinessType, g.Key.RouteDay, g.Key.RouteWeek, Customers = g.Count() })
            .ToListAsync(cancellationToken);
        var planned = new Dictionary<int, int>();
        foreach (var g in groups)
        {
            var plan = RetailCustomer.PlanOf(g.Frequency ?? defaults[g.BusinessType], g.RouteDay, g.RouteWeek, CustomerStatus.Active)!.Value;
            var first = g.From > from ? g.From : from;
            var end = g.To is { } to && to.AddDays(-1) < last ? to.AddDays(-1) : last;
            if (end >= first)
            {
                planned[g.AccountManagerId] = planned.GetValueOrDefault(g.AccountManagerId) + (plan.CountPlanned(first, end) * g.Customers);
            }
        }

        return planned;
    }

    private static async Task<Dictionary<int, (int Made, int OnDay)>> MadeAsync(
        AppDbContext db, DateOnly from, DateOnly last, IReadOnlyCollection<int>? managers, CancellationToken cancellationToken)
    {
        // A planned visit is made by a visit in the period, in the planned day's week.
        var start = from.ToDateTime(TimeOnly.MinValue);
        var end = last.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var visits = db.Visits.AsNoTracking().Where(v => v.PlannedOn >= from && v.PlannedOn <= last && v.VisitedAt >= start && v.VisitedAt < end);
        if (managers is not null && last.DayNumber - from.DayNumber < MaxDaysSought)
        {
            // A page of managers: the (planned day, manager, customer, on the day, time) index sought day by day and manager
            // by manager holds every figure, without reading a visit (a month of 25 managers: 1 ms against 8 ms on their
            // ranges of (manager, time), which read each visit's row).
            var days = Enumerable.Range(0, last.DayNumber - from.DayNumber + 1).Select(d => (DateOnly?)from.AddDays(d)).ToList();
            visits = db.Visits.AsNoTracking()
                .Where(v => days.Contains(v.PlannedOn) && managers.Contains(v.AccountManagerId) && v.VisitedAt >= start && v.VisitedAt < end);
        }
        else if (managers is not null)
        {
            visits = visits.Where(v => managers.Contains(v.AccountManagerId));
        }

        // One row per planned visit made (however many visits made it), grouped in the index's own order.
        return await visits
            .GroupBy(v => new { v.PlannedOn, v.AccountManagerId, v.CustomerId })
            .Select(g => new { g.Key.AccountManagerId, OnDay = g.Max(v => v.OnPlannedDay ? 1 : 0) })
            .GroupBy(x => x.AccountManagerId)
            .Select(g => new { ManagerId = g.Key, Made = g.Count(), OnDay = g.Sum(x => x.OnDay) })
            .ToDictionaryAsync(x => x.ManagerId, x => (x.Made, x.OnDay), cancellationToken);
    }
}
