using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.MyWork;

public sealed record MonthFigures(int Visits, int VolumeCartons);

public sealed record PublishedTier(string CycleName, DateOnly PeriodEnd, bool IsRated, decimal? FinalScore, Tier? Tier);

public sealed record MyWorkHomeModel(
    string Name,
    string EmployeeNumber,
    string District,
    int Customers,
    int NotVisitedIn30Days,
    MonthFigures ThisMonth,
    MonthFigures LastMonth,
    PublishedTier? CurrentTier);

/// <summary>An account manager's own figures: customers, coverage, this month against last, current tier.</summary>
public sealed class MyWorkHomeQuery(AppDbContext db, TimeProvider clock)
{
    public const int CoverageDays = 30;

    public async Task<MyWorkHomeModel?> RunAsync(int accountManagerId, CancellationToken cancellationToken)
    {
        var manager = await db.AccountManagers.AsNoTracking().Where(m => m.Id == accountManagerId)
            .Select(m => new { m.Name, m.EmployeeNumber, m.District })
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

        MonthFigures Month(bool isThis) =>
            months.Where(m => m.IsThisMonth == isThis).Select(m => new MonthFigures(m.Visits, m.Volume)).SingleOrDefault() ?? new MonthFigures(0, 0);

        return new MyWorkHomeModel(manager.Name, manager.EmployeeNumber, manager.District, customers, notVisited, Month(true), Month(false), tier);
    }
}
