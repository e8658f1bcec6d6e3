using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Admin;

public sealed record CycleSummary(int Id, string Name, DateOnly PeriodStart, DateOnly PeriodEnd, CycleStatus Status);

public sealed record TierCount(Tier? Tier, int Count);

public sealed record AdminDashboardModel(
    int ActiveManagers,
    int Districts,
    int ActiveCustomers,
    int UnassignedCustomers,
    int VisitsLast30Days,
    IReadOnlyList<CycleSummary> Cycles,
    CycleSummary? LatestPublished,
    IReadOnlyList<TierCount> LatestTiers);

/// <summary>The administrator's overview: a handful of indexed counts, no per-row queries.</summary>
public sealed class AdminDashboardQuery(AppDbContext db, TimeProvider clock)
{
    public async Task<AdminDashboardModel> RunAsync(CancellationToken cancellationToken)
    {
        var since = clock.GetLocalNow().DateTime.AddDays(-30);
        var managers = await db.AccountManagers.AsNoTracking().Where(m => m.IsActive)
            .GroupBy(m => m.DistrictId).Select(g => g.Count()).ToListAsync(cancellationToken);
        // Two counts each answered from an index ((Status, BusinessType) and (CurrentManagerId, ...)), rather than
        // grouping every customer of the province.
        var activeCustomers = await db.Customers.AsNoTracking().CountAsync(c => c.Status == CustomerStatus.Active, cancellationToken);
        var unassigned = await db.Customers.AsNoTracking().CountAsync(c => c.CurrentManagerId == null && c.Status == CustomerStatus.Active, cancellationToken);
        var visits = await db.Visits.AsNoTracking().CountAsync(v => v.VisitedAt >= since, cancellationToken);
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
            activeCustomers,
            unassigned,
            visits,
            cycles,
            latest,
            [.. tiers.OrderByDescending(t => t.Tier)]);
    }
}
