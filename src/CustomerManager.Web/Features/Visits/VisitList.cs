using System.Security.Claims;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Visits;

/// <summary>Kinds of content a visit list can be narrowed to.</summary>
public enum VisitContentFilter
{
    Complaints = 1,
    Violations = 2,
    Unlicensed = 3,
    Shared = 4,
}

public sealed class VisitListFilter
{
    public int? ManagerId { get; set; }

    public int? CustomerId { get; set; }

    public string? District { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public VisitContentFilter? Content { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }

    /// <summary>Whether anything narrows the list (an empty list then says "nothing matches", not "no visits yet").</summary>
    public bool IsNarrowed =>
        ManagerId is not null || CustomerId is not null || !string.IsNullOrWhiteSpace(District) || From is not null || To is not null || Content is not null;
}

public sealed record VisitRow(
    int Id, DateTime VisitedAt, VisitKind Kind, int ManagerId, string ManagerName, string ManagerEmployeeNumber, string District,
    int CustomerId, string StoreName, string LicenceNumber, int VolumeCartons, string? MarketInformation,
    bool HasComplaint, bool ComplaintResolvedOnSpot, bool HasViolation, bool HasUnlicensed, bool HasShared);

/// <summary>A visit as the export writes it: everything the visit says, not only the list's flags.</summary>
public sealed record VisitExportRow(
    DateTime VisitedAt, VisitKind Kind, string ManagerEmployeeNumber, string ManagerName, string District, string LicenceNumber, string StoreName,
    int VolumeCartons, IReadOnlyCollection<string> Brands, string? MarketInformation, string? CustomerFeedback, string? Complaint, string? ComplaintResolution,
    bool ComplaintResolvedOnSpot, bool? CustomerSatisfied, string? DataChange, string? ViolationType, string? ViolationDescription,
    string? UnlicensedPlace, string? UnlicensedDescription, string? ShareWithLogistics, string? ShareWithCallCentre);

/// <summary>
/// One page of visits with the filters' options, and whether the user has customers to visit (asked only when an
/// account manager's list is empty, so that it says what to do: log a visit, or wait for customers).
/// </summary>
public sealed record VisitListModel(
    VisitListFilter Filter, PagedList<VisitRow> Page, IReadOnlyList<ManagerOption> Managers, IReadOnlyList<string> Districts, bool HasCustomers = true);

/// <summary>The visit list: filtered by manager, customer, district, dates and content, paged in SQL, newest first.</summary>
public sealed class VisitListQuery(AppDbContext db)
{
    public IQueryable<VisitRow> Rows(VisitListFilter filter, ClaimsPrincipal user) =>
        Filtered(filter, user).Select(r => new VisitRow(
            r.V.Id, r.V.VisitedAt, r.V.Kind, r.M.Id, r.M.Name, r.M.EmployeeNumber, r.M.District.Name, r.C.Id, r.C.StoreName, r.C.LicenceNumber,
            r.V.VolumeCartons, r.V.MarketInformation, r.V.Complaint != null, r.V.ComplaintResolvedOnSpot, r.V.ViolationType != null,
            r.V.UnlicensedPlace != null, r.V.ShareWithLogistics != null || r.V.ShareWithCallCentre != null));

    /// <summary>The same visits as <see cref="Rows"/>, with all they say, for the export.</summary>
    public IQueryable<VisitExportRow> ExportRows(VisitListFilter filter, ClaimsPrincipal user) =>
        Filtered(filter, user).Select(r => new VisitExportRow(
            r.V.VisitedAt, r.V.Kind, r.M.EmployeeNumber, r.M.Name, r.M.District.Name, r.C.LicenceNumber, r.C.StoreName,
            r.V.VolumeCartons, r.V.BrandsRecommended, r.V.MarketInformation, r.V.CustomerFeedback, r.V.Complaint, r.V.ComplaintResolution,
            r.V.ComplaintResolvedOnSpot, r.V.CustomerSatisfied, r.V.DataChange, r.V.ViolationType, r.V.ViolationDescription,
            r.V.UnlicensedPlace, r.V.UnlicensedDescription, r.V.ShareWithLogistics, r.V.ShareWithCallCentre));

    private IQueryable<Joined> Filtered(VisitListFilter filter, ClaimsPrincipal user)
    {
        var visits = db.Visits.AsNoTracking().VisibleTo(user);
        if (filter.ManagerId is { } managerId && user.SeesEverything())
        {
            visits = visits.Where(v => v.AccountManagerId == managerId);
        }

        if (filter.CustomerId is { } customerId)
        {
            visits = visits.Where(v => v.CustomerId == customerId);
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue);
            visits = visits.Where(v => v.VisitedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue);
            visits = visits.Where(v => v.VisitedAt < end);
        }

        visits = filter.Content switch
        {
            VisitContentFilter.Complaints => visits.Where(v => v.Complaint != null),
            VisitContentFilter.Violations => visits.Where(v => v.ViolationType != null),
            VisitContentFilter.Unlicensed => visits.Where(v => v.UnlicensedPlace != null),
            VisitContentFilter.Shared => visits.Where(v => v.ShareWithLogistics != null || v.ShareWithCallCentre != null),
            _ => visits,
        };

        var rows = from v in visits
                   join m in db.AccountManagers on v.AccountManagerId equals m.Id
                   join c in db.Customers on v.CustomerId equals c.Id
                   select new Joined { V = v, M = m, C = c };
        if (!string.IsNullOrWhiteSpace(filter.District) && user.SeesEverything())
        {
            rows = rows.Where(r => r.M.District.Name == filter.District);
        }

        return rows.OrderByDescending(r => r.V.VisitedAt).ThenByDescending(r => r.V.Id);
    }

    private sealed class Joined
    {
        public required Visit V { get; init; }

        public required Domain.AccountManagers.AccountManager M { get; init; }

        public required Domain.Customers.RetailCustomer C { get; init; }
    }

    public async Task<VisitListModel> RunAsync(VisitListFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var page = await Rows(filter, user).ToPagedListAsync(filter.Page, filter.PageSize, cancellationToken);
        var seesAll = user.SeesEverything();
        var managers = seesAll ? await db.ActiveManagerOptionsAsync(cancellationToken) : [];
        var districts = seesAll ? await db.DistrictsAsync(cancellationToken) : [];
        var hasCustomers = seesAll || page.TotalCount > 0 || await db.Customers.AsNoTracking().VisibleTo(user).AnyAsync(cancellationToken);
        return new VisitListModel(filter, page, managers, districts, hasCustomers);
    }
}

/// <summary>An item the visit passed on; <paramref name="HandledByName"/> is the display name of the login that handled it.</summary>
public sealed record VisitReportView(int Id, ReportKind Kind, string Message, ReportStatus Status, string? HandledBy, string? HandledByName, DateTime? HandledUtc, string? Reply);

public sealed record VisitDetailsModel(
    int Id, DateTime VisitedAt, VisitKind Kind, int ManagerId, string ManagerName, int CustomerId, string StoreName, string LicenceNumber,
    Visit Visit, IReadOnlyList<VisitReportView> Reports, Refusal? CannotChange, Refusal? CannotDelete);
