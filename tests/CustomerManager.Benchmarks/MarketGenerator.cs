using System.Diagnostics;
using System.Globalization;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Features.Market;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

/// <summary>
/// Adds a year of market monitoring (issue 14) to a province file the <c>province</c> mode wrote: 30 brand specifications
/// with their guide prices (three changed during the year), five collection points per manager, and for each point one
/// collection visit a week for the 52 weeks up to today (the current week's only when its day has passed) with the
/// figures of every specification, as the app stores them (<see cref="MarketObservation"/>: prices, stock, days out of
/// stock, the guide price of the day, above guide, stockout), the visits' count of specifications and the item for the
/// monopoly leader when a price is above the guide price (<see cref="ReportKind.PriceAboveGuide"/>, most of the older
/// ones acknowledged); then the weekly totals counted by the app's own <see cref="MarketTotals.RebuildAsync"/>.
/// </summary>
/// <remarks>
/// The collection visits are new visits (a point is visited on its route day, most of them on site and, in the last 90
/// days, checked in and out as the province's visits are), so the monthly visit totals, the customers covered per quarter
/// and the evidence stored with the published cycles are brought up to date with them; the self-checks of the province
/// run again at the end. Not written: the audit trail of these visits and of marking the points (the app would write one
/// entry per visit; the observations themselves are not audited). Prices: 15 % of the points sell many specifications
/// above the guide price (the premium ones most), the others now and then; about 4 % of the figures are stockouts.
/// Rows are written with prepared INSERTs in one transaction with the observations' indexes dropped meanwhile.
/// Deterministic: the same file and day give the same figures.
/// </remarks>
internal sealed class MarketGenerator : IDisposable
{
    public const int PointsPerManager = 5;
    public const int Weeks = 52;

    /// <summary>The on-site visits of the last this many days carry a check-in and check-out (as in the province).</summary>
    private const int CheckInDays = 90;

    private const string Admin = CustomerManager.Infrastructure.Seeding.DemoAccounts.Administrator;
    private const string Reply = "已提醒零售户按指导价销售";

    /// <summary>
    /// The specifications in catalogue order: brand, name, guide price per pack (a carton is ten packs), how much more often
    /// than the average one it sells above the guide price and runs out (the scarce premium ones).
    /// </summary>
    private static readonly (string Brand, string Name, decimal Pack, double Above, double Scarce)[] Specs =
    [
        ("中华", "硬", 45m, 2.2, 1.6), ("中华", "软", 65m, 2.6, 2.2), ("中华", "双中支", 50m, 2.0, 1.8), ("玉溪", "软", 23m, 1.3, 1.0),
        ("玉溪", "硬和谐", 32m, 1.2, 1.0), ("云烟", "软珍品", 22m, 1.2, 0.9), ("云烟", "紫", 11m, 0.6, 0.7), ("黄鹤楼", "硬金砂", 19m, 1.0, 0.9),
        ("黄鹤楼", "1916", 100m, 2.4, 2.4), ("利群", "新版", 16m, 0.8, 0.8), ("利群", "休闲云端", 26m, 1.0, 1.0), ("芙蓉王", "硬", 25m, 1.2, 1.0),
        ("南京", "炫赫门", 16m, 1.0, 1.0), ("南京", "雨花石", 90m, 1.8, 1.8), ("红塔山", "经典", 10m, 0.5, 0.7), ("白沙", "精品", 10m, 0.5, 0.7),
        ("白沙", "和天下", 100m, 1.8, 1.6), ("真龙", "起源", 15m, 0.7, 0.9), ("双喜", "硬经典", 7m, 0.4, 0.6), ("七匹狼", "纯境", 30m, 0.8, 1.0),
        ("黄金叶", "乐途", 10m, 0.5, 0.8), ("娇子", "宽窄", 20m, 0.8, 1.0), ("钻石", "荷花", 35m, 1.1, 1.2), ("泰山", "心悦", 16m, 0.6, 0.8),
        ("苏烟", "五星红杉树", 40m, 1.0, 1.1), ("贵烟", "跨越", 20m, 0.7, 0.9), ("红河", "软", 5m, 0.3, 0.5), ("长白山", "777", 15m, 0.6, 0.8),
        ("延安", "硬", 10m, 0.4, 0.7), ("黄山", "红方印", 12m, 0.5, 0.8),
    ];

    private readonly Random _random = new(20261128);
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly TimeSpan _offset;
    private readonly DateOnly _today;
    private readonly DateTime _nowLocal;
    private readonly DateOnly _firstWeek;
    private readonly SiteCheckRules _siteRules = new(SiteCheckRules.DefaultFarMeters, SiteCheckRules.DefaultShortMinutes);

    private readonly List<(BrandSpec Spec, int Id, string Label, double Above, double Scarce)> _specs = [];
    private readonly List<Point> _points = [];
    private readonly Dictionary<int, (int District, string Login, string Seat)> _managers = [];
    private readonly List<(int Id, DateOnly Start, DateOnly End)> _published = [];
    private readonly Dictionary<(int Cycle, int Manager), (int Visits, int Volume)> _cycleVisits = [];

    private TableInsert? _specsInsert;
    private TableInsert? _guidePricesInsert;
    private TableInsert? _visitsInsert;
    private TableInsert? _observationsInsert;
    private TableInsert? _reportsInsert;
    private int _firstVisitId;
    private int _nextVisitId;
    private int _nextReportId;
    private long _aboveGuide;
    private long _stockouts;
    private long _flagged;
    private long _acknowledged;
    private readonly int[] _verification = new int[4];

    private MarketGenerator(SqliteConnection connection, DateOnly today, TimeSpan offset)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction();
        _today = today;
        _nowLocal = today.ToDateTime(TimeOnly.MinValue);
        _offset = offset;
        _firstWeek = MarketRules.WeekOf(today).AddDays(-7 * (Weeks - 1));
    }

    private DateTime NowUtc => Utc(_nowLocal);

    /// <summary>
    /// Adds the market figures to the province file at <paramref name="path"/> (migrated first) and prints what it did.
    /// </summary>
    /// <param name="path">A province file without market figures (a copy: it is changed in place).</param>
    /// <param name="today">The province's today: the visits end the day before; null: the day after its latest visit.</param>
    /// <param name="analyze">Whether to ANALYZE the tables written, as the province mode does by default.</param>
    public static async Task RunAsync(string path, DateOnly? today, bool analyze)
    {
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("No province file there: write one with the province mode first.", path);
        }

        var total = Stopwatch.StartNew();
        var stage = Stopwatch.StartNew();
        void Done(string what)
        {
            Console.WriteLine($"  {what,-70} {stage.Elapsed.TotalSeconds,7:F1} s");
            stage.Restart();
        }

        Console.WriteLine($"CustomerManager market generator (issue 14): {path} ({new FileInfo(path).Length / 1024.0 / 1024.0:N0} MB)");
        DbContextOptions<AppDbContext> Options() => new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite($"Data Source={path};Pooling=False", s => s.MigrationsAssembly(DependencyInjection.SqliteMigrationsAssembly)).Options;
        await using (var db = new AppDbContext(Options()))
        {
            await db.Database.MigrateAsync();
            var applied = await db.Database.GetAppliedMigrationsAsync();
            if (await db.MarketObservations.AnyAsync() || await db.BrandSpecs.AnyAsync())
            {
                throw new InvalidOperationException("The file already has brand specifications or market figures: run this on a copy of a province without them.");
            }

            Done($"schema: {applied.Count()} migrations, last {applied.Last()}");
        }

        SqliteConnection.ClearAllPools();
        int firstVisitId;
        DateOnly firstWeek;
        List<(int Id, DateOnly Start, DateOnly End)> cycles;
        Dictionary<(int Cycle, int Manager), (int Visits, int Volume)> cycleVisits;
        DateOnly day;
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=False"))
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = DELETE; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -1048576;");
            day = today ?? DateOnly.FromDateTime(DateTime.Parse(Text(connection, "SELECT MAX(VisitedAt) FROM Visits"), CultureInfo.InvariantCulture)).AddDays(1);
            var indexes = DropIndexes(connection, "MarketObservations");
            Done($"today {day:yyyy-MM-dd} ({day.DayOfWeek}); dropped the {indexes.Count} indexes of the observations for the bulk load");
            using (var generator = new MarketGenerator(connection, day, TimeProvider.System.GetLocalNow().Offset))
            {
                generator.ReadProvince();
                generator.WriteSpecs();
                generator.ChoosePoints();
                Done($"{generator._specs.Count} specifications, {generator._points.Count:N0} collection points (up to {PointsPerManager} per manager of {generator._managers.Count:N0})");
                generator.WriteCollections();
                Done($"{generator._visitsInsert!.Count:N0} collection visits, {generator._observationsInsert!.Count:N0} observations, {generator._reportsInsert?.Count ?? 0:N0} items above guide");
                generator.UpdateVisitTotals();
                Done("monthly visit totals and customers covered per quarter brought up to date");
                generator._transaction.Commit();
                Done("committed");
                generator.PrintSummary();
                (firstVisitId, firstWeek, cycles, cycleVisits) = (generator._firstVisitId, generator._firstWeek, generator._published, generator._cycleVisits);
            }

            foreach (var sql in indexes)
            {
                Execute(connection, sql);
            }

            Done($"created the {indexes.Count} indexes of the observations again");
            Execute(connection, "PRAGMA locking_mode = NORMAL; PRAGMA journal_mode = DELETE;");
        }

        SqliteConnection.ClearAllPools();
        await UpdateEvidenceAsync(Options, cycles, cycleVisits, day);
        Done($"evidence of the {cycles.Count} published cycles in the year: visits, customers covered, market collections");

        SqliteConnection.ClearAllPools();
        await using (var db = new AppDbContext(Options()))
        {
            var weeks = await MarketTotals.RebuildAsync(db);
            Done($"weekly totals: MarketTotals.RebuildAsync wrote {weeks:N0} rows (district × week × specification)");
        }

        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            if (analyze)
            {
                Execute(connection, "ANALYZE MarketObservations; ANALYZE MarketWeekTotals; ANALYZE BrandSpecs; ANALYZE GuidePrices; ANALYZE Visits; ANALYZE VisitReports; ANALYZE Customers; ANALYZE VisitMonthTotals; ANALYZE VisitedCustomerQuarters;");
                Done("ANALYZE of the tables written");
            }

            var orphans = Scalar(connection, "SELECT COUNT(*) FROM pragma_foreign_key_check");
            if (orphans > 0)
            {
                throw new InvalidOperationException($"{orphans} rows break a foreign key: the generator is wrong.");
            }

            Done("foreign keys checked: none broken");
            Done(ProvinceGenerator.VerifyMonthTotals(connection, VisitMonthTotal.MonthOf(firstWeek)));
            Execute(connection, "PRAGMA journal_mode = WAL;"); // as the app keeps it
        }

        SqliteConnection.ClearAllPools();
        Done(await ProvinceGenerator.VerifyEvidenceAsync(path));
        Console.WriteLine($"  total {total.Elapsed.TotalSeconds:F1} s, file {new FileInfo(path).Length / 1024.0 / 1024.0:N0} MB (visits from id {firstVisitId:N0} on are the collections)");
    }

    public void Dispose()
    {
        foreach (var insert in new[] { _specsInsert, _guidePricesInsert, _visitsInsert, _observationsInsert, _reportsInsert })
        {
            insert?.Dispose();
        }

        _transaction.Dispose();
    }

    /// <summary>The managers (district, login, their department's monopoly leader) and the published cycles.</summary>
    private void ReadProvince()
    {
        foreach (var (id, district, login, seat) in Query(
                     """
                     SELECT m.Id, m.DistrictId, u.UserName,
                            (SELECT su.UserName FROM DepartmentSeats s JOIN AspNetUsers su ON su.Id = s.UserId JOIN OrgUnits d ON d.ParentId = s.UnitId
                             WHERE d.Id = m.DistrictId AND s.Role = 1)
                     FROM AccountManagers m JOIN AspNetUsers u ON u.AccountManagerId = m.Id
                     WHERE m.IsActive = 1 ORDER BY m.Id
                     """,
                     r => (r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.IsDBNull(3) ? Admin : r.GetString(3))))
        {
            _managers[id] = (district, login, seat);
        }

        _published.AddRange(Query(
            $"SELECT Id, PeriodStart, PeriodEnd FROM Cycles WHERE Status = {(int)CycleStatus.Published} AND PeriodEnd >= '{_firstWeek:yyyy-MM-dd}' ORDER BY PeriodStart",
            r => (r.GetInt32(0), DateOnly.Parse(r.GetString(1), CultureInfo.InvariantCulture), DateOnly.Parse(r.GetString(2), CultureInfo.InvariantCulture))));
        _firstVisitId = _nextVisitId = (int)Scalar(_connection, "SELECT COALESCE(MAX(Id), 0) FROM Visits", _transaction) + 1;
        _nextReportId = (int)Scalar(_connection, "SELECT COALESCE(MAX(Id), 0) FROM VisitReports", _transaction) + 1;
    }

    /// <summary>The specifications with their guide prices from a year before the first collection; three changed during the year.</summary>
    private void WriteSpecs()
    {
        var brands = Query("SELECT Name, Id FROM Brands", r => (r.GetString(0), r.GetInt32(1))).ToDictionary(b => b.Item1, b => b.Item2);
        var since = _firstWeek.AddYears(-1);
        var createdUtc = Utc(since.ToDateTime(new TimeOnly(9, 0)));
        _specsInsert = Prepare("BrandSpecs", "Id", "BrandId", "Name", "SortOrder", "IsActive", "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "Version");
        _guidePricesInsert = Prepare("GuidePrices", "Id", "BrandSpecId", "EffectiveFrom", "PackPrice", "CartonPrice");
        var changes = new Dictionary<int, (DateOnly From, decimal Pack)>
        {
            [6] = (_today.AddDays(-270), 12m), // 云烟 紫 11 → 12
            [9] = (_today.AddDays(-200), 17m), // 利群 新版 16 → 17
            [11] = (_today.AddDays(-120), 26m), // 芙蓉王 硬 25 → 26
        };
        var priceId = 0;
        for (var i = 0; i < Specs.Length; i++)
        {
            var (brand, name, pack, above, scarce) = Specs[i];
            var brandId = brands.TryGetValue(brand, out var b) ? b : throw new InvalidOperationException($"The province has no brand {brand}.");
            var spec = new BrandSpec(brandId, name, i + 1, since, pack, pack * 10);
            if (changes.TryGetValue(i, out var change))
            {
                spec.SetGuidePrice(change.From, change.Pack, change.Pack * 10);
            }

            var id = i + 1;
            var changedUtc = changes.TryGetValue(i, out var c) ? Utc(c.From.AddDays(-7).ToDateTime(new TimeOnly(10, 0))) : (DateTime?)null;
            _specsInsert.Run(id, brandId, name, i + 1, true, createdUtc, Admin, changedUtc, changedUtc is null ? null : Admin, changedUtc is null ? 1 : 2);
            foreach (var price in spec.GuidePrices.OrderBy(p => p.EffectiveFrom))
            {
                _guidePricesInsert.Run(++priceId, id, price.EffectiveFrom, (double)price.PackPrice, (double)price.CartonPrice);
            }

            _specs.Add((spec, id, MarketLabels.Of(brand, name), above, scarce));
        }
    }

    /// <summary>
    /// Five trading customers of each manager that stayed with the manager the whole time (one assignment, so the market
    /// collections expected of the manager are whole), preferably located ones with a route day; marked as collection points.
    /// </summary>
    private void ChoosePoints()
    {
        var defaults = Query("SELECT BusinessType, Frequency FROM VisitFrequencyDefaults", r => (r.GetInt32(0), r.GetInt32(1)))
            .ToDictionary(d => (BusinessType)d.Item1, d => (VisitFrequency)d.Item2);
        var candidates = Query(
            $"""
             SELECT c.Id, c.CurrentManagerId, c.BusinessType, c.Frequency, c.RouteDay, c.RouteWeek, c.Latitude, c.Longitude
             FROM Customers c
             WHERE c.Status = {(int)CustomerStatus.Active} AND c.CurrentManagerId IS NOT NULL
               AND (SELECT COUNT(*) FROM CustomerAssignments a WHERE a.CustomerId = c.Id) = 1
             ORDER BY c.CurrentManagerId, c.Id
             """,
            r => (Id: r.GetInt32(0), Manager: r.GetInt32(1), Type: (BusinessType)r.GetInt32(2), Frequency: r.IsDBNull(3) ? (VisitFrequency?)null : (VisitFrequency)r.GetInt32(3),
                Day: r.IsDBNull(4) ? (DayOfWeek?)null : (DayOfWeek)r.GetInt32(4), Week: r.GetInt32(5),
                Location: r.IsDBNull(6) || r.IsDBNull(7) ? (GeoPoint?)null : new GeoPoint(r.GetDouble(6), r.GetDouble(7))));
        using var mark = _connection.CreateCommand();
        mark.Transaction = _transaction;
        mark.CommandText = "UPDATE Customers SET IsCollectionPoint = 1 WHERE Id = $id";
        var markId = mark.Parameters.Add("$id", SqliteType.Integer);
        mark.Prepare();
        foreach (var group in candidates.Where(c => _managers.ContainsKey(c.Manager)).GroupBy(c => c.Manager))
        {
            var chosen = group
                .Select(c => (c, Key: (c.Location is null ? 2 : 0) + (c.Day is null or DayOfWeek.Sunday ? 1 : 0) + _random.NextDouble()))
                .OrderBy(x => x.Key).Take(PointsPerManager).Select(x => x.c).OrderBy(c => c.Id);
            foreach (var c in chosen)
            {
                var frequency = c.Frequency ?? defaults.GetValueOrDefault(c.Type, VisitFrequencies.InitialDefault(c.Type));
                var plan = RetailCustomer.PlanOf(frequency, c.Day, c.Week, CustomerStatus.Active);
                // Collected on the route day (Monday to Saturday), else on a day of its own.
                var weekday = c.Day is { } d and not DayOfWeek.Sunday ? (int)d - 1 : _random.Next(6);
                var overPricer = _random.Next(100) < 15;
                var spread = _specs.Select(_ => _random.NextDouble()).ToArray();
                var stock = _specs.Select(s => 2 + (28 * _random.NextDouble() / s.Scarce)).ToArray();
                _points.Add(new Point(c.Id, c.Manager, _managers[c.Manager].District, weekday, plan, c.Location, overPricer, spread, stock));
                markId.Value = c.Id;
                mark.ExecuteNonQuery();
            }
        }
    }

    /// <summary>The 52 weeks of collections in the order of their time (ids follow time, as in the app).</summary>
    private void WriteCollections()
    {
        _visitsInsert = Prepare(
            "Visits", "Id", "AccountManagerId", "CustomerId", "VisitedAt", "Kind", "BrandsRecommended", "BrandCount", "VolumeCartons", "ComplaintResolvedOnSpot",
            "PlannedOn", "OnPlannedDay", "CheckedInAt", "CheckInLatitude", "CheckInLongitude", "CheckInAccuracy", "CheckedOutAt", "CheckOutLatitude", "CheckOutLongitude",
            "CheckOutAccuracy", "DistanceMeters", "Verification", "MarketSpecs", "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "Version");
        _observationsInsert = Prepare(
            "MarketObservations", "Id", "VisitId", "BrandSpecId", "CustomerId", "AccountManagerId", "DistrictId", "ObservedOn", "WeekStart", "PackPrice", "CartonPrice",
            "StockCartons", "DaysOutOfStock", "GuidePackPrice", "GuideCartonPrice", "AboveGuide", "Stockout");
        var byDay = Enumerable.Range(0, 6).Select(d => _points.Where(p => p.Weekday == d).ToArray()).ToArray();
        var minutes = new int[byDay.Max(d => d.Length)];
        var order = new Point[minutes.Length];
        for (var week = 0; week < Weeks; week++)
        {
            for (var weekday = 0; weekday < 6; weekday++)
            {
                var date = _firstWeek.AddDays((7 * week) + weekday);
                if (date >= _today)
                {
                    break;
                }

                var points = byDay[weekday];
                for (var i = 0; i < points.Length; i++)
                {
                    minutes[i] = (8 * 60) + 30 + _random.Next((9 * 60) + 30);
                    order[i] = points[i];
                }

                Array.Sort(minutes, order, 0, points.Length);
                for (var i = 0; i < points.Length; i++)
                {
                    WriteCollection(order[i], date.ToDateTime(TimeOnly.MinValue).AddMinutes(minutes[i]));
                }
            }
        }
    }

    private void WriteCollection(Point point, DateTime visitedAt)
    {
        var id = _nextVisitId++;
        var date = DateOnly.FromDateTime(visitedAt);
        var (district, login, seat) = _managers[point.Manager];
        var plannedOn = point.Plan?.PlannedDayInWeekOf(date);
        var site = date >= _today.AddDays(-CheckInDays) ? CheckInAndOut(point.Location, visitedAt) : null;
        var createdLocal = site is null ? visitedAt.AddMinutes(_random.Next(5, 30)) : visitedAt + ((site.Value.CheckOut.At - visitedAt) * (0.2 + (0.7 * _random.NextDouble())));
        var createdUtc = Utc(createdLocal < _nowLocal ? createdLocal : _nowLocal);
        var checkedOutUtc = site is { } s ? Utc(s.CheckOut.At) : (DateTime?)null;
        var volume = _random.Next(0, 61);

        // The figures of every specification, in the grid's order; the flag names those above the guide price as the visit does.
        var above = new List<string>();
        var week = MarketRules.WeekOf(date);
        for (var k = 0; k < _specs.Count; k++)
        {
            var (spec, specId, label, aboveFactor, scarce) = _specs[k];
            var guide = spec.GuideOn(date)!;
            var reading = Reading(point, k, guide, aboveFactor, scarce);
            var isAbove = MarketRules.IsAboveGuide(reading.Pack, reading.Carton, guide);
            var isStockout = MarketRules.IsStockout(reading.Stock, reading.DaysOut);
            if (MarketRules.WhyNot(new MarketReading(specId, label, guide, reading.Pack, reading.Carton, reading.Stock, reading.DaysOut)) is [var refused, ..])
            {
                throw new InvalidOperationException($"The generator wrote a figure the app refuses: {refused.Field} of {label}.");
            }

            _observationsInsert!.Run(
                _observationsInsert.Count + 1, id, specId, point.CustomerId, point.Manager, district, date, week, (double?)reading.Pack, (double?)reading.Carton,
                reading.Stock, reading.DaysOut, (double)guide.PackPrice, (double)guide.CartonPrice, isAbove, isStockout);
            _aboveGuide += isAbove ? 1 : 0;
            _stockouts += isStockout ? 1 : 0;
            if (isAbove)
            {
                above.Add(reading.Pack > guide.PackPrice
                    ? FormattableString.Invariant($"{label} {reading.Pack:0.00} > {guide.PackPrice:0.00}")
                    : FormattableString.Invariant($"{label} {reading.Carton:0.00} > {guide.CartonPrice:0.00}"));
            }
        }

        var final = site?.AtCheckOut;
        _visitsInsert!.Run(
            id, point.Manager, point.CustomerId, visitedAt, (int)VisitKind.OnSite, "[]", 0, volume, false,
            plannedOn, plannedOn == date, site?.CheckIn.At, site?.CheckIn.Point?.Latitude, site?.CheckIn.Point?.Longitude, site?.CheckIn.AccuracyMeters,
            site?.CheckOut.At, site?.CheckOut.Point?.Latitude, site?.CheckOut.Point?.Longitude, site?.CheckOut.AccuracyMeters,
            final?.DistanceMeters, (int)(final?.Verification ?? VisitVerification.Unverified), _specs.Count,
            createdUtc, login, checkedOutUtc, checkedOutUtc is null ? null : login, checkedOutUtc is null ? 1 : 2);
        _verification[(int)(final?.Verification ?? VisitVerification.Unverified)] += site is null ? 0 : 1;

        if (above.Count > 0)
        {
            WriteFlag(id, point.Manager, visitedAt, string.Join("; ", above), createdUtc, login, seat);
        }

        foreach (var cycle in _published.Where(c => date >= c.Start && date <= c.End))
        {
            var key = (cycle.Id, point.Manager);
            var (visits, cartons) = _cycleVisits.GetValueOrDefault(key);
            _cycleVisits[key] = (visits + 1, cartons + volume);
        }
    }

    /// <summary>
    /// One specification's figures at one point: about the guide price (a little below, in the steps shops price in), above it
    /// at an over-pricing point for many specifications (the premium ones most) and now and then elsewhere; stock around the
    /// point's usual level, out of stock now and then (the scarce ones more often); a figure left out now and then.
    /// </summary>
    private (decimal? Pack, decimal? Carton, int? Stock, int? DaysOut) Reading(Point point, int spec, GuidePrice guide, double aboveFactor, double scarce)
    {
        var pAbove = point.OverPricer ? Math.Min(0.9, 0.4 * aboveFactor) : 0.0012 * aboveFactor;
        var roll = _random.NextDouble();
        var stockout = roll < 0.032 * scarce;
        var restocked = !stockout && roll < (0.032 * scarce) + 0.01;
        decimal? pack;
        decimal? carton;
        if (_random.NextDouble() < pAbove)
        {
            var up = 1 + (0.03 + (0.15 * _random.NextDouble()));
            pack = Math.Max(guide.PackPrice + Step(guide.PackPrice), Round(guide.PackPrice * (decimal)up, guide.PackPrice));
            carton = Math.Max(guide.CartonPrice + 1, decimal.Round(pack.Value * 10 * (decimal)(0.97 + (0.03 * _random.NextDouble())), 0));
        }
        else
        {
            var down = Math.Max(0, (0.012 * point.Spread[spec]) + (0.01 * Gaussian()));
            pack = Math.Min(guide.PackPrice, Round(guide.PackPrice * (decimal)(1 - down), guide.PackPrice));
            carton = Math.Min(guide.CartonPrice, decimal.Round(pack.Value * 10 * (decimal)(0.95 + (0.05 * _random.NextDouble())), 0));
        }

        int? stock;
        int? daysOut;
        if (stockout)
        {
            stock = 0;
            daysOut = _random.Next(100) < 85 ? _random.Next(1, MarketRules.DaysPerCollection + 1) : null;
            (pack, carton) = _random.Next(100) < 50 ? (pack, carton) : (null, null);
        }
        else
        {
            stock = Math.Max(1, (int)Math.Round(point.Stock[spec] * Math.Exp(0.35 * Gaussian())));
            daysOut = restocked ? _random.Next(1, 4) : _random.Next(100) < 80 ? 0 : null;
            pack = _random.Next(100) < 97 ? pack : null;
            carton = _random.Next(100) < 90 ? carton : null;
            stock = _random.Next(100) < 98 ? stock : null;
        }

        return (pack, carton, stock, daysOut);

        static decimal Step(decimal guidePack) => guidePack < 20 ? 0.1m : 0.5m;
        static decimal Round(decimal price, decimal guidePack) => decimal.Round(price / Step(guidePack), 0) * Step(guidePack);
    }

    /// <summary>
    /// The item for the monopoly leader of the manager's department: nearly all of those older than a fortnight acknowledged
    /// within days (97 %), a third of the newer ones.
    /// </summary>
    private void WriteFlag(int visitId, int manager, DateTime visitedAt, string message, DateTime createdUtc, string createdBy, string seat)
    {
        if (message.Length > Visit.TextMaxLength)
        {
            throw new InvalidOperationException($"A flag of {message.Length} characters: the app would refuse the visit.");
        }

        _reportsInsert ??= Prepare(
            "VisitReports", "Id", "VisitId", "AccountManagerId", "VisitedAt", "Kind", "Message", "Status", "HandledBy", "HandledUtc", "Reply", "CreatedUtc", "CreatedBy",
            "ModifiedUtc", "ModifiedBy", "Version");
        var age = NowUtc - createdUtc;
        DateTime? acknowledged = null;
        if (age.TotalHours > 3 && _random.NextDouble() < (age.TotalDays >= 14 ? 0.97 : 0.33))
        {
            var at = createdUtc.AddHours(2 + (_random.NextDouble() * Math.Min(24 * 6, age.TotalHours - 3)));
            acknowledged = at < NowUtc ? at : null;
        }

        _reportsInsert.Run(
            _nextReportId++, visitId, manager, visitedAt, (int)ReportKind.PriceAboveGuide, message, (int)(acknowledged is null ? ReportStatus.New : ReportStatus.InHand),
            acknowledged is null ? null : seat, acknowledged, acknowledged is null ? null : Reply, createdUtc, createdBy, acknowledged, acknowledged is null ? null : seat,
            acknowledged is null ? 1 : 2);
        _flagged++;
        _acknowledged += acknowledged is null ? 0 : 1;
    }

    /// <summary>
    /// Check-in and check-out at the store, assessed by the app's rules: 90 % at the store for 6 to 25 minutes, 5 % with a fix
    /// 250 m to 2 km away, 5 % checked out within three minutes; no location at a store never located.
    /// </summary>
    private (SiteFix CheckIn, SiteFix CheckOut, SiteAssessment AtCheckOut)? CheckInAndOut(GeoPoint? store, DateTime at)
    {
        var roll = _random.Next(100);
        var outAt = at.AddSeconds(roll >= 95 ? _random.Next(30, 170) : _random.Next(6 * 60, (25 * 60) + 1));
        SiteFix checkIn, checkOut;
        if (store is not { } point)
        {
            (checkIn, checkOut) = (new SiteFix(at, null, null), new SiteFix(outAt, null, null));
        }
        else
        {
            var far = roll is >= 90 and < 95;
            checkIn = new SiteFix(at, Near(point, far ? 250 + (1_750 * _random.NextDouble()) : 5 + (75 * _random.NextDouble())), Math.Round(5 + (45 * _random.NextDouble()), 1));
            checkOut = new SiteFix(outAt, Near(point, 5 + (75 * _random.NextDouble())), Math.Round(5 + (45 * _random.NextDouble()), 1));
        }

        return (checkIn, checkOut, _siteRules.Assess(store, checkIn, checkOut));
    }

    private GeoPoint Near(GeoPoint point, double meters)
    {
        var bearing = 2 * Math.PI * _random.NextDouble();
        var degrees = meters / (GeoPoint.EarthRadiusMeters * Math.PI / 180);
        return new GeoPoint(
            Math.Round(point.Latitude + (degrees * Math.Cos(bearing)), 6),
            Math.Round(point.Longitude + (degrees * Math.Sin(bearing) / Math.Cos(point.Latitude * Math.PI / 180)), 6));
    }

    /// <summary>What the app keeps with every visit it saves: the manager's month (visits, cartons, on site, checks, market collections) and customer-quarter.</summary>
    private void UpdateVisitTotals()
    {
        var from = _firstVisitId.ToString(CultureInfo.InvariantCulture);
        Execute(_connection, $"""
            INSERT INTO VisitMonthTotals (AccountManagerId, Month, Visits, BrandsRecommended, VolumeCartons, MarketInformation, DataChanges, Violations, UnlicensedRetail,
                Complaints, ComplaintsResolvedOnSpot, OnSiteVisits, VerifiedVisits, FarVisits, ShortVisits, MarketVisits)
            SELECT AccountManagerId, substr(VisitedAt, 1, 7) || '-01', COUNT(*), 0, SUM(VolumeCartons), 0, 0, 0, 0, 0, 0, SUM(Kind = {(int)VisitKind.OnSite}),
                SUM(Verification = {(int)VisitVerification.Verified}), SUM(Verification = {(int)VisitVerification.Far}), SUM(Verification = {(int)VisitVerification.TooShort}), SUM(MarketSpecs > 0)
            FROM Visits WHERE Id >= {from} GROUP BY AccountManagerId, substr(VisitedAt, 1, 7)
            ON CONFLICT (AccountManagerId, Month) DO UPDATE SET Visits = Visits + excluded.Visits, VolumeCartons = VolumeCartons + excluded.VolumeCartons,
                OnSiteVisits = OnSiteVisits + excluded.OnSiteVisits, VerifiedVisits = VerifiedVisits + excluded.VerifiedVisits, FarVisits = FarVisits + excluded.FarVisits,
                ShortVisits = ShortVisits + excluded.ShortVisits, MarketVisits = MarketVisits + excluded.MarketVisits
            """, _transaction);
        Execute(_connection, $"""
            INSERT INTO VisitedCustomerQuarters (Quarter, AccountManagerId, CustomerId, Visits)
            SELECT substr(VisitedAt, 1, 5) || printf('%02d', ((CAST(substr(VisitedAt, 6, 2) AS INTEGER) - 1) / 3 * 3) + 1) || '-01', AccountManagerId, CustomerId, COUNT(*)
            FROM Visits WHERE Id >= {from} GROUP BY 1, AccountManagerId, CustomerId
            ON CONFLICT (Quarter, AccountManagerId, CustomerId) DO UPDATE SET Visits = Visits + excluded.Visits
            """, _transaction);
    }

    /// <summary>
    /// The evidence stored with the published cycles the collections fall in, as closing would have counted it with them:
    /// visits and cartons added, customers covered recounted, and the market collections made and expected
    /// (<see cref="MarketQueries.MarketExpectedAsync"/>).
    /// </summary>
    private static async Task UpdateEvidenceAsync(
        Func<DbContextOptions<AppDbContext>> options, List<(int Id, DateOnly Start, DateOnly End)> cycles, Dictionary<(int Cycle, int Manager), (int Visits, int Volume)> added, DateOnly today)
    {
        await using var db = new AppDbContext(options());
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        using var update = connection.CreateCommand();
        update.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
        update.CommandText = """
            UPDATE Results SET Evidence_Visits = Evidence_Visits + $visits, Evidence_VolumeCartons = Evidence_VolumeCartons + $cartons,
                Evidence_CustomersCovered = (SELECT COUNT(*) FROM VisitedCustomerQuarters q WHERE q.Quarter = $quarter AND q.AccountManagerId = Results.AccountManagerId),
                Evidence_MarketVisits = $visits, Evidence_MarketVisitsExpected = $expected
            WHERE CycleId = $cycle AND AccountManagerId = $manager
            """;
        var visits = update.Parameters.Add("$visits", SqliteType.Integer);
        var cartons = update.Parameters.Add("$cartons", SqliteType.Integer);
        var quarter = update.Parameters.Add("$quarter", SqliteType.Text);
        var expected = update.Parameters.Add("$expected", SqliteType.Integer);
        var cycleId = update.Parameters.Add("$cycle", SqliteType.Integer);
        var manager = update.Parameters.Add("$manager", SqliteType.Integer);
        foreach (var (id, start, end) in cycles)
        {
            var expectations = await db.MarketExpectedAsync(start, end < today ? end : today, null, CancellationToken.None);
            var managers = await db.Results.Where(r => r.CycleId == id).Select(r => r.AccountManagerId).ToListAsync();
            foreach (var m in managers)
            {
                var (n, volume) = added.GetValueOrDefault((id, m));
                (visits.Value, cartons.Value, quarter.Value, expected.Value, cycleId.Value, manager.Value) =
                    (n, volume, VisitedCustomerQuarter.QuarterOf(start.ToDateTime(TimeOnly.MinValue)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), expectations.GetValueOrDefault(m), id, m);
                update.ExecuteNonQuery();
            }
        }

        await transaction.CommitAsync();
    }

    private void PrintSummary()
    {
        var observations = _observationsInsert!.Count;
        string Share(long part, long whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";
        var checkIns = _verification.Sum();
        Console.WriteLine($"    weeks {_firstWeek:yyyy-MM-dd} … {MarketRules.WeekOf(_today):yyyy-MM-dd} ({Weeks}), collections {_visitsInsert!.Count:N0} (visit ids {_firstVisitId:N0}–{_nextVisitId - 1:N0}), " +
                          $"observations {observations:N0}: above guide {_aboveGuide:N0} ({Share(_aboveGuide, observations)}), stockouts {_stockouts:N0} ({Share(_stockouts, observations)})");
        Console.WriteLine($"    over-pricing points {_points.Count(p => p.OverPricer):N0} ({Share(_points.Count(p => p.OverPricer), _points.Count)}); items above guide {_flagged:N0} " +
                          $"({Share(_flagged, _visitsInsert.Count)} of the collections), acknowledged {_acknowledged:N0}; checked in and out {checkIns:N0}, verified {Share(_verification[(int)VisitVerification.Verified], checkIns)}");
    }

    // ---------------------------------------------------------------- helpers

    private TableInsert Prepare(string table, params string[] columns) => new(_connection, _transaction, table, columns);

    private DateTime Utc(DateTime local) => DateTime.SpecifyKind(local - _offset, DateTimeKind.Utc);

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    private static string Text(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? throw new InvalidOperationException("No visits in the province.");
    }

    private static long Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Drops the indexes of one table (not those of its primary key) and returns how to create them again.</summary>
    private static List<string> DropIndexes(SqliteConnection connection, string table)
    {
        var indexes = new List<(string Name, string Sql)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = $table ORDER BY name";
            command.Parameters.AddWithValue("$table", table);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            Execute(connection, $"DROP INDEX \"{name}\"");
        }

        return [.. indexes.Select(i => i.Sql)];
    }

    /// <summary>A collection point: where and when it is collected, and how it prices and stocks each specification.</summary>
    private sealed record Point(
        int CustomerId, int Manager, int District, int Weekday, RoutePlan? Plan, GeoPoint? Location, bool OverPricer, double[] Spread, double[] Stock);
}
