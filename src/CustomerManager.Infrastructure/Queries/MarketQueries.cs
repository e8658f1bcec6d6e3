using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Infrastructure.Queries;

/// <summary>Market observations summed: counts, sums, least and greatest, which add up across weeks, districts and specifications.</summary>
public sealed record MarketSums(
    int Observations,
    int PackPrices,
    decimal PackPriceSum,
    decimal? PackPriceMin,
    decimal? PackPriceMax,
    int CartonPrices,
    decimal CartonPriceSum,
    decimal? CartonPriceMin,
    decimal? CartonPriceMax,
    int AboveGuide,
    int StockCounts,
    int StockCartonsSum,
    int Stockouts,
    int DaysCounts,
    int DaysOutOfStockSum)
{
    public static MarketSums Zero { get; } = new(0, 0, 0, null, null, 0, 0, null, null, 0, 0, 0, 0, 0, 0);

    public decimal? PackPriceAverage => PackPrices > 0 ? PackPriceSum / PackPrices : null;

    public decimal? CartonPriceAverage => CartonPrices > 0 ? CartonPriceSum / CartonPrices : null;

    /// <summary>Observations above the guide price, as a share of all (0–1).</summary>
    public decimal? AboveGuideShare => Observations > 0 ? (decimal)AboveGuide / Observations : null;

    public decimal? StockAverage => StockCounts > 0 ? (decimal)StockCartonsSum / StockCounts : null;

    /// <summary>Observations out of stock, as a share of all (0–1).</summary>
    public decimal? StockoutShare => Observations > 0 ? (decimal)Stockouts / Observations : null;

    /// <summary>Average days out of stock of the observations that gave them.</summary>
    public decimal? DaysOutOfStockAverage => DaysCounts > 0 ? (decimal)DaysOutOfStockSum / DaysCounts : null;

    public static MarketSums operator +(MarketSums a, MarketSums b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(
            a.Observations + b.Observations,
            a.PackPrices + b.PackPrices,
            a.PackPriceSum + b.PackPriceSum,
            Least(a.PackPriceMin, b.PackPriceMin),
            Greatest(a.PackPriceMax, b.PackPriceMax),
            a.CartonPrices + b.CartonPrices,
            a.CartonPriceSum + b.CartonPriceSum,
            Least(a.CartonPriceMin, b.CartonPriceMin),
            Greatest(a.CartonPriceMax, b.CartonPriceMax),
            a.AboveGuide + b.AboveGuide,
            a.StockCounts + b.StockCounts,
            a.StockCartonsSum + b.StockCartonsSum,
            a.Stockouts + b.Stockouts,
            a.DaysCounts + b.DaysCounts,
            a.DaysOutOfStockSum + b.DaysOutOfStockSum);
    }

    public static MarketSums Add(MarketSums a, MarketSums b) => a + b;

    /// <summary>The sums of many (zero for none).</summary>
    public static MarketSums Of(IEnumerable<MarketSums> sums) => sums.Aggregate(Zero, (a, b) => a + b);

    private static decimal? Least(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static decimal? Greatest(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}

/// <summary>One specification's sums in one district and one week (whole or, at a period's ends, in part).</summary>
public sealed record MarketCell(int BrandSpecId, int DistrictId, DateOnly WeekStart, MarketSums Sums);

/// <summary>One collection point's observations in a period.</summary>
public sealed record MarketPointSums(int CustomerId, int Visits, DateOnly LastObservedOn, MarketSums Sums);

/// <summary>
/// The market figures of a period (卷烟市场监测): the whole weeks from the weekly totals kept with the observations
/// (<see cref="MarketWeekTotal"/>), the days at either end from the observations themselves (on their (district, day)
/// index), so that any period is exact and a quarter of a department reads a few thousand rows.
/// </summary>
public static class MarketQueries
{
    /// <summary>
    /// The sums per specification, district and week from <paramref name="from"/> to <paramref name="to"/> in
    /// <paramref name="districtIds"/> (every district when null).
    /// </summary>
    public static async Task<List<MarketCell>> CellsAsync(this AppDbContext db, DateOnly from, DateOnly to, IReadOnlyCollection<int>? districtIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var firstWhole = MarketRules.WeekOf(from) == from ? from : MarketRules.WeekOf(from).AddDays(7);
        var afterWhole = MarketRules.WeekOf(to.AddDays(1));
        var cells = new List<MarketCell>();
        if (firstWhole < afterWhole)
        {
            var totals = db.MarketWeekTotals.AsNoTracking().Where(t => t.WeekStart >= firstWhole && t.WeekStart < afterWhole);
            totals = districtIds is null
                ? totals.Where(t => db.OrgUnits.Select(u => u.Id).Contains(t.DistrictId)) // every unit: see Observations
                : totals.Where(t => districtIds.Contains(t.DistrictId));

            cells.AddRange((await totals
                    .Select(t => new
                    {
                        t.BrandSpecId,
                        t.DistrictId,
                        t.WeekStart,
                        t.Observations,
                        t.PackPrices,
                        t.PackPriceSum,
                        t.PackPriceMin,
                        t.PackPriceMax,
                        t.CartonPrices,
                        t.CartonPriceSum,
                        t.CartonPriceMin,
                        t.CartonPriceMax,
                        t.AboveGuide,
                        t.StockCounts,
                        t.StockCartonsSum,
                        t.Stockouts,
                        t.DaysCounts,
                        t.DaysOutOfStockSum,
                    })
                    .ToListAsync(cancellationToken))
                .Select(t => new MarketCell(t.BrandSpecId, t.DistrictId, t.WeekStart, new MarketSums(
                    t.Observations, t.PackPrices, t.PackPriceSum, t.PackPriceMin, t.PackPriceMax, t.CartonPrices, t.CartonPriceSum, t.CartonPriceMin,
                    t.CartonPriceMax, t.AboveGuide, t.StockCounts, t.StockCartonsSum, t.Stockouts, t.DaysCounts, t.DaysOutOfStockSum))));
            await AddDaysAsync(from, firstWhole.AddDays(-1));
            await AddDaysAsync(afterWhole, to);
        }
        else
        {
            await AddDaysAsync(from, to);
        }

        return cells;

        async Task AddDaysAsync(DateOnly first, DateOnly last)
        {
            if (last >= first)
            {
                var observations = Observations(db, first, last, districtIds);
                cells.AddRange(await observations
                    .GroupBy(o => new { o.BrandSpecId, o.DistrictId, o.WeekStart })
                    .Select(g => new MarketCell(g.Key.BrandSpecId, g.Key.DistrictId, g.Key.WeekStart, new MarketSums(
                        g.Count(),
                        g.Count(o => o.PackPrice != null),
                        g.Sum(o => o.PackPrice) ?? 0,
                        g.Min(o => o.PackPrice),
                        g.Max(o => o.PackPrice),
                        g.Count(o => o.CartonPrice != null),
                        g.Sum(o => o.CartonPrice) ?? 0,
                        g.Min(o => o.CartonPrice),
                        g.Max(o => o.CartonPrice),
                        g.Count(o => o.AboveGuide),
                        g.Count(o => o.StockCartons != null),
                        g.Sum(o => o.StockCartons) ?? 0,
                        g.Count(o => o.Stockout),
                        g.Count(o => o.DaysOutOfStock != null),
                        g.Sum(o => o.DaysOutOfStock) ?? 0)))
                    .ToListAsync(cancellationToken));
            }
        }
    }

    /// <summary>The sums of each collection point of one district in a period, from its observations.</summary>
    public static Task<List<MarketPointSums>> PointsAsync(this AppDbContext db, DateOnly from, DateOnly to, int districtId, int? brandSpecId, CancellationToken cancellationToken)
    {
        var observations = Observations(db, from, to, [districtId]);
        if (brandSpecId is { } spec)
        {
            observations = observations.Where(o => o.BrandSpecId == spec);
        }

        return observations
            .GroupBy(o => o.CustomerId)
            .Select(g => new MarketPointSums(g.Key, g.Select(o => o.VisitId).Distinct().Count(), g.Max(o => o.ObservedOn), new MarketSums(
                g.Count(),
                g.Count(o => o.PackPrice != null),
                g.Sum(o => o.PackPrice) ?? 0,
                g.Min(o => o.PackPrice),
                g.Max(o => o.PackPrice),
                g.Count(o => o.CartonPrice != null),
                g.Sum(o => o.CartonPrice) ?? 0,
                g.Min(o => o.CartonPrice),
                g.Max(o => o.CartonPrice),
                g.Count(o => o.AboveGuide),
                g.Count(o => o.StockCartons != null),
                g.Sum(o => o.StockCartons) ?? 0,
                g.Count(o => o.Stockout),
                g.Count(o => o.DaysOutOfStock != null),
                g.Sum(o => o.DaysOutOfStock) ?? 0)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Market observations expected of each manager (every one when <paramref name="managers"/> is null) from
    /// <paramref name="from"/> to <paramref name="last"/>: one a whole week for each trading collection point, over the days
    /// the manager served it (<see cref="MarketRules.ExpectedCollections"/>). Counted from the assignments grouped by their span.
    /// </summary>
    public static async Task<Dictionary<int, int>> MarketExpectedAsync(this AppDbContext db, DateOnly from, DateOnly last, IReadOnlyCollection<int>? managers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expected = new Dictionary<int, int>();
        if (last < from)
        {
            return expected;
        }

        var assignments = db.CustomerAssignments.AsNoTracking().Where(a => a.From <= last && (a.To == null || a.To > from));
        if (managers is not null)
        {
            assignments = assignments.Where(a => managers.Contains(a.AccountManagerId));
        }

        var spans = await (from a in assignments
                           join c in db.Customers on a.CustomerId equals c.Id
                           where c.IsCollectionPoint && c.Status == CustomerStatus.Active
                           group a by new { a.AccountManagerId, a.From, a.To } into g
                           select new { g.Key.AccountManagerId, g.Key.From, g.Key.To, Points = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var s in spans)
        {
            var first = s.From > from ? s.From : from;
            var end = s.To is { } to && to.AddDays(-1) < last ? to.AddDays(-1) : last;
            expected[s.AccountManagerId] = expected.GetValueOrDefault(s.AccountManagerId) + (MarketRules.ExpectedCollections(end.DayNumber - first.DayNumber + 1) * s.Points);
        }

        return expected;
    }

    /// <summary>
    /// The observations of some days in some districts, or in every one (null): then compared with the ids of every unit all
    /// the same (every observation's district is one, by its foreign key), so that the days are sought on the (district, day)
    /// index unit by unit. Without the comparison nothing leads that index: SQLite scans every observation unless its
    /// statistics (ANALYZE, which the app never runs) suggest a skip-scan — 51 s instead of 0.7 s for the company's quarter on
    /// 15.5 M observations (docs/benchmarks.md, issue 14).
    /// </summary>
    private static IQueryable<MarketObservation> Observations(AppDbContext db, DateOnly first, DateOnly last, IReadOnlyCollection<int>? districtIds)
    {
        var observations = db.MarketObservations.AsNoTracking().Where(o => o.ObservedOn >= first && o.ObservedOn <= last);
        return districtIds is null
            ? observations.Where(o => db.OrgUnits.Select(u => u.Id).Contains(o.DistrictId))
            : observations.Where(o => districtIds.Contains(o.DistrictId));
    }
}
