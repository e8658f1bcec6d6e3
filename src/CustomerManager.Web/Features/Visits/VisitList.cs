using System.Security.Claims;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Features.Units;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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
    /// <summary>One manager, from a link (a manager's page).</summary>
    public int? ManagerId { get; set; }

    /// <summary>Managers as typed in the filter: an employee number or part of a name.</summary>
    public string? Manager { get; set; }

    public int? CustomerId { get; set; }

    public string? District { get; set; }

    public DateOnly? From { get; set; }

    /// <summary>True when <see cref="From"/> is the list's default window, not a date the user chose (never bound from the address).</summary>
    [BindNever]
    public bool FromIsDefault { get; set; }

    public DateOnly? To { get; set; }

    public VisitContentFilter? Content { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }

    /// <summary>Whether anything narrows the list (an empty list then says "nothing matches", not "no visits yet").</summary>
    public bool IsNarrowed =>
        ManagerId is not null || !string.IsNullOrWhiteSpace(Manager) || CustomerId is not null || !string.IsNullOrWhiteSpace(District)
        || (From is not null && !FromIsDefault) || To is not null || Content is not null;
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
    string? UnlicensedPlace, string? UnlicensedDescription, string? ShareWithLogistics, string? ShareWithCallCentre,
    VisitVerification Verification = VisitVerification.Unverified, int? DistanceMeters = null, DateTime? CheckedInAt = null, DateTime? CheckedOutAt = null);

/// <summary>
/// One page of visits with the filters' options, and whether the user has customers to visit (asked only when an
/// account manager's list is empty, so that it says what to do: log a visit, or wait for customers).
/// </summary>
public sealed record VisitListModel(
    VisitListFilter Filter, PagedList<VisitRow> Page, IReadOnlyList<UnitNode> Units, bool HasCustomers = true);

/// <summary>
/// The visit list: filtered by manager, customer, district, dates and content, paged in SQL, newest first. Millions
/// of visits: the visits alone are filtered, counted (up to <see cref="PagingExtensions.CountLimit"/>) and paged on
/// the date index; only the page's rows are joined to their managers and stores. A list of everyone's visits not
/// narrowed to a manager, a customer or dates shows the last <see cref="DefaultWindowDays"/> days.
/// </summary>
public sealed class VisitListQuery(AppDbContext db, TimeProvider clock)
{
    public const int DefaultWindowDays = 30;

    /// <summary>The visits of the list as the export writes them, with all they say.</summary>
    public IQueryable<VisitExportRow> ExportRows(VisitListFilter filter, ClaimsPrincipal user) =>
        WithManagerAndStore(NewestFirst(Filtered(WithDefaultWindow(filter, user), user))).Select(r => new VisitExportRow(
            r.V.VisitedAt, r.V.Kind, r.M.EmployeeNumber, r.M.Name, r.M.District.Name, r.C.LicenceNumber, r.C.StoreName,
            r.V.VolumeCartons, r.V.BrandsRecommended, r.V.MarketInformation, r.V.CustomerFeedback, r.V.Complaint, r.V.ComplaintResolution,
            r.V.ComplaintResolvedOnSpot, r.V.CustomerSatisfied, r.V.DataChange, r.V.ViolationType, r.V.ViolationDescription,
            r.V.UnlicensedPlace, r.V.UnlicensedDescription, r.V.ShareWithLogistics, r.V.ShareWithCallCentre,
            r.V.Verification, r.V.DistanceMeters, r.V.CheckedInAt, r.V.CheckedOutAt));

    /// <summary>
    /// Everyone's visits, not narrowed to a manager, a customer or dates, start at <see cref="DefaultWindowDays"/>
    /// days ago; the date box shows it, so the user sees what is listed and can go further back.
    /// </summary>
    public VisitListFilter WithDefaultWindow(VisitListFilter filter, ClaimsPrincipal user)
    {
        if (user.SeesManyManagers() && filter is { From: null, To: null, CustomerId: null, ManagerId: null } && string.IsNullOrWhiteSpace(filter.Manager))
        {
            filter.From = DateOnly.FromDateTime(clock.GetLocalNow().DateTime).AddDays(-DefaultWindowDays);
            filter.FromIsDefault = true;
        }

        return filter;
    }

    private IQueryable<Visit> Filtered(VisitListFilter filter, ClaimsPrincipal user)
    {
        var visits = db.Visits.AsNoTracking().VisibleTo(user, db.AccountManagers);
        if (user.SeesManyManagers())
        {
            if (filter.ManagerId is { } managerId)
            {
                visits = visits.Where(v => v.AccountManagerId == managerId);
            }
            else if (!string.IsNullOrWhiteSpace(filter.Manager))
            {
                var managers = db.AccountManagers.Matching(filter.Manager).Select(m => m.Id);
                visits = visits.Where(v => managers.Contains(v.AccountManagerId));
            }

            if (!string.IsNullOrWhiteSpace(filter.District))
            {
                var inDistrict = db.AccountManagers.InUnit(filter.District).Select(m => m.Id);
                visits = visits.Where(v => inDistrict.Contains(v.AccountManagerId));
            }
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

        return visits;
    }

    private static IOrderedQueryable<Visit> NewestFirst(IQueryable<Visit> visits) => visits.OrderByDescending(v => v.VisitedAt).ThenByDescending(v => v.Id);

    private IQueryable<Joined> WithManagerAndStore(IQueryable<Visit> visits) =>
        from v in visits
        join m in db.AccountManagers on v.AccountManagerId equals m.Id
        join c in db.Customers on v.CustomerId equals c.Id
        select new Joined { V = v, M = m, C = c };

    private sealed class Joined
    {
        public required Visit V { get; init; }

        public required Domain.AccountManagers.AccountManager M { get; init; }

        public required Domain.Customers.RetailCustomer C { get; init; }
    }

    public async Task<VisitListModel> RunAsync(VisitListFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var visits = Filtered(WithDefaultWindow(filter, user), user);
        var page = await visits.ToBoundedPagedListAsync(
            v => NewestFirst(v).Select(x => x.Id),
            ids => WithManagerAndStore(db.Visits.AsNoTracking().Where(v => ids.Contains(v.Id))).Select(r => new VisitRow(
                r.V.Id, r.V.VisitedAt, r.V.Kind, r.M.Id, r.M.Name, r.M.EmployeeNumber, r.M.District.Name, r.C.Id, r.C.StoreName, r.C.LicenceNumber,
                r.V.VolumeCartons, r.V.MarketInformation, r.V.Complaint != null, r.V.ComplaintResolvedOnSpot, r.V.ViolationType != null,
                r.V.UnlicensedPlace != null, r.V.ShareWithLogistics != null || r.V.ShareWithCallCentre != null)),
            r => r.Id,
            filter.Page,
            filter.PageSize,
            cancellationToken);
        var seesAll = user.SeesEverything();
        var many = user.SeesManyManagers();
        filter.Manager = await (many ? db.AccountManagers.VisibleTo(user) : null).ManagerBoxTextAsync(filter.ManagerId, filter.Manager, cancellationToken);

        var units = many ? await OrgUnitTree.FilterOptionsAsync(db, filter.District, user.SupervisedUnitIdOf(), cancellationToken) : [];
        var hasCustomers = seesAll || page.TotalCount > 0 || await db.Customers.AsNoTracking().VisibleTo(user, db.AccountManagers).AnyAsync(cancellationToken);
        return new VisitListModel(filter, page, units, hasCustomers);
    }
}

/// <summary>An item the visit passed on; <paramref name="HandledByName"/> is the display name of the login that handled it.</summary>
public sealed record VisitReportView(int Id, ReportKind Kind, string Message, ReportStatus Status, string? HandledBy, string? HandledByName, DateTime? HandledUtc, string? Reply);

public sealed record VisitDetailsModel(
    int Id, DateTime VisitedAt, VisitKind Kind, int ManagerId, string ManagerName, int CustomerId, string StoreName, string LicenceNumber,
    Visit Visit, IReadOnlyList<VisitReportView> Reports, Refusal? CannotChange, Refusal? CannotDelete)
{
    /// <summary>Whether the reader may see where the phone was (the author, administrators, the panel).</summary>
    public bool SeesLocations { get; init; }

    /// <summary>The market figures the visit recorded at a collection point.</summary>
    public IReadOnlyList<MarketObservationView> Market { get; init; } = [];

    /// <summary>Whether the reader, its author, can check out of the visit now.</summary>
    public bool CanCheckOut { get; init; }

    public CustomerManager.Domain.Visits.SiteCheckRules? Site { get; init; }
}
