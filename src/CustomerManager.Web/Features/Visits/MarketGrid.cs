using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Features.Market;
using CustomerManager.Web.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Visits;

/// <summary>One row of the visit form's market grid as posted: a specification's four figures, any left blank.</summary>
public sealed class MarketItem
{
    public int SpecId { get; set; }

    public decimal? PackPrice { get; set; }

    public decimal? CartonPrice { get; set; }

    public int? StockCartons { get; set; }

    public int? DaysOutOfStock { get; set; }

    public bool IsEmpty => PackPrice is null && CartonPrice is null && StockCartons is null && DaysOutOfStock is null;
}

/// <summary>A specification the grid offers: its guide price on the visit's day and the figures of the point's last collection.</summary>
public sealed record MarketGridRow(int SpecId, string Label, GuidePrice Guide, MarketItem? Last, DateOnly? LastOn);

/// <summary>A recorded observation as the visit's page and the collection point's history show it.</summary>
public sealed record MarketObservationView(
    int VisitId, DateOnly ObservedOn, string Label, decimal? PackPrice, decimal? CartonPrice, int? StockCartons, int? DaysOutOfStock,
    decimal GuidePackPrice, decimal GuideCartonPrice, bool AboveGuide, bool Stockout);

/// <summary>The grid a collection point's visit shows (empty for other customers).</summary>
public sealed record MarketGridModel(IReadOnlyList<MarketGridRow> Rows, IReadOnlyList<MarketItem> Typed, string Prefix = "Market")
{
    public static MarketGridModel None { get; } = new([], []);

    public MarketItem? TypedFor(int specId) => Typed.FirstOrDefault(t => t.SpecId == specId);
}

/// <summary>
/// The visit form's market grid (卷烟市场信息采集): which specifications a collection point's visit offers, the last figures
/// as hints, and the posted figures read into <see cref="MarketReading"/>s, every implausible one refused at its field.
/// </summary>
public sealed class MarketGridService(AppDbContext db, IStringLocalizer<SharedResource> l)
{
    /// <summary>
    /// The active specifications with a guide price on <paramref name="day"/> (and those the visit recorded), with hints:
    /// the figures <paramref name="managerId"/> last collected there. A manager sees only their own visits
    /// (<see cref="Security.DataScope"/>), so a store taken over shows no hints from its previous manager.
    /// </summary>
    public async Task<MarketGridModel> GridAsync(int customerId, int managerId, DateOnly day, int? visitId, IReadOnlyList<MarketItem> typed, CancellationToken cancellationToken)
    {
        // A visit that recorded figures keeps its grid even if the customer is no longer a collection point: a correction
        // never drops them unseen.
        var recorded = visitId is { } id ? await db.MarketObservations.AsNoTracking().Where(o => o.VisitId == id).Select(o => o.BrandSpecId).ToListAsync(cancellationToken) : [];
        if (recorded.Count == 0 && !await db.Customers.AsNoTracking().AnyAsync(c => c.Id == customerId && c.IsCollectionPoint, cancellationToken))
        {
            return MarketGridModel.None;
        }

        var specs = await SpecsAsync(day, recorded, cancellationToken);

        // The manager's latest figures there per specification, from the point's most recent collections (a few weeks' rows on its index).
        var recent = await db.MarketObservations.AsNoTracking()
            .Where(o => o.CustomerId == customerId && o.ObservedOn <= day && o.AccountManagerId == managerId && o.VisitId != (visitId ?? 0))
            .OrderByDescending(o => o.ObservedOn).ThenByDescending(o => o.Id)
            .Take(Math.Max(specs.Count, 1) * 4)
            .Select(o => new { o.BrandSpecId, o.ObservedOn, o.PackPrice, o.CartonPrice, o.StockCartons, o.DaysOutOfStock })
            .ToListAsync(cancellationToken);
        var last = recent.GroupBy(o => o.BrandSpecId).ToDictionary(g => g.Key, g => g.First());
        var rows = specs.Select(s => last.TryGetValue(s.Id, out var o)
                ? new MarketGridRow(s.Id, s.Label, s.Guide, new MarketItem { SpecId = s.Id, PackPrice = o.PackPrice, CartonPrice = o.CartonPrice, StockCartons = o.StockCartons, DaysOutOfStock = o.DaysOutOfStock }, o.ObservedOn)
                : new MarketGridRow(s.Id, s.Label, s.Guide, null, null))
            .ToList();
        return new MarketGridModel(rows, typed);
    }

    /// <summary>The observations of <paramref name="observations"/> with their specifications' names, in catalogue order.</summary>
    public static IQueryable<MarketObservationView> Views(AppDbContext db, IQueryable<MarketObservation> observations) =>
        from o in observations
        join s in db.BrandSpecs on o.BrandSpecId equals s.Id
        join b in db.Brands on s.BrandId equals b.Id
        orderby o.ObservedOn descending, o.VisitId descending, b.SortOrder, s.SortOrder
        select new MarketObservationView(
            o.VisitId, o.ObservedOn, b.Name + " " + s.Name, o.PackPrice, o.CartonPrice, o.StockCartons, o.DaysOutOfStock,
            o.GuidePackPrice, o.GuideCartonPrice, o.AboveGuide, o.Stockout);

    /// <summary>The figures a visit recorded, as the form shows them again for a correction.</summary>
    public async Task<List<MarketItem>> RecordedAsync(int visitId, CancellationToken cancellationToken) =>
        await db.MarketObservations.AsNoTracking().Where(o => o.VisitId == visitId)
            .Select(o => new MarketItem { SpecId = o.BrandSpecId, PackPrice = o.PackPrice, CartonPrice = o.CartonPrice, StockCartons = o.StockCartons, DaysOutOfStock = o.DaysOutOfStock })
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The posted figures as readings at the guide prices of <paramref name="day"/>; null, with the reasons at their fields,
    /// when one is not plausible or names a specification the grid does not offer.
    /// </summary>
    public async Task<List<MarketReading>?> ReadingsAsync(IReadOnlyList<MarketItem> items, DateOnly day, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        var given = items.Where(x => !x.IsEmpty).ToList();
        if (given.Count == 0)
        {
            return [];
        }

        var specs = (await SpecsAsync(day, [.. given.Select(g => g.SpecId)], cancellationToken)).ToDictionary(s => s.Id);
        var readings = new List<MarketReading>();
        var valid = true;
        foreach (var item in given)
        {
            if (given.Count(g => g.SpecId == item.SpecId) > 1)
            {
                modelState.AddModelError(string.Empty, l["Validation.FormAltered"]);
                valid = false;
                continue;
            }

            if (!specs.TryGetValue(item.SpecId, out var spec))
            {
                // Figures for a specification without a guide price on the visit's day (a date moved back before its first one).
                var label = await LabelAsync(item.SpecId, cancellationToken);
                modelState.AddModelError(string.Empty, label is null ? l["Validation.FormAltered"] : l["Market.NoGuideOnDay", label, day.ToString("d", System.Globalization.CultureInfo.CurrentCulture)]);
                valid = false;
                continue;
            }

            var reading = new MarketReading(spec.Id, spec.Label, spec.Guide, item.PackPrice, item.CartonPrice, item.StockCartons, item.DaysOutOfStock);
            foreach (var (field, refusal) in MarketRules.WhyNot(reading))
            {
                modelState.AddModelError($"Market[{item.SpecId}].{field}", l.Message(refusal));
                valid = false;
            }

            readings.Add(reading);
        }

        return valid ? readings : null;
    }

    private async Task<string?> LabelAsync(int specId, CancellationToken cancellationToken) =>
        await db.BrandSpecs.AsNoTracking().Where(s => s.Id == specId)
            .Join(db.Brands, s => s.BrandId, b => b.Id, (s, b) => b.Name + " " + s.Name).SingleOrDefaultAsync(cancellationToken);

    private async Task<List<(int Id, string Label, GuidePrice Guide)>> SpecsAsync(DateOnly day, IReadOnlyCollection<int> alsoIds, CancellationToken cancellationToken)
    {
        // A few hundred specifications at most, and their brands: read whole, joined here.
        var brands = await db.Brands.AsNoTracking().ToDictionaryAsync(b => b.Id, cancellationToken);
        var specs = (await db.BrandSpecs.AsNoTracking().Include(s => s.GuidePrices).Where(s => s.IsActive || alsoIds.Contains(s.Id)).ToListAsync(cancellationToken))
            .Select(s => new { Spec = s, Brand = brands[s.BrandId] })
            .Where(x => x.Brand.IsActive || alsoIds.Contains(x.Spec.Id))
            .OrderBy(x => x.Brand.SortOrder).ThenBy(x => x.Spec.SortOrder)
            .Select(x => new { x.Spec, Brand = x.Brand.Name })
            .ToList();
        return specs.Where(x => x.Spec.GuideOn(day) is not null).Select(x => (x.Spec.Id, MarketLabels.Of(x.Brand, x.Spec.Name), x.Spec.GuideOn(day)!)).ToList();
    }
}
