using System.Security.Claims;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Customers;

/// <summary>
/// One span of a customer's service history. <paramref name="To"/> is stored exclusive (the day the next manager
/// starts); people read the last day the manager served, and a span that ends the day it starts (a same-day
/// correction) was never served at all.
/// </summary>
public sealed record AssignmentHistoryRow(int ManagerId, string ManagerName, string EmployeeNumber, DateOnly From, DateOnly? To, string? Reason, string? ChangedBy, string? ChangedByName)
{
    public bool IsCurrent => To is null;

    /// <summary>Ended the day it began: replaced by a correction before the manager served a day.</summary>
    public bool IsSameDayCorrection => To is { } to && to <= From;

    /// <summary>The last day the manager served (null while current or when never served).</summary>
    public DateOnly? LastDay => To is { } to && to > From ? to.AddDays(-1) : null;
}

public sealed record CustomerVisitRow(int Id, DateTime VisitedAt, VisitKind Kind, string ManagerName, int VolumeCartons, string? MarketInformation, string? Complaint);

public sealed record CustomerDetailsModel(
    int Id,
    string LicenceNumber,
    string StoreName,
    string Owner,
    string? Phone,
    string Address,
    BusinessType BusinessType,
    CustomerStatus Status,
    int? ManagerId,
    string? ManagerName,
    IReadOnlyList<AssignmentHistoryRow> History,
    IReadOnlyList<CustomerVisitRow> RecentVisits)
{
    public const int VisitsShown = 20;

    /// <summary>The customer's visit frequency (its own or its business type's) and whether it is its own.</summary>
    public VisitFrequency Frequency { get; init; }

    public bool OwnFrequency { get; init; }

    public DayOfWeek? RouteDay { get; init; }

    public int RouteWeek { get; init; }

    public DateOnly? NextPlanned { get; init; }

    /// <summary>The store's coordinates (from its first verified visit or an administrator).</summary>
    public GeoPoint? Location { get; init; }

    /// <summary>A market information collection point (信息采集点).</summary>
    public bool IsCollectionPoint { get; init; }
}

/// <summary>
/// One customer's page: record, who served it when (newest first) and its recent visits, as far as the user's
/// <see cref="DataScope"/> reaches (an account manager sees their own visits, not a predecessor's notes).
/// </summary>
public sealed class CustomerDetailsQuery(AppDbContext db, TimeProvider clock)
{
    public async Task<CustomerDetailsModel?> RunAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().VisibleTo(user, db.AccountManagers).Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id,
                c.LicenceNumber,
                c.StoreName,
                c.Owner,
                c.Phone,
                c.Address,
                c.BusinessType,
                c.Status,
                c.CurrentManagerId,
                c.Frequency,
                c.RouteDay,
                c.RouteWeek,
                c.IsCollectionPoint,
                c.Latitude,
                c.Longitude,
                ManagerName = db.AccountManagers.Where(m => m.Id == c.CurrentManagerId).Select(m => m.Name).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var history = await db.CustomerAssignments.AsNoTracking()
            .Where(a => a.CustomerId == id)
            .Join(db.AccountManagers, a => a.AccountManagerId, m => m.Id, (a, m) => new { a, m })
            .GroupJoin(db.Users, x => x.a.ChangedBy, u => u.UserName, (x, users) => new { x.a, x.m, users })
            .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new { x.a, x.m, ChangedByName = u == null ? null : u.DisplayName })
            .OrderByDescending(x => x.a.From).ThenByDescending(x => x.a.To == null).ThenByDescending(x => x.a.To).ThenByDescending(x => x.a.Id)
            .Select(x => new AssignmentHistoryRow(x.m.Id, x.m.Name, x.m.EmployeeNumber, x.a.From, x.a.To, x.a.Reason, x.a.ChangedBy, x.ChangedByName))
            .ToListAsync(cancellationToken);
        var visits = await db.Visits.AsNoTracking().VisibleTo(user, db.AccountManagers)
            .Where(v => v.CustomerId == id)
            .Join(db.AccountManagers, v => v.AccountManagerId, m => m.Id, (v, m) => new { v, m })
            .OrderByDescending(x => x.v.VisitedAt)
            .Take(CustomerDetailsModel.VisitsShown)
            .Select(x => new CustomerVisitRow(x.v.Id, x.v.VisitedAt, x.v.Kind, x.m.Name, x.v.VolumeCartons, x.v.MarketInformation, x.v.Complaint))
            .ToListAsync(cancellationToken);

        var frequency = customer.Frequency ?? (await db.FrequencyDefaultsAsync(cancellationToken))[customer.BusinessType];
        var plan = RetailCustomer.PlanOf(frequency, customer.RouteDay, customer.RouteWeek, customer.Status);
        return new CustomerDetailsModel(customer.Id, customer.LicenceNumber, customer.StoreName, customer.Owner, customer.Phone, customer.Address,
            customer.BusinessType, customer.Status, customer.CurrentManagerId, customer.ManagerName, history, visits)
        {
            Frequency = frequency,
            OwnFrequency = customer.Frequency is not null,
            RouteDay = customer.RouteDay,
            RouteWeek = customer.RouteWeek,
            NextPlanned = plan?.NextOnOrAfter(DateOnly.FromDateTime(clock.GetLocalNow().DateTime)),
            IsCollectionPoint = customer.IsCollectionPoint,
            Location = customer.Latitude is { } lat && customer.Longitude is { } lon ? new GeoPoint(lat, lon) : null,
        };
    }
}
