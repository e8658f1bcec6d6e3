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
    int Priced,
    int StockReported,
    int StockCounts,
    int StockCartonsSum,
    int Stockouts,
    int DaysCounts,
    int DaysOutOfStockSum)
{
    public static MarketSums Zero { get; } = new(0, 0, 0, null, null, 0, 0, null, null, 0, 0, 0, 0, 0, 0, 0, 0);

    public decimal? PackPriceAverage => PackPrices > 0 ? PackPriceSum / PackPrices : null;

    public decimal? CartonPriceAverage => CartonPrices > 0 ? CartonPriceSum / CartonPrices : null;

    /// <summary>Observations above the guide price, as a share of those with a price (0–1).</summary>
    public decimal? AboveGuideShare => Priced > 0 ? (decimal)AboveGuide / Priced : null;

    public decimal? StockAverage => StockCounts > 0 ? (decimal)StockCartonsSum / StockCounts : null;

    /// <summary>Observations out of stock, as a share of those with stock or days out of stock (0–1).</summary>
    public decimal? StockoutShare => StockReported > 0 ? (decimal)Stockouts / StockReported : null;

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
            a.Priced + b.Priced,
            a.StockReported + b.StockReported,
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

/// <summary>One collection point's observations in a period.</summary>
public sealed record MarketPointSums(int CustomerId, int Visits, DateOnly LastObservedOn, MarketSums Sums);

/// <summary>A period's figures summed three ways: per specification (all of them), and per district and per week (of one specification when chosen).</summary>
public sealed record MarketFigureSet(IReadOnlyDictionary<int, MarketSums> BySpec, IReadOnlyDictionary<int, MarketSums> ByDistrict, IReadOnlyDictionary<DateOnly, MarketSums> ByWeek);

/// <summary>A row of the weekly or the daily totals, as the market's queries read both (a shape of its own, so that they can be read as one).</summary>
public sealed class MarketTotalRow
{
    public int BrandSpecId { get; init; }

    public int DistrictId { get; init; }

    public DateOnly WeekStart { get; init; }

    public int Observations { get; init; }

    public int PackPrices { get; init; }

    public decimal PackPriceSum { get; init; }

    public decimal? PackPriceMin { get; init; }

    public decimal? PackPriceMax { get; init; }

    public int CartonPrices { get; init; }

    public decimal CartonPriceSum { get; init; }

    public decimal? CartonPriceMin { get; init; }

    public decimal? CartonPriceMax { get; init; }

    public int AboveGuide { get; init; }

    public int Priced { get; init; }

    public int StockReported { get; init; }

    public int StockCounts { get; init; }

    public int StockCartonsSum { get; init; }

    public int Stockouts { get; init; }

    public int DaysCounts { get; init; }

    public int DaysOutOfStockSum { get; init; }
}

/// <summary>
/// The market figures of a period (卷烟市场监测): the whole weeks from the weekly totals kept with the observations
/// (<see cref="MarketWeekTotal"/>), the days at either end from the daily ones (<see cref="MarketDayTotal"/>), read as one
/// and grouped in SQL, so that any period is exact and a quarter of the whole province reads its totals, never its
/// observations.
/// </summary>
public static class MarketQueries
{
    /// <summary>
    /// The figures from <paramref name="from"/> to <paramref name="to"/> in <paramref name="districtIds"/> (every district when
    /// null): per specification, and per district and per week of <paramref name="specId"/> (all when null). Two grouped queries.
    /// </summary>
    public static async Task<MarketFigureSet> FiguresAsync(
        this AppDbContext db, DateOnly from, DateOnly to, IReadOnlyCollection<int>? districtIds, int? specId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Two queries: per specification and week (a quarter's few hundred rows give both the specifications' and the weeks'
        // figures), and per district.
        var rows = TotalRows(db, from, to, districtIds);
        var specWeeks = await SumsAsync(rows.GroupBy(r => new SpecWeek(r.BrandSpecId, r.WeekStart)), cancellationToken);
        var chosen = specId is { } spec ? rows.Where(r => r.BrandSpecId == spec) : rows;
        return new MarketFigureSet(
            specWeeks.GroupBy(x => x.Key.SpecId).ToDictionary(g => g.Key, g => MarketSums.Of(g.Select(x => x.Value))),
            await SumsAsync(chosen.GroupBy(r => r.DistrictId), cancellationToken),
            specWeeks.Where(x => specId is null || x.Key.SpecId == specId).GroupBy(x => x.Key.WeekStart).ToDictionary(g => g.Key, g => MarketSums.Of(g.Select(x => x.Value))));
    }

    /// <summary>The period's rows of totals: its whole weeks' weekly rows and its other days' daily rows.</summary>
    public static IQueryable<MarketTotalRow> TotalRows(AppDbContext db, DateOnly from, DateOnly to, IReadOnlyCollection<int>? districtIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        var firstWhole = MarketRules.WeekOf(from) == from ? from : MarketRules.WeekOf(from).AddDays(7);
        var afterWhole = MarketRules.WeekOf(to.AddDays(1));
        var days = InDistricts(db.MarketDayTotals.AsNoTracking(), db, districtIds);
        if (firstWhole >= afterWhole)
        {
            return Rows(days.Where(t => t.Day >= from && t.Day <= to));
        }

        var (lastBefore, firstAfter) = (firstWhole.AddDays(-1), afterWhole);
        var weeks = InDistricts(db.MarketWeekTotals.AsNoTracking(), db, districtIds).Where(t => t.WeekStart >= firstWhole && t.WeekStart < afterWhole);
        var ends = days.Where(t => (t.Day >= from && t.Day <= lastBefore) || (t.Day >= firstAfter && t.Day <= to));
        return Rows(weeks).Concat(Rows(ends));
    }

    private sealed record SpecWeek(int SpecId, DateOnly WeekStart);

    private static IQueryable<T> InDistricts<T>(IQueryable<T> totals, AppDbContext db, IReadOnlyCollection<int>? districtIds)
        where T : MarketTotalFigures =>
        districtIds is null
            ? totals.Where(t => db.OrgUnits.Select(u => u.Id).Contains(t.DistrictId)) // every unit: sought unit by unit, see Observations
            : totals.Where(t => districtIds.Contains(t.DistrictId));

    private static IQueryable<MarketTotalRow> Rows<T>(IQueryable<T> totals)
        where T : MarketTotalFigures =>
        totals.Select(t => new MarketTotalRow
        {
            BrandSpecId = t.BrandSpecId,
            DistrictId = t.DistrictId,
            WeekStart = t.WeekStart,
            Observations = t.Observations,
            PackPrices = t.PackPrices,
            PackPriceSum = t.PackPriceSum,
            PackPriceMin = t.PackPriceMin,
            PackPriceMax = t.PackPriceMax,
            CartonPrices = t.CartonPrices,
            CartonPriceSum = t.CartonPriceSum,
            CartonPriceMin = t.CartonPriceMin,
            CartonPriceMax = t.CartonPriceMax,
            AboveGuide = t.AboveGuide,
            Priced = t.Priced,
            StockReported = t.StockReported,
            StockCounts = t.StockCounts,
            StockCartonsSum = t.StockCartonsSum,
            Stockouts = t.Stockouts,
            DaysCounts = t.DaysCounts,
            DaysOutOfStockSum = t.DaysOutOfStockSum,
        });

    private static async Task<Dictionary<TKey, MarketSums>> SumsAsync<TKey>(IQueryable<IGrouping<TKey, MarketTotalRow>> groups, CancellationToken cancellationToken)
        where TKey : notnull =>
        (await groups.Select(g => new
        {
            g.Key,
            Sums = new MarketSums(
                    g.Sum(r => r.Observations),
                    g.Sum(r => r.PackPrices),
                    g.Sum(r => r.PackPriceSum),
                    g.Min(r => r.PackPriceMin),
                    g.Max(r => r.PackPriceMax),
                    g.Sum(r => r.CartonPrices),
                    g.Sum(r => r.CartonPriceSum),
                    g.Min(r => r.CartonPriceMin),
                    g.Max(r => r.CartonPriceMax),
                    g.Sum(r => r.AboveGuide),
                    g.Sum(r => r.Priced),
                    g.Sum(r => r.StockReported),
                    g.Sum(r => r.StockCounts),
                    g.Sum(r => r.StockCartonsSum),
                    g.Sum(r => r.Stockouts),
                    g.Sum(r => r.DaysCounts),
                    g.Sum(r => r.DaysOutOfStockSum)),
        })
            .ToListAsync(cancellationToken))
        .ToDictionary(x => x.Key, x => x.Sums);

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
                g.Count(o => o.PackPrice != null || o.CartonPrice != null),
                g.Count(o => o.StockCartons != null || o.DaysOutOfStock != null),
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
