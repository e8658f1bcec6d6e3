using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Infrastructure.Queries;

/// <summary>
/// The evidence figures (domain.md, "Evidence for the panel") of one manager or all of them for a period, in a
/// handful of grouped SQL queries over the (manager, time) index — never a query per manager or per visit.
/// The scoring page shows them live while a cycle is open; closing stores them with each result.
/// </summary>
public sealed class EvidenceQuery(AppDbContext db)
{
    public async Task<EvidenceFigures> ForManagerAsync(int managerId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        (await RunAsync(from, to, managerId, cancellationToken)).GetValueOrDefault(managerId) ?? EvidenceFigures.None;

    public Task<Dictionary<int, EvidenceFigures>> ForAllAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        RunAsync(from, to, null, cancellationToken);

    private async Task<Dictionary<int, EvidenceFigures>> RunAsync(DateOnly from, DateOnly to, int? managerId, CancellationToken cancellationToken)
    {
        var start = from.ToDateTime(TimeOnly.MinValue);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var visits = db.Visits.AsNoTracking().Where(v => v.VisitedAt >= start && v.VisitedAt < end);
        if (managerId is { } only)
        {
            visits = visits.Where(v => v.AccountManagerId == only);
        }

        var visitFigures = await visits
            .GroupBy(v => v.AccountManagerId)
            .Select(g => new
            {
                ManagerId = g.Key,
                Visits = g.Count(),
                Covered = g.Select(v => v.CustomerId).Distinct().Count(),
                Brands = g.Sum(v => v.BrandCount),
                Volume = g.Sum(v => v.VolumeCartons),
                Market = g.Count(v => v.MarketInformation != null),
                DataChanges = g.Count(v => v.DataChange != null),
                Violations = g.Count(v => v.ViolationType != null),
                Unlicensed = g.Count(v => v.UnlicensedPlace != null),
                Complaints = g.Count(v => v.Complaint != null),
                Resolved = g.Count(v => v.ComplaintResolvedOnSpot),
            })
            .ToListAsync(cancellationToken);

        var shared = await visits
            .Join(db.VisitReports.Where(r => r.Kind == ReportKind.Logistics || r.Kind == ReportKind.CallCentre), v => v.Id, r => r.VisitId, (v, r) => new { v.AccountManagerId, r.Status })
            .GroupBy(x => x.AccountManagerId)
            .Select(g => new { ManagerId = g.Key, Shared = g.Count(), Acknowledged = g.Count(x => x.Status != ReportStatus.New) })
            .ToDictionaryAsync(x => x.ManagerId, cancellationToken);

        // Customers assigned: every customer the manager served at some point of the period.
        var assignments = db.CustomerAssignments.AsNoTracking().Where(a => a.From <= to && (a.To == null || a.To > from));
        if (managerId is { } one)
        {
            assignments = assignments.Where(a => a.AccountManagerId == one);
        }

        var assigned = await assignments
            .GroupBy(a => a.AccountManagerId)
            .Select(g => new { ManagerId = g.Key, Customers = g.Select(a => a.CustomerId).Distinct().Count() })
            .ToDictionaryAsync(x => x.ManagerId, x => x.Customers, cancellationToken);

        var result = assigned.ToDictionary(a => a.Key, a => EvidenceFigures.None with { CustomersAssigned = a.Value });
        foreach (var v in visitFigures)
        {
            var s = shared.GetValueOrDefault(v.ManagerId);
            result[v.ManagerId] = (result.GetValueOrDefault(v.ManagerId) ?? EvidenceFigures.None) with
            {
                Visits = v.Visits,
                CustomersCovered = v.Covered,
                BrandsRecommended = v.Brands,
                VolumeCartons = v.Volume,
                MarketInformation = v.Market,
                DataChanges = v.DataChanges,
                Violations = v.Violations,
                UnlicensedRetail = v.Unlicensed,
                ItemsShared = s?.Shared ?? 0,
                ItemsAcknowledged = s?.Acknowledged ?? 0,
                Complaints = v.Complaints,
                ComplaintsResolvedOnSpot = v.Resolved,
            };
        }

        return result;
    }
}
