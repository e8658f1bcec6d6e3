using System.Security.Claims;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Features.Units;
using CustomerManager.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Market;

/// <summary>The market page's period, unit and specification, bound from the query string.</summary>
public sealed class MarketFilter
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    /// <summary>The unit (company, department or district) by name or code; none: everything the reader sees.</summary>
    public string? Unit { get; set; }

    /// <summary>One specification, for the chart's prices and the collection points' figures.</summary>
    public int? Spec { get; set; }
}

/// <summary>One specification's figures in the period, beside its guide price at the period's end.</summary>
public sealed record MarketSpecRow(int SpecId, string Label, decimal? GuidePack, decimal? GuideCarton, MarketSums Sums);

/// <summary>One district's figures in the period (all specifications, or the one chosen).</summary>
public sealed record MarketDistrictRow(int DistrictId, string Name, string Code, MarketSums Sums);

/// <summary>One week's figures (all specifications, or the one chosen).</summary>
public sealed record MarketWeekRow(DateOnly WeekStart, MarketSums Sums);

/// <summary>One collection point of a district, with its figures in the period.</summary>
public sealed record MarketPointRow(int CustomerId, string StoreName, string LicenceNumber, string? ManagerName, int Visits, DateOnly LastObservedOn, MarketSums Sums);

public sealed record MarketPageModel(
    MarketFilter Filter,
    DateOnly From,
    DateOnly To,
    UnitNode? Unit,
    IReadOnlyList<UnitNode> Units,
    IReadOnlyList<(int Id, string Label)> Specs,
    IReadOnlyList<MarketSpecRow> SpecRows,
    IReadOnlyList<MarketDistrictRow> Districts,
    IReadOnlyList<MarketWeekRow> Weeks,
    IReadOnlyList<MarketPointRow> Points)
{
    public MarketSums Total => MarketSums.Of(SpecRows.Select(r => r.Sums));

    public string? SpecLabel => Filter.Spec is { } id ? Specs.FirstOrDefault(s => s.Id == id).Label : null;

    /// <summary>The district chosen: its collection points are listed.</summary>
    public bool IsDistrict => Unit?.Kind == UnitKind.District;
}

/// <summary>
/// The market page (卷烟市场监测): for a period and a unit, per brand specification, per district and per week, from the
/// weekly totals and the daily totals of the days at the period's ends, grouped in SQL (<see cref="MarketQueries.FiguresAsync"/>);
/// a district's collection points from its observations. The reader's scope narrows the units (a supervisor: theirs).
/// </summary>
public sealed class MarketPageQuery(AppDbContext db, TimeProvider clock)
{
    public async Task<MarketPageModel> RunAsync(MarketFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var from = filter.From ?? new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        var to = filter.To ?? today;
        if (to < from)
        {
            (from, to) = (to, from);
        }

        // The reader's part of the company: everything (administrators), a supervisor's unit, a panel member's departments.
        var tree = await OrgUnitTree.LoadAsync(db, cancellationToken);
        var within = user.IsSupervisor() ? user.SupervisedUnitIdOf() : null;
        var roots = user.IsPanelMember() ? [.. user.PanelDepartmentsOf()] : within is { } w ? [w] : new List<int>();
        var everything = user.SeesEverything();
        var units = everything ? OrgUnitTree.FilterOptions(tree, filter.Unit, null) : [.. roots.SelectMany(r => OrgUnitTree.FilterOptions(tree, filter.Unit, r))];
        var visible = everything ? null : roots.SelectMany(r => OrgUnitTree.Subtree(tree, r)).Select(u => u.Id).ToHashSet();
        var unit = string.IsNullOrWhiteSpace(filter.Unit) ? null : OrgUnitTree.Find(tree, filter.Unit);
        if (unit is not null && visible is not null && !visible.Contains(unit.Id))
        {
            unit = null;
        }

        // The filter names the unit as its list does (by name), whether the link gave its code or its name.
        filter.Unit = unit?.Name;
        var districts = (unit is not null ? OrgUnitTree.Subtree(tree, unit.Id) : tree.Where(u => visible?.Contains(u.Id) ?? true))
            .Where(u => u.Kind == UnitKind.District).ToList();
        IReadOnlyCollection<int>? districtIds = unit is null && visible is null ? null : [.. districts.Select(d => d.Id)];

        var figures = districtIds is { Count: 0 }
            ? new MarketFigureSet(new Dictionary<int, MarketSums>(), new Dictionary<int, MarketSums>(), new Dictionary<DateOnly, MarketSums>())
            : await db.FiguresAsync(from, to, districtIds, filter.Spec, cancellationToken);
        var specs = await SpecsAsync(to, cancellationToken);

        var specRows = figures.BySpec
            .Where(x => specs.ContainsKey(x.Key))
            .OrderBy(x => specs[x.Key].Order)
            .Select(x => new MarketSpecRow(x.Key, specs[x.Key].Label, specs[x.Key].Guide?.PackPrice, specs[x.Key].Guide?.CartonPrice, x.Value))
            .ToList();
        var byId = districts.ToDictionary(d => d.Id);
        var districtRows = unit?.Kind == UnitKind.District ? [] : figures.ByDistrict
            .Where(x => byId.ContainsKey(x.Key))
            .OrderBy(x => districts.IndexOf(byId[x.Key]))
            .Select(x => new MarketDistrictRow(x.Key, byId[x.Key].Shown, byId[x.Key].Code, x.Value))
            .ToList();
        var weeks = figures.ByWeek.OrderBy(x => x.Key).Select(x => new MarketWeekRow(x.Key, x.Value)).ToList();
        var points = unit?.Kind == UnitKind.District ? await PointsAsync(from, to, unit.Id, filter.Spec, cancellationToken) : [];
        return new MarketPageModel(
            filter, from, to, unit, units, [.. specs.OrderBy(s => s.Value.Order).Select(s => (s.Key, s.Value.Label))], specRows, districtRows, weeks, points);
    }

    private async Task<List<MarketPointRow>> PointsAsync(DateOnly from, DateOnly to, int districtId, int? spec, CancellationToken cancellationToken)
    {
        var sums = await db.PointsAsync(from, to, districtId, spec, cancellationToken);
        var ids = sums.Select(s => s.CustomerId).ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.StoreName, c.StoreNameSortKey, c.LicenceNumber, Manager = db.AccountManagers.Where(m => m.Id == c.CurrentManagerId).Select(m => m.Name).FirstOrDefault() })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        return [.. sums.Where(s => customers.ContainsKey(s.CustomerId))
            .OrderBy(s => customers[s.CustomerId].StoreNameSortKey, StringComparer.Ordinal)
            .Select(s => new MarketPointRow(s.CustomerId, customers[s.CustomerId].StoreName, customers[s.CustomerId].LicenceNumber, customers[s.CustomerId].Manager, s.Visits, s.LastObservedOn, s.Sums))];
    }

    /// <summary>Every specification's label, catalogue order and guide price on <paramref name="day"/>.</summary>
    private async Task<Dictionary<int, (string Label, int Order, GuidePrice? Guide)>> SpecsAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var brands = await db.Brands.AsNoTracking().ToDictionaryAsync(b => b.Id, cancellationToken);
        var specs = await db.BrandSpecs.AsNoTracking().Include(s => s.GuidePrices).ToListAsync(cancellationToken);
        return specs
            .OrderBy(s => brands[s.BrandId].SortOrder).ThenBy(s => s.SortOrder)
            .Select((s, i) => (s, i))
            .ToDictionary(x => x.s.Id, x => (MarketLabels.Of(brands[x.s.BrandId].Name, x.s.Name), x.i, x.s.GuideOn(day)));
    }
}
