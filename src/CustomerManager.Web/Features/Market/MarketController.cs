using System.Globalization;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Features.Visits;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace CustomerManager.Web.Features.Market;

public sealed record MarketPointModel(int Id, string StoreName, string LicenceNumber, bool IsCollectionPoint, DateOnly From, DateOnly To, IReadOnlyList<MarketObservationView> Rows);

/// <summary>The figures the market page and its export show, rounded once, the same way for both.</summary>
public static class MarketFigures
{
    public static decimal? Price(decimal? value) => value is { } v ? decimal.Round(v, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>A share (0–1) as a percentage with one decimal.</summary>
    public static decimal? Percent(decimal? share) => share is { } s ? decimal.Round(s * 100, 1, MidpointRounding.AwayFromZero) : null;

    public static decimal? OneDecimal(decimal? value) => value is { } v ? decimal.Round(v, 1, MidpointRounding.AwayFromZero) : null;
}

/// <summary>
/// Market monitoring (卷烟市场监测) for the staff who act on it: prices against the guide price, stock and stockouts by
/// brand specification, district and week, from the figures collection points report; exported to XLSX as shown.
/// </summary>
[Authorize(Policy = Policies.Readers)]
public sealed class MarketController(MarketPageQuery query, IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>The most observations a collection point's page lists (a quarter of weekly collections of 30 specifications is 390).</summary>
    public const int PointRowsShown = 500;

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] MarketFilter filter, CancellationToken cancellationToken) =>
        View(await query.RunAsync(filter, User, cancellationToken));

    /// <summary>One collection point's figures in the period, newest first, as its manager recorded them.</summary>
    [HttpGet]
    public async Task<IActionResult> Point(int id, DateOnly? from, DateOnly? to, [FromServices] AppDbContext db, [FromServices] TimeProvider clock, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().VisibleTo(User, db.AccountManagers).Where(c => c.Id == id)
            .Select(c => new { c.Id, c.StoreName, c.LicenceNumber, c.IsCollectionPoint }).SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return NotFound();
        }

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var (first, last) = (from ?? today.AddDays(-90), to ?? today);
        var rows = await MarketGridService.Views(db, db.MarketObservations.AsNoTracking().Where(o => o.CustomerId == id && o.ObservedOn >= first && o.ObservedOn <= last))
            .Take(PointRowsShown).ToListAsync(cancellationToken);
        return View(new MarketPointModel(customer.Id, customer.StoreName, customer.LicenceNumber, customer.IsCollectionPoint, first, last, rows));
    }

    /// <summary>The page's tables as an XLSX workbook: specifications, then districts or collection points, then weeks.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] MarketFilter filter, CancellationToken cancellationToken)
    {
        var model = await query.RunAsync(filter, User, cancellationToken);
        var sheets = new Dictionary<string, object>
        {
            [l["Market.SheetSpecs"].Value] = model.SpecRows.Select(r => Row(
                (l["Market.Spec"], r.Label), (l["Market.GuidePack"], r.GuidePack), (l["Market.GuideCarton"], r.GuideCarton)).Concat(Figures(r.Sums)).ToDictionary()).ToList(),
        };
        if (model.IsDistrict)
        {
            sheets[l["Market.SheetPoints"].Value] = model.Points.Select(p => Row(
                (l["Customer.StoreName"], p.StoreName), (l["Customer.LicenceNumber"], p.LicenceNumber), (l["Visit.Manager"], p.ManagerName),
                (l["Market.Visits"], p.Visits), (l["Market.LastObserved"], p.LastObservedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Concat(Figures(p.Sums)).ToDictionary()).ToList();
        }
        else
        {
            sheets[l["Market.SheetDistricts"].Value] = model.Districts.Select(d => Row((l["AccountManager.District"], d.Name)).Concat(Figures(d.Sums)).ToDictionary()).ToList();
        }

        sheets[l["Market.SheetWeeks"].Value] = model.Weeks.Select(w => Row((l["Market.Week"], w.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Concat(Figures(w.Sums)).ToDictionary()).ToList();
        foreach (var (name, rows) in sheets.ToList())
        {
            if (rows is List<Dictionary<string, object?>> { Count: 0 })
            {
                // MiniExcel writes no header for an empty sheet: say so instead of leaving it blank.
                sheets[name] = new List<Dictionary<string, object?>> { new() { [l["Market.Spec"].Value] = l["Market.NoFigures"].Value } };
            }
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        var file = $"{l["Market.File"]}-{model.From:yyyyMMdd}-{model.To:yyyyMMdd}.xlsx";
        return File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file);
    }

    private static IEnumerable<KeyValuePair<string, object?>> Row(params (LocalizedString Header, object? Value)[] cells) =>
        cells.Select(c => new KeyValuePair<string, object?>(c.Header.Value, c.Value));

    private IEnumerable<KeyValuePair<string, object?>> Figures(MarketSums s) => Row(
        (l["Market.Observations"], s.Observations),
        (l["Market.AvgPack"], MarketFigures.Price(s.PackPriceAverage)),
        (l["Market.MinPack"], MarketFigures.Price(s.PackPriceMin)),
        (l["Market.MaxPack"], MarketFigures.Price(s.PackPriceMax)),
        (l["Market.AvgCarton"], MarketFigures.Price(s.CartonPriceAverage)),
        (l["Market.MinCarton"], MarketFigures.Price(s.CartonPriceMin)),
        (l["Market.MaxCarton"], MarketFigures.Price(s.CartonPriceMax)),
        (l["Market.AboveGuideShare"], MarketFigures.Percent(s.AboveGuideShare)),
        (l["Market.AvgStock"], MarketFigures.OneDecimal(s.StockAverage)),
        (l["Market.StockoutShare"], MarketFigures.Percent(s.StockoutShare)),
        (l["Market.AvgDaysOut"], MarketFigures.OneDecimal(s.DaysOutOfStockAverage)));
}
