using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.MyWork;

public sealed record MonthFigures(int Visits, int VolumeCartons);

public sealed record PublishedTier(string CycleName, DateOnly PeriodEnd, bool IsRated, decimal? FinalScore, Tier? Tier);

/// <summary>A customer on a day's route, in the route's order; <paramref name="VisitId"/>: today's visit, once made.</summary>
public sealed record RouteStop(int Id, int? Sequence, string StoreName, string Address, string? Phone, int? VisitId, VisitVerification? Verification);

/// <summary>A customer whose last visit is older than its frequency allows.</summary>
public sealed record OverdueStop(int Id, string StoreName, string? Phone, VisitFrequency Frequency, DateTime? LastVisit);

/// <summary>One of the manager's collection points and when its market figures were last recorded.</summary>
public sealed record CollectionPointStop(int Id, string StoreName, DateOnly? LastCollected, bool DoneThisWeek);

public sealed record SharedItem(int VisitId, DateTime VisitedAt, string StoreName, ReportKind Kind, string Message, ReportStatus Status, string? Reply);

public sealed record MyWorkHomeModel(
    string Name,
    string EmployeeNumber,
    string District,
    int Customers,
    int NotVisitedIn30Days,
    MonthFigures ThisMonth,
    MonthFigures LastMonth,
    PublishedTier? CurrentTier,
    IReadOnlyList<SharedItem> RecentlyShared)
{
    public const int OverdueShown = 10;
    public const int SharedShown = 8;

    public DateOnly Today { get; init; }

    public IReadOnlyList<RouteStop> TodaysRoute { get; init; } = [];

    public IReadOnlyList<RouteStop> TomorrowsRoute { get; init; } = [];

    /// <summary>The most overdue customers (<see cref="OverdueShown"/> at most), longest unvisited first.</summary>
    public IReadOnlyList<OverdueStop> Overdue { get; init; } = [];

    public int OverdueCount { get; init; }

    /// <summary>Whether any of the manager's customers has a route day.</summary>
    public bool HasRoutes { get; init; }

    /// <summary>The manager's collection points (信息采集点), those not collected this week first.</summary>
    public IReadOnlyList<CollectionPointStop> CollectionPoints { get; init; } = [];
}

/// <summary>An account manager's own figures: customers, coverage, this month against last, current tier.</summary>
public sealed class MyWorkHomeQuery(AppDbContext db, TimeProvider clock)
{
    public const int CoverageDays = 30;

    public async Task<MyWorkHomeModel?> RunAsync(int accountManagerId, CancellationToken cancellationToken)
    {
        var manager = await db.AccountManagers.AsNoTracking().Where(m => m.Id == accountManagerId)
            .Select(m => new { m.Name, m.EmployeeNumber, District = m.District.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (manager is null)
        {
            return null;
        }

        var now = clock.GetLocalNow().DateTime;
        var since = now.Date.AddDays(-CoverageDays);
        var thisMonth = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var lastMonth = thisMonth.AddMonths(-1);

        var myCustomers = db.Customers.AsNoTracking().Where(c => c.CurrentManagerId == accountManagerId && c.Status == CustomerStatus.Active);
        var customers = await myCustomers.CountAsync(cancellationToken);
        var notVisited = await myCustomers
            .CountAsync(c => !db.Visits.Any(v => v.CustomerId == c.Id && v.AccountManagerId == accountManagerId && v.VisitedAt >= since), cancellationToken);
        var months = await db.Visits.AsNoTracking()
            .Where(v => v.AccountManagerId == accountManagerId && v.VisitedAt >= lastMonth)
            .GroupBy(v => v.VisitedAt >= thisMonth)
            .Select(g => new { IsThisMonth = g.Key, Visits = g.Count(), Volume = g.Sum(v => v.VolumeCartons) })
            .ToListAsync(cancellationToken);
        var tier = await db.Results.AsNoTracking()
            .Where(r => r.AccountManagerId == accountManagerId)
            .Join(db.Cycles.Where(c => c.Status == CycleStatus.Published), r => r.CycleId, c => c.Id, (r, c) => new { r, c })
            .OrderByDescending(x => x.c.PeriodStart)
            .Select(x => new PublishedTier(x.c.Name, x.c.PeriodEnd, x.r.IsRated, x.r.FinalScore, x.r.Tier))
            .FirstOrDefaultAsync(cancellationToken);

        var shared = await (from r in db.VisitReports
                            join v in db.Visits on r.VisitId equals v.Id
                            join c in db.Customers on v.CustomerId equals c.Id
                            where v.AccountManagerId == accountManagerId
                            orderby v.VisitedAt descending
                            select new SharedItem(v.Id, v.VisitedAt, c.StoreName, r.Kind, r.Message, r.Status, r.Reply))
            .AsNoTracking()
            .Take(MyWorkHomeModel.SharedShown)
            .ToListAsync(cancellationToken);

        MonthFigures Month(bool isThis) =>
            months.Where(m => m.IsThisMonth == isThis).Select(m => new MonthFigures(m.Visits, m.Volume)).SingleOrDefault() ?? new MonthFigures(0, 0);

        var today = DateOnly.FromDateTime(now);
        var defaults = await db.FrequencyDefaultsAsync(cancellationToken);
        var (todays, tomorrows, hasRoutes) = await RoutesAsync(accountManagerId, today, defaults, cancellationToken);
        var (overdue, overdueCount) = await OverdueAsync(accountManagerId, today, defaults, cancellationToken);
        return new MyWorkHomeModel(manager.Name, manager.EmployeeNumber, manager.District, customers, notVisited, Month(true), Month(false), tier, shared)
        {
            Today = today,
            TodaysRoute = todays,
            TomorrowsRoute = tomorrows,
            Overdue = overdue,
            OverdueCount = overdueCount,
            HasRoutes = hasRoutes,
            CollectionPoints = await CollectionPointsAsync(accountManagerId, today, cancellationToken),
        };
    }

    /// <summary>The manager's trading collection points with their own latest collection there (one indexed look-up each; a handful).</summary>
    private async Task<List<CollectionPointStop>> CollectionPointsAsync(int managerId, DateOnly today, CancellationToken cancellationToken)
    {
        var week = MarketRules.WeekOf(today);
        var points = await db.Customers.AsNoTracking()
            .Where(c => c.CurrentManagerId == managerId && c.IsCollectionPoint && c.Status == CustomerStatus.Active)
            .Select(c => new { c.Id, c.StoreName, c.StoreNameSortKey, Last = db.MarketObservations.Where(o => o.CustomerId == c.Id && o.AccountManagerId == managerId).Max(o => (DateOnly?)o.ObservedOn) })
            .ToListAsync(cancellationToken);
        return [.. points
            .Select(p => (p.StoreNameSortKey, Stop: new CollectionPointStop(p.Id, p.StoreName, p.Last, p.Last >= week)))
            .OrderBy(p => p.Stop.DoneThisWeek).ThenBy(p => p.StoreNameSortKey, StringComparer.Ordinal)
            .Select(p => p.Stop)];
    }

    /// <summary>
    /// Today's and tomorrow's routes: the manager's trading customers planned on each day (<see cref="RoutePlan"/>), by
    /// their place in the day's order, then by name; a customer of today's route visited today is done.
    /// </summary>
    private async Task<(List<RouteStop> Today, List<RouteStop> Tomorrow, bool HasRoutes)> RoutesAsync(int managerId, DateOnly today, Dictionary<BusinessType, VisitFrequency> defaults, CancellationToken cancellationToken)
    {
        var tomorrow = today.AddDays(1);
        var mine = db.Customers.AsNoTracking().Where(c => c.CurrentManagerId == managerId && c.Status == CustomerStatus.Active);
        var hasRoutes = await mine.AnyAsync(c => c.RouteDay != null, cancellationToken);
        var candidates = await mine
            .Where(c => c.RouteDay == today.DayOfWeek || c.RouteDay == tomorrow.DayOfWeek)
            .Select(c => new { c.Id, c.StoreName, c.StoreNameSortKey, c.Address, c.Phone, c.Frequency, c.BusinessType, c.RouteDay, c.RouteWeek, c.RouteSequence, c.Status })
            .ToListAsync(cancellationToken);
        var start = today.ToDateTime(TimeOnly.MinValue);
        var visits = await db.Visits.AsNoTracking()
            .Where(v => v.AccountManagerId == managerId && v.VisitedAt >= start && v.VisitedAt < start.AddDays(1))
            .OrderBy(v => v.VisitedAt)
            .Select(v => new { v.CustomerId, v.Id, v.Verification })
            .ToListAsync(cancellationToken);
        var visited = visits.GroupBy(v => v.CustomerId).ToDictionary(g => g.Key, g => g.Last());

        List<RouteStop> On(DateOnly day, bool withVisits) => [.. candidates
            .Where(c => RetailCustomer.PlanOf(c.Frequency ?? defaults[c.BusinessType], c.RouteDay, c.RouteWeek, c.Status)?.IsPlannedOn(day) == true)
            .OrderBy(c => c.RouteSequence ?? int.MaxValue).ThenBy(c => c.StoreNameSortKey, StringComparer.Ordinal)
            .Select(c => withVisits && visited.TryGetValue(c.Id, out var v)
                ? new RouteStop(c.Id, c.RouteSequence, c.StoreName, c.Address, c.Phone, v.Id, v.Verification)
                : new RouteStop(c.Id, c.RouteSequence, c.StoreName, c.Address, c.Phone, null, null))];
        return (On(today, true), On(tomorrow, false), hasRoutes);
    }

    /// <summary>The manager's overdue customers (<see cref="VisitFrequencies.IsOverdue"/>), longest unvisited first.</summary>
    private async Task<(List<OverdueStop> Shown, int Count)> OverdueAsync(int managerId, DateOnly today, Dictionary<BusinessType, VisitFrequency> defaults, CancellationToken cancellationToken)
    {
        var overdue = await VisitPlanQueries.Overdue(db, today, defaults, [managerId]).ToListAsync(cancellationToken);

        var frequencies = overdue.ToDictionary(o => o.CustomerId, o => o.Frequency);
        var ids = frequencies.Keys.ToList();
        var rows = await db.Customers.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.StoreName, c.StoreNameSortKey, c.Phone, LastVisit = db.Visits.Where(v => v.CustomerId == c.Id && v.AccountManagerId == managerId).Max(v => (DateTime?)v.VisitedAt) })
            .ToListAsync(cancellationToken);
        var shown = rows.OrderBy(r => r.LastVisit ?? DateTime.MinValue).ThenBy(r => r.StoreNameSortKey, StringComparer.Ordinal)
            .Take(MyWorkHomeModel.OverdueShown)
            .Select(r => new OverdueStop(r.Id, r.StoreName, r.Phone, frequencies[r.Id], r.LastVisit))
            .ToList();
        return (shown, ids.Count);
    }
}
