using System.Security.Claims;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Features.Units;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.AccountManagers;

/// <summary>The filters, sort and page of the account-manager list, bound from the query string.</summary>
public sealed class AccountManagerListFilter
{
    public string? Q { get; set; }

    public string? District { get; set; }

    /// <summary>Null: everyone; true: active only; false: inactive only.</summary>
    public bool? Active { get; set; } = true;

    /// <summary>A tier, or 0 for "not rated / no result" in the latest published cycle.</summary>
    public int? Tier { get; set; }

    public string? Sort { get; set; }

    public bool Desc { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }

    /// <summary>Whether anything narrows the list beyond its default (active managers, or everyone).</summary>
    public bool IsNarrowed => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrWhiteSpace(District) || Active == false || Tier is not null;
}

/// <summary>A manager in the list; <c>UnitCode</c> (their district's) and <c>Department</c> go into the export.</summary>
public sealed record AccountManagerRow(
    int Id, string EmployeeNumber, string Name, string District, string? Phone, bool IsActive, int Customers, Tier? Tier, decimal? FinalScore, string? UserName,
    string UnitCode = "", string? Department = null, string? DepartmentEn = null)
{
    /// <summary>The department's name in the user's language.</summary>
    public string? DepartmentShown => Department is null ? null : Domain.Organisation.OrgUnit.NameIn(Department, DepartmentEn, english: !Localization.Cultures.IsChinese);
}

public sealed record AccountManagerListModel(
    AccountManagerListFilter Filter, PagedList<AccountManagerRow> Page, IReadOnlyList<UnitNode> Units, string? TierCycleName);

/// <summary>The account-manager list: filtered, sorted and paged in SQL, with customer counts and current tier.</summary>
public sealed class AccountManagerListQuery(AppDbContext db)
{
    public async Task<AccountManagerListModel> RunAsync(AccountManagerListFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var cycle = await db.LatestPublishedCycleAsync(cancellationToken);
        var page = await Rows(filter, user, cycle?.Id ?? 0).ToPagedListAsync(filter.Page, filter.PageSize, cancellationToken);
        var units = await OrgUnitTree.FilterOptionsAsync(db, filter.District, user.SupervisedUnitIdOf(), cancellationToken);
        return new AccountManagerListModel(filter, page, units, cycle?.Name);
    }

    /// <summary>The filtered, sorted rows (all pages), for the export.</summary>
    public async Task<IQueryable<AccountManagerRow>> RowsAsync(AccountManagerListFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Rows(filter, user, (await db.LatestPublishedCycleAsync(cancellationToken))?.Id ?? 0);

    private IQueryable<AccountManagerRow> Rows(AccountManagerListFilter filter, ClaimsPrincipal user, int cycleId)
    {
        var managers = db.AccountManagers.AsNoTracking().VisibleTo(user);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            managers = managers.Where(m => m.Name.Contains(q) || m.EmployeeNumber.Contains(q));
        }

        if (!string.IsNullOrWhiteSpace(filter.District))
        {
            managers = managers.InUnit(filter.District);
        }

        if (filter.Active is { } active)
        {
            managers = managers.Where(m => m.IsActive == active);
        }

        var rows = managers.Select(m => new
        {
            Manager = m,
            Customers = db.Customers.Count(c => c.CurrentManagerId == m.Id),
            Result = db.Results.FirstOrDefault(r => r.CycleId == cycleId && r.AccountManagerId == m.Id),
            UserName = db.Users.Where(u => u.AccountManagerId == m.Id).Select(u => u.UserName).FirstOrDefault(),
        });

        if (filter.Tier is 0)
        {
            rows = rows.Where(r => r.Result == null || r.Result.Tier == null);
        }
        else if (filter.Tier is { } tier)
        {
            rows = rows.Where(r => r.Result != null && r.Result.Tier == (Tier)tier);
        }

        rows = (filter.Sort, filter.Desc) switch
        {
            ("number", false) => rows.OrderBy(r => r.Manager.EmployeeNumber),
            ("number", true) => rows.OrderByDescending(r => r.Manager.EmployeeNumber),
            ("district", false) => rows.OrderBy(r => r.Manager.District.NameSortKey).ThenBy(r => r.Manager.NameSortKey),
            ("district", true) => rows.OrderByDescending(r => r.Manager.District.NameSortKey).ThenBy(r => r.Manager.NameSortKey),
            ("customers", false) => rows.OrderBy(r => r.Customers).ThenBy(r => r.Manager.NameSortKey),
            ("customers", true) => rows.OrderByDescending(r => r.Customers).ThenBy(r => r.Manager.NameSortKey),
            ("score", false) => rows.OrderBy(r => r.Result!.FinalScore).ThenBy(r => r.Manager.NameSortKey),
            ("score", true) => rows.OrderByDescending(r => r.Result!.FinalScore).ThenBy(r => r.Manager.NameSortKey),
            (_, true) => rows.OrderByDescending(r => r.Manager.NameSortKey),
            _ => rows.OrderBy(r => r.Manager.NameSortKey),
        };

        return rows.Select(r => new AccountManagerRow(
            r.Manager.Id, r.Manager.EmployeeNumber, r.Manager.Name, r.Manager.District.Name, r.Manager.Phone, r.Manager.IsActive,
            r.Customers, r.Result == null ? null : r.Result.Tier, r.Result == null ? null : r.Result.FinalScore, r.UserName,
            r.Manager.District.Code, r.Manager.District.Parent == null ? null : r.Manager.District.Parent.Name, r.Manager.District.Parent == null ? null : r.Manager.District.Parent.NameEn));
    }
}
