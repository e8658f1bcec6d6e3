using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Admin;

public sealed record CycleSummary(int Id, string Name, DateOnly PeriodStart, DateOnly PeriodEnd, CycleStatus Status);

public sealed record TierCount(Tier? Tier, int Count);

/// <summary>The dashboard's counts of the province's large tables, and when they were taken (its local time).</summary>
public sealed record DashboardCounts(int ActiveCustomers, int UnassignedCustomers, int VisitsLast30Days, DateTimeOffset TakenAt);

public sealed record AdminDashboardModel(
    int ActiveManagers,
    int Districts,
    DashboardCounts Counts,
    IReadOnlyList<CycleSummary> Cycles,
    CycleSummary? LatestPublished,
    IReadOnlyList<TierCount> LatestTiers);

/// <summary>
/// The last counts this app node took, kept for <see cref="MaxAge"/>: every administrator opening the dashboard in
/// that minute reads them instead of counting 300,000 customers and a month of visits again. Per node and safe to
/// lose (a restart counts again).
/// </summary>
public sealed class DashboardCountsCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private DashboardCounts? _latest;

    public DashboardCounts? Fresh(DateTimeOffset now) => Volatile.Read(ref _latest) is { } counts && now - counts.TakenAt < MaxAge && now >= counts.TakenAt ? counts : null;

    public void Keep(DashboardCounts counts) => Volatile.Write(ref _latest, counts);
}

/// <summary>
/// The administrator's overview: a handful of indexed counts, no per-row queries. Managers and districts (a few
/// thousand rows) are counted on every view, so that what an administrator just changed shows; customers and
/// visits (hundreds of thousands) at most once a minute.
/// </summary>
public sealed class AdminDashboardQuery(AppDbContext db, TimeProvider clock, DashboardCountsCache cache)
{
    public async Task<AdminDashboardModel> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetLocalNow();
        var counts = cache.Fresh(now);
        if (counts is null)
        {
            counts = await CountAsync(now, cancellationToken);
            cache.Keep(counts);
        }

        var managers = await db.AccountManagers.AsNoTracking().Where(m => m.IsActive)
            .GroupBy(m => m.DistrictId).Select(g => g.Count()).ToListAsync(cancellationToken);
        var cycles = await db.Cycles.AsNoTracking().OrderByDescending(c => c.PeriodStart).Take(8)
            .Select(c => new CycleSummary(c.Id, c.Name, c.PeriodStart, c.PeriodEnd, c.Status))
            .ToListAsync(cancellationToken);
        var latest = await db.Cycles.AsNoTracking().Where(c => c.Status == CycleStatus.Published).OrderByDescending(c => c.PeriodStart)
            .Select(c => new CycleSummary(c.Id, c.Name, c.PeriodStart, c.PeriodEnd, c.Status))
            .FirstOrDefaultAsync(cancellationToken);
        var tiers = latest is null
            ? []
            : await db.Results.AsNoTracking().Where(r => r.CycleId == latest.Id)
                .GroupBy(r => r.Tier).Select(g => new TierCount(g.Key, g.Count()))
                .ToListAsync(cancellationToken);

        return new AdminDashboardModel(
            managers.Sum(),
            managers.Count,
            counts,
            cycles,
            latest,
            [.. tiers.OrderByDescending(t => t.Tier)]);
    }

    private async Task<DashboardCounts> CountAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.DateTime.AddDays(-30);
        // Two counts each answered from an index ((Status, BusinessType) and (CurrentManagerId, ...)), rather than
        // grouping every customer of the province.
        var activeCustomers = await db.Customers.AsNoTracking().CountAsync(c => c.Status == CustomerStatus.Active, cancellationToken);
        var unassigned = await db.Customers.AsNoTracking().CountAsync(c => c.CurrentManagerId == null && c.Status == CustomerStatus.Active, cancellationToken);
        var visits = await db.Visits.AsNoTracking().CountAsync(v => v.VisitedAt >= since, cancellationToken);
        return new DashboardCounts(activeCustomers, unassigned, visits, now);
    }
}
