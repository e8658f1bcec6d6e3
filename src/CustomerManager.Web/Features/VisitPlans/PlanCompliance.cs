using System.Security.Claims;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Features.Units;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.VisitPlans;

/// <summary>The compliance page's period, unit and page, bound from the query string.</summary>
public sealed class PlanComplianceFilter
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public string? District { get; set; }

    public string? Q { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

public sealed record PlanComplianceRow(int ManagerId, string EmployeeNumber, string Name, string District, EvidenceFigures Figures);

public sealed record PlanComplianceModel(PlanComplianceFilter Filter, DateOnly From, DateOnly To, PagedList<PlanComplianceRow> Page, IReadOnlyList<UnitNode> Units);

/// <summary>
/// Plan compliance and verified visits per manager for any period (计划执行率): the managers the reader may see, paged in
/// SQL by name, and the page's figures from the panel's own evidence query, only those the page shows
/// (<see cref="EvidenceQuery.FieldWorkForManagersAsync"/>), in a handful of grouped queries for the whole page.
/// </summary>
public sealed class PlanComplianceQuery(AppDbContext db, EvidenceQuery evidence, TimeProvider clock)
{
    public async Task<PlanComplianceModel> RunAsync(PlanComplianceFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var from = filter.From ?? new DateOnly(today.Year, today.Month, 1);
        var to = filter.To ?? today;
        if (to < from)
        {
            (from, to) = (to, from);
        }

        var managers = db.AccountManagers.AsNoTracking().VisibleTo(user).Where(m => m.IsActive);
        if (!string.IsNullOrWhiteSpace(filter.District))
        {
            managers = managers.InUnit(filter.District);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            managers = managers.Where(m => m.Name.Contains(q) || m.EmployeeNumber.Contains(q));
        }

        var page = await managers
            .OrderBy(m => m.District.NameSortKey).ThenBy(m => m.NameSortKey)
            .Select(m => new { m.Id, m.EmployeeNumber, m.Name, District = m.District.Name })
            .ToPagedListAsync(filter.Page, filter.PageSize, cancellationToken);
        var figures = page.Items.Count == 0
            ? []
            : await evidence.FieldWorkForManagersAsync([.. page.Items.Select(m => m.Id)], from, to, cancellationToken);
        var rows = page.Items.Select(m => new PlanComplianceRow(m.Id, m.EmployeeNumber, m.Name, m.District, figures.GetValueOrDefault(m.Id) ?? EvidenceFigures.None)).ToList();
        var units = await OrgUnitTree.FilterOptionsAsync(db, filter.District, user.SupervisedUnitIdOf(), cancellationToken);
        return new PlanComplianceModel(filter, from, to, new PagedList<PlanComplianceRow>(rows, page.Page, page.PageSize, page.TotalCount), units);
    }
}
