using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Infrastructure.Queries;

/// <summary>
/// The evidence figures (domain.md, "Evidence for the panel") of one manager or all of them for a period, in a
/// handful of grouped SQL queries — never a query per manager or per visit. Counts and sums come from the
/// monthly totals kept with the visits (<see cref="VisitMonthTotal"/>) for the period's whole months and from
/// the visits for the days at either end; customers covered from the customer-quarters kept with the visits
/// (<see cref="VisitedCustomerQuarter"/>) when the period is whole quarters, else from the (time, manager,
/// customer) index; items passed on from the items' own (status, time) index. The scoring page shows them live
/// while a cycle is open; closing stores them with each result.
/// </summary>
public sealed class EvidenceQuery(AppDbContext db, TimeProvider clock)
{
    public async Task<EvidenceFigures> ForManagerAsync(int managerId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        (await RunAsync(from, to, [managerId], cancellationToken)).GetValueOrDefault(managerId) ?? EvidenceFigures.None;

    public Task<Dictionary<int, EvidenceFigures>> ForAllAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        RunAsync(from, to, null, cancellationToken);

    /// <summary>The figures of a page of managers (a few dozen), in the same few grouped queries as one.</summary>
    public Task<Dictionary<int, EvidenceFigures>> ForManagersAsync(IReadOnlyCollection<int> managerIds, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        RunAsync(from, to, managerIds ?? throw new ArgumentNullException(nameof(managerIds)), cancellationToken);

    /// <summary>
    /// The field-work figures of a page of managers (the plan compliance page): plan compliance and the on-site and
    /// verification counts, with the visit counts and sums they come with. Customers covered, customers assigned and items
    /// passed on are not counted (they stay 0): half the queries of <see cref="ForManagersAsync"/>.
    /// </summary>
    public Task<Dictionary<int, EvidenceFigures>> FieldWorkForManagersAsync(IReadOnlyCollection<int> managerIds, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        RunAsync(from, to, managerIds ?? throw new ArgumentNullException(nameof(managerIds)), cancellationToken, fieldWorkOnly: true);

    private async Task<Dictionary<int, EvidenceFigures>> RunAsync(DateOnly from, DateOnly to, IReadOnlyCollection<int>? managers, CancellationToken cancellationToken, bool fieldWorkOnly = false)
    {
        var figures = fieldWorkOnly
            ? (await TalliesAsync(from, to, managers, cancellationToken)).Where(t => t.Value.Visits > 0).ToDictionary(t => t.Key, t => WithTally(EvidenceFigures.None, t.Value))
            : await CountsAsync(from, to, managers, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var plans = await db.PlanFiguresAsync(from, to, today, managers, cancellationToken);
        var market = await db.MarketExpectedAsync(from, to < today ? to : today, managers, cancellationToken);
        foreach (var id in figures.Keys.Union(plans.Keys).Union(market.Keys).ToList())
        {
            var plan = plans.GetValueOrDefault(id) ?? new PlanFigures(0, 0, 0, 0);
            figures[id] = (figures.GetValueOrDefault(id) ?? EvidenceFigures.None) with
            {
                PlannedVisits = plan.Planned,
                PlannedVisitsMade = plan.Made,
                PlannedVisitsOnDay = plan.OnDay,
                OverdueCustomers = plan.Overdue,
                MarketVisitsExpected = market.GetValueOrDefault(id),
            };
        }

        return figures;
    }

    private async Task<Dictionary<int, EvidenceFigures>> CountsAsync(DateOnly from, DateOnly to, IReadOnlyCollection<int>? managers, CancellationToken cancellationToken)
    {
        var start = from.ToDateTime(TimeOnly.MinValue);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var visits = db.Visits.AsNoTracking().Where(v => v.VisitedAt >= start && v.VisitedAt < end);
        if (managers is not null)
        {
            visits = visits.Where(v => managers.Contains(v.AccountManagerId));
        }

        var tallies = await TalliesAsync(from, to, managers, cancellationToken);

        var covered = await CustomersCoveredAsync(from, to, managers, visits, cancellationToken);

        // Items carry their visit's time, so the period is found on the items' (status, time) index (not on the inboxes'
        // (kind, status) index, which would read every item of the two kinds: ReportKindFilter); the join reads only
        // their visits. One manager: that manager's visits of the period, on (manager, time), and their items.
        var items = db.VisitReports.AsNoTracking()
            .Where(r => r.VisitedAt >= start && r.VisitedAt < end)
            .Where(ReportKindFilter.Unindexed([ReportKind.Logistics, ReportKind.CallCentre]))
            .Join(db.Visits, r => r.VisitId, v => v.Id, (r, v) => new { v.AccountManagerId, v.VisitedAt, r.Status });
        if (managers is not null)
        {
            items = items.Where(x => managers.Contains(x.AccountManagerId) && x.VisitedAt >= start && x.VisitedAt < end);
        }

        var shared = await items
            .GroupBy(x => x.AccountManagerId)
            .Select(g => new { ManagerId = g.Key, Shared = g.Count(), Acknowledged = g.Count(x => x.Status != ReportStatus.New) })
            .ToDictionaryAsync(x => x.ManagerId, cancellationToken);

        // Customers assigned: every customer the manager served at some point of the period.
        var assignments = db.CustomerAssignments.AsNoTracking().Where(a => a.From <= to && (a.To == null || a.To > from));
        if (managers is not null)
        {
            assignments = assignments.Where(a => managers.Contains(a.AccountManagerId));
        }

        var assigned = await assignments
            .GroupBy(a => a.AccountManagerId)
            .Select(g => new { ManagerId = g.Key, Customers = g.Select(a => a.CustomerId).Distinct().Count() })
            .ToDictionaryAsync(x => x.ManagerId, x => x.Customers, cancellationToken);

        var result = assigned.ToDictionary(a => a.Key, a => EvidenceFigures.None with { CustomersAssigned = a.Value });
        foreach (var (id, t) in tallies.Where(t => t.Value.Visits > 0))
        {
            var s = shared.GetValueOrDefault(id);
            result[id] = WithTally(result.GetValueOrDefault(id) ?? EvidenceFigures.None, t) with
            {
                CustomersCovered = covered.GetValueOrDefault(id),
                ItemsShared = s?.Shared ?? 0,
                ItemsAcknowledged = s?.Acknowledged ?? 0,
            };
        }

        return result;
    }

    /// <summary>The figures with a manager's counts and sums of visits.</summary>
    private static EvidenceFigures WithTally(EvidenceFigures figures, VisitTally t) => figures with
    {
        Visits = t.Visits,
        BrandsRecommended = t.BrandsRecommended,
        VolumeCartons = t.VolumeCartons,
        MarketInformation = t.MarketInformation,
        DataChanges = t.DataChanges,
        Violations = t.Violations,
        UnlicensedRetail = t.UnlicensedRetail,
        Complaints = t.Complaints,
        ComplaintsResolvedOnSpot = t.ComplaintsResolvedOnSpot,
        OnSiteVisits = t.OnSite,
        VerifiedVisits = t.Verified,
        FarVisits = t.Far,
        ShortVisits = t.TooShort,
        MarketVisits = t.MarketVisits,
    };

    /// <summary>
    /// Distinct customers visited per manager. A period of whole calendar quarters (every cycle of the demo and most of
    /// a company's) is counted from the customer-quarters kept with the visits: a province quarter's 300,000 rows in
    /// their key's order, not its million visits. Another period is counted from the visits.
    /// </summary>
    private async Task<Dictionary<int, int>> CustomersCoveredAsync(DateOnly from, DateOnly to, IReadOnlyCollection<int>? managers, IQueryable<Visit> visits, CancellationToken cancellationToken)
    {
        if (VisitedCustomerQuarter.IsWholeQuarters(from, to, out var first, out var after))
        {
            // One quarter: its rows in the key's (quarter, manager) order, grouped without sorting (55 → 23 ms for a
            // province quarter against a range of quarters). Several: a customer visited in two counts once.
            var one = first.AddMonths(3) == after;
            var rows = one
                ? db.VisitedCustomerQuarters.AsNoTracking().Where(q => q.Quarter == first)
                : db.VisitedCustomerQuarters.AsNoTracking().Where(q => q.Quarter >= first && q.Quarter < after);
            if (managers is not null)
            {
                rows = rows.Where(q => managers.Contains(q.AccountManagerId));
            }

            return await (one
                    ? rows.GroupBy(q => q.AccountManagerId).Select(g => new { ManagerId = g.Key, Customers = g.Count() })
                    : rows.GroupBy(q => q.AccountManagerId).Select(g => new { ManagerId = g.Key, Customers = g.Select(q => q.CustomerId).Distinct().Count() }))
                .ToDictionaryAsync(x => x.ManagerId, x => x.Customers, cancellationToken);
        }

        // Every manager: grouped by "id + 0", which no index is ordered by, so that SQLite reads the period's range of the
        // (time, manager, customer) index alone instead of skip-scanning (manager, time) and reading each visit's row
        // (0.3 s against 1.3 s for a province quarter). One manager: that manager's range of (manager, time).
        return await (managers is null
                ? visits.GroupBy(v => v.AccountManagerId + 0)
                : visits.GroupBy(v => v.AccountManagerId))
            .Select(g => new { ManagerId = g.Key, Customers = g.Select(v => v.CustomerId).Distinct().Count() })
            .ToDictionaryAsync(x => x.ManagerId, x => x.Customers, cancellationToken);
    }

    /// <summary>Counts and sums per manager: the monthly totals of the whole months, the visits of the days around them.</summary>
    private async Task<Dictionary<int, VisitTally>> TalliesAsync(DateOnly from, DateOnly to, IReadOnlyCollection<int>? managers, CancellationToken cancellationToken)
    {
        VisitMonthTotal.SplitPeriod(from, to, out var firstWholeMonth, out var afterWholeMonths);
        var tallies = new Dictionary<int, VisitTally>();
        void Add(int id, VisitTally tally) => tallies[id] = tallies.GetValueOrDefault(id) + tally;

        if (firstWholeMonth < afterWholeMonths)
        {
            var totals = db.VisitMonthTotals.AsNoTracking().Where(t => t.Month >= firstWholeMonth && t.Month < afterWholeMonths);
            if (managers is not null)
            {
                totals = totals.Where(t => managers.Contains(t.AccountManagerId));
            }

            var months = await totals
                .GroupBy(t => t.AccountManagerId)
                .Select(g => new
                {
                    ManagerId = g.Key,
                    Tally = new VisitTally(
                        g.Sum(t => t.Visits),
                        g.Sum(t => t.BrandsRecommended),
                        g.Sum(t => t.VolumeCartons),
                        g.Sum(t => t.MarketInformation),
                        g.Sum(t => t.DataChanges),
                        g.Sum(t => t.Violations),
                        g.Sum(t => t.UnlicensedRetail),
                        g.Sum(t => t.Complaints),
                        g.Sum(t => t.ComplaintsResolvedOnSpot),
                        g.Sum(t => t.OnSiteVisits),
                        g.Sum(t => t.VerifiedVisits),
                        g.Sum(t => t.FarVisits),
                        g.Sum(t => t.ShortVisits),
                        g.Sum(t => t.MarketVisits)),
                })
                .ToListAsync(cancellationToken);
            foreach (var m in months)
            {
                Add(m.ManagerId, m.Tally);
            }

            await AddVisitsAsync(from, firstWholeMonth.AddDays(-1));
            await AddVisitsAsync(afterWholeMonths, to);
        }
        else
        {
            await AddVisitsAsync(from, to);
        }

        return tallies;

        async Task AddVisitsAsync(DateOnly first, DateOnly last)
        {
            if (last < first)
            {
                return;
            }

            var start = first.ToDateTime(TimeOnly.MinValue);
            var end = last.AddDays(1).ToDateTime(TimeOnly.MinValue);
            var visits = db.Visits.AsNoTracking().Where(v => v.VisitedAt >= start && v.VisitedAt < end);
            if (managers is not null)
            {
                visits = visits.Where(v => managers.Contains(v.AccountManagerId));
            }

            foreach (var (id, tally) in await VisitTotals.ByManagerAsync(visits, cancellationToken))
            {
                Add(id, tally);
            }
        }
    }
}
