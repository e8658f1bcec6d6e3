using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.MyWork;

public sealed record MonthFigures(int Visits, int VolumeCartons);

public sealed record PublishedTier(string CycleName, DateOnly PeriodEnd, bool IsRated, decimal? FinalScore, Tier? Tier);

public sealed record DueCustomer(int Id, string StoreName, string Address, string? Phone, DateTime? LastVisit);

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
    IReadOnlyList<DueCustomer> DueForAVisit,
    IReadOnlyList<SharedItem> RecentlyShared)
{
    public const int DueShown = 8;
    public const int SharedShown = 8;
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

        // Due for a visit: the customers whose last visit by me is the oldest (never visited first).
        var due = await myCustomers
            .Select(c => new
            {
                c.Id,
                c.StoreName,
                c.StoreNameSortKey,
                c.Address,
                c.Phone,
                LastVisit = db.Visits.Where(v => v.CustomerId == c.Id && v.AccountManagerId == accountManagerId).Max(v => (DateTime?)v.VisitedAt),
            })
            .OrderBy(c => c.LastVisit).ThenBy(c => c.StoreNameSortKey)
            .Take(MyWorkHomeModel.DueShown)
            .Select(c => new DueCustomer(c.Id, c.StoreName, c.Address, c.Phone, c.LastVisit))
            .ToListAsync(cancellationToken);
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

        return new MyWorkHomeModel(manager.Name, manager.EmployeeNumber, manager.District, customers, notVisited, Month(true), Month(false), tier, due, shared);
    }
}
