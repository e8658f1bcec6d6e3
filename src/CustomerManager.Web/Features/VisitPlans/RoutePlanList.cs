using System.Security.Claims;
using CustomerManager.Domain.Customers;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.VisitPlans;

/// <summary>The route-plan list's filters, bound from the query string.</summary>
public sealed class RoutePlanFilter
{
    /// <summary>The manager whose plan is shown (administrators; a manager always sees their own).</summary>
    public int? ManagerId { get; set; }

    /// <summary>The manager as typed in the filter: an employee number or a name.</summary>
    public string? Manager { get; set; }

    /// <summary>One route day; <see cref="Unplanned"/> for customers without one.</summary>
    public DayOfWeek? Day { get; set; }

    public bool Unplanned { get; set; }

    public bool Overdue { get; set; }

    /// <summary>Only the manager's market information collection points.</summary>
    public bool CollectionPoints { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

/// <summary>One customer of a manager's route plan.</summary>
public sealed record RoutePlanRow(
    int Id, string StoreName, string Address, BusinessType BusinessType, VisitFrequency? OwnFrequency, VisitFrequency Frequency,
    DayOfWeek? RouteDay, int RouteWeek, int? RouteSequence, DateOnly? NextPlanned, DateTime? LastVisit, bool IsOverdue, bool IsCollectionPoint = false);

public sealed record RoutePlanListModel(
    RoutePlanFilter Filter, string? ManagerName, PagedList<RoutePlanRow>? Page, IReadOnlyDictionary<DayOfWeek, int> PerDay, int Unplanned, int Overdue)
{
    public int CollectionPoints { get; init; }

    public ManagerPicker? Picker { get; init; }
}

/// <summary>
/// A manager's route plan (线路): their trading customers with frequency, route day and week, next planned day, last visit
/// and whether overdue. A manager has a few hundred customers at most, so the plan is read whole (one query, with each
/// customer's last visit on the (customer, time) index), worked out with the domain's rules and paged here.
/// </summary>
public sealed class RoutePlanListQuery(AppDbContext db, TimeProvider clock)
{
    public async Task<RoutePlanListModel> RunAsync(RoutePlanFilter filter, ClaimsPrincipal user, int? managerId, CancellationToken cancellationToken)
    {
        if (managerId is not { } id)
        {
            return new RoutePlanListModel(filter, null, null, new Dictionary<DayOfWeek, int>(), 0, 0);
        }

        var name = await db.AccountManagers.AsNoTracking().VisibleTo(user).Where(m => m.Id == id).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return new RoutePlanListModel(filter, null, null, new Dictionary<DayOfWeek, int>(), 0, 0);
        }

        var rows = await PlanAsync(id, cancellationToken);
        IEnumerable<RoutePlanRow> shown = rows;
        if (filter.Unplanned)
        {
            shown = shown.Where(r => r.RouteDay is null);
        }
        else if (filter.Day is { } day)
        {
            shown = shown.Where(r => r.RouteDay == day);
        }

        if (filter.Overdue)
        {
            shown = shown.Where(r => r.IsOverdue);
        }

        if (filter.CollectionPoints)
        {
            shown = shown.Where(r => r.IsCollectionPoint);
        }

        var perDay = rows.Where(r => r.RouteDay is not null).GroupBy(r => r.RouteDay!.Value).ToDictionary(g => g.Key, g => g.Count());
        return new RoutePlanListModel(
            filter, name, shown.ToList().ToPagedList(filter.Page, filter.PageSize), perDay, rows.Count(r => r.RouteDay is null), rows.Count(r => r.IsOverdue))
        {
            CollectionPoints = rows.Count(r => r.IsCollectionPoint),
        };
    }

    /// <summary>The manager's trading customers in route order: by weekday (Monday first), place in the day, name.</summary>
    public async Task<List<RoutePlanRow>> PlanAsync(int managerId, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var defaults = await db.FrequencyDefaultsAsync(cancellationToken);
        var customers = await db.Customers.AsNoTracking()
            .Where(c => c.CurrentManagerId == managerId && c.Status == CustomerStatus.Active)
            .Select(c => new
            {
                c.Id,
                c.StoreName,
                c.StoreNameSortKey,
                c.Address,
                c.BusinessType,
                c.Frequency,
                c.RouteDay,
                c.RouteWeek,
                c.RouteSequence,
                c.Status,
                c.IsCollectionPoint,
                ServedSince = c.Assignments.Where(a => a.To == null).Select(a => (DateOnly?)a.From).FirstOrDefault(),
                LastVisit = db.Visits.Where(v => v.CustomerId == c.Id && v.AccountManagerId == managerId).Max(v => (DateTime?)v.VisitedAt),
            })
            .ToListAsync(cancellationToken);
        return [.. customers
            .Select(c =>
            {
                var frequency = c.Frequency ?? defaults[c.BusinessType];
                var plan = RetailCustomer.PlanOf(frequency, c.RouteDay, c.RouteWeek, c.Status);
                return (c.StoreNameSortKey, Row: new RoutePlanRow(
                    c.Id, c.StoreName, c.Address, c.BusinessType, c.Frequency, frequency, c.RouteDay, plan?.Week ?? c.RouteWeek, c.RouteSequence,
                    plan?.NextOnOrAfter(today), c.LastVisit, VisitFrequencies.IsOverdue(frequency, c.LastVisit, c.ServedSince ?? today, today), c.IsCollectionPoint));
            })
            .OrderBy(x => x.Row.RouteDay is { } d ? ((int)d + 6) % 7 : 7)
            .ThenBy(x => x.Row.RouteSequence ?? int.MaxValue)
            .ThenBy(x => x.StoreNameSortKey, StringComparer.Ordinal)
            .Select(x => x.Row)];
    }
}
