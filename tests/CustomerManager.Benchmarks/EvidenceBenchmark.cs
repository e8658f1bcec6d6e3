using System.Diagnostics;
using System.Globalization;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The panel's evidence figures for every manager at once, over millions of visits, with the plan compliance of issue 13
/// (planned visits, made, on the day, overdue customers: <see cref="VisitPlanQueries.PlanFiguresAsync"/>) timed on its own.
/// </summary>
internal static class EvidenceBenchmark
{
    public static async Task RunAsync(int managers, int visits, int repeats)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cm-evidence-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={path};Foreign Keys=False";
        DbContextOptions<AppDbContext> Options() => new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(connectionString, s => s.MigrationsAssembly(DependencyInjection.SqliteMigrationsAssembly)).Options;
        try
        {
            Console.WriteLine($"CustomerManager evidence benchmark: {managers:N0} managers, {visits:N0} visits over a year, {repeats} repeats, SQLite");
            await using (var db = new AppDbContext(Options()))
            {
                await db.Database.MigrateAsync();
            }

            var seed = Stopwatch.StartNew();
            Seed(connectionString, managers, visits);
            Console.WriteLine($"seeded in {seed.Elapsed.TotalSeconds:F1} s ({new FileInfo(path).Length / 1024 / 1024} MB)");
            var rebuild = Stopwatch.StartNew();
            await using (var db = new AppDbContext(Options()))
            {
                var (months, quarters) = await VisitTotals.RebuildAsync(db);
                Console.WriteLine($"visit totals rebuilt from the visits (the rebuild-visit-totals command): {months:N0} manager-months, {quarters:N0} customer-quarters in {rebuild.Elapsed.TotalSeconds:F1} s");
            }

            var (from, to) = (new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30));
            await TimeAsync(
                Options,
                [
                    All("all managers, one quarter", from, to),
                    All("all managers, a quarter less a day", from.AddDays(1), to),
                    All("all managers, the whole year", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)),
                    Plans("plan figures alone, all managers, one quarter", from, to),
                    One("one manager, one quarter", from, to, 17),
                ],
                repeats);
            await PrintTotalsAsync(Options, "one quarter", from, to);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    /// <summary>
    /// The same figures on a province file (the <c>province</c> mode's): every manager and one manager for the last
    /// cycle's period, read-only, on the file as it is.
    /// </summary>
    public static async Task RunOnFileAsync(string path, int repeats)
    {
        var connectionString = $"Data Source={path};Mode=ReadOnly";
        DbContextOptions<AppDbContext> Options() => new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(connectionString, s => s.MigrationsAssembly(DependencyInjection.SqliteMigrationsAssembly)).Options;
        try
        {
            await using var db = new AppDbContext(Options());
            var cycle = await db.Cycles.AsNoTracking().OrderByDescending(c => c.PeriodStart).FirstAsync();
            var managers = await db.AccountManagers.CountAsync();
            var one = await db.AccountManagers.OrderBy(m => m.Id).Skip(managers / 2).Select(m => m.Id).FirstAsync();
            var visits = await db.Visits.CountAsync();
            Console.WriteLine($"CustomerManager evidence benchmark: {Path.GetFileName(path)} ({managers:N0} managers, {visits:N0} visits), {cycle.Name} ({cycle.PeriodStart:yyyy-MM-dd} – {cycle.PeriodEnd:yyyy-MM-dd}), {repeats} repeats, SQLite");
            // The compliance page's first page: 25 managers in the order of district and name.
            var page = await db.AccountManagers.Where(m => m.IsActive).OrderBy(m => m.District.NameSortKey).ThenBy(m => m.NameSortKey).Select(m => m.Id).Take(25).ToListAsync();
            var today = Today();
            var month = new DateOnly(today.Year, today.Month, 1);
            await TimeAsync(
                Options,
                [
                    All($"all managers, {cycle.Name}", cycle.PeriodStart, cycle.PeriodEnd),
                    All($"all managers, {cycle.Name} less a day", cycle.PeriodStart.AddDays(1), cycle.PeriodEnd),
                    Plans($"plan figures alone, all managers, {cycle.Name}", cycle.PeriodStart, cycle.PeriodEnd),
                    Page($"compliance page: 25 managers, {cycle.Name}", cycle.PeriodStart, cycle.PeriodEnd, page),
                    Page($"compliance page: 25 managers, {month:yyyy-MM} to today", month, today, page),
                    One($"one manager, {cycle.Name}", cycle.PeriodStart, cycle.PeriodEnd, one),
                ],
                repeats);
            await PrintTotalsAsync(Options, cycle.Name, cycle.PeriodStart, cycle.PeriodEnd);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private static DateOnly Today() => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);

    /// <summary>The evidence of every manager (EvidenceQuery.ForAllAsync, what closing a cycle stores).</summary>
    private static Scenario All(string name, DateOnly from, DateOnly to) =>
        new(name, async db => (await new EvidenceQuery(db, TimeProvider.System).ForAllAsync(from, to, CancellationToken.None)).Count);

    /// <summary>Its plan part alone: planned visits, made, on the day and overdue customers of every manager.</summary>
    private static Scenario Plans(string name, DateOnly from, DateOnly to) =>
        new(name, async db => (await db.PlanFiguresAsync(from, to, Today(), null, CancellationToken.None)).Count);

    /// <summary>The field-work figures of a page of managers (what the plan compliance page counts).</summary>
    private static Scenario Page(string name, DateOnly from, DateOnly to, IReadOnlyCollection<int> managers) =>
        new(name, async db => (await new EvidenceQuery(db, TimeProvider.System).FieldWorkForManagersAsync(managers, from, to, CancellationToken.None)).Count);

    /// <summary>One manager's figures (the scoring page's).</summary>
    private static Scenario One(string name, DateOnly from, DateOnly to, int managerId) =>
        new(name, async db => (await new EvidenceQuery(db, TimeProvider.System).ForManagerAsync(managerId, from, to, CancellationToken.None)).Visits > 0 ? 1 : 0);

    /// <summary>The plan and verification figures of every manager added up, to see what the timed queries counted.</summary>
    private static async Task PrintTotalsAsync(Func<DbContextOptions<AppDbContext>> options, string period, DateOnly from, DateOnly to)
    {
        await using var db = new AppDbContext(options());
        var all = (await new EvidenceQuery(db, TimeProvider.System).ForAllAsync(from, to, CancellationToken.None)).Values.ToList();
        int Sum(Func<EvidenceFigures, int?> figure) => all.Sum(e => figure(e) ?? 0);
        string Share(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";
        var (planned, made, onDay) = (Sum(e => e.PlannedVisits), Sum(e => e.PlannedVisitsMade), Sum(e => e.PlannedVisitsOnDay));
        var (onSite, verified, far, tooShort) = (Sum(e => e.OnSiteVisits), Sum(e => e.VerifiedVisits), Sum(e => e.FarVisits), Sum(e => e.ShortVisits));
        Console.WriteLine();
        Console.WriteLine($"{period}, every manager added up: {Sum(e => e.Visits):N0} visits; planned {planned:N0}, made {made:N0} ({Share(made, planned)}), on the day {onDay:N0} ({Share(onDay, planned)}), " +
                          $"customers overdue at the end {Sum(e => e.OverdueCustomers):N0}; on site {onSite:N0}: verified {verified:N0} ({Share(verified, onSite)}), far {far:N0}, too short {tooShort:N0}");
    }

    private static async Task TimeAsync(Func<DbContextOptions<AppDbContext>> options, Scenario[] scenarios, int repeats)
    {
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-52} {"managers",9} {"median ms",10} {"max ms",8}");
        foreach (var (name, run) in scenarios)
        {
            var times = new List<double>();
            var count = 0;
            for (var i = 0; i < repeats + 1; i++)
            {
                await using var db = new AppDbContext(options());
                var watch = Stopwatch.StartNew();
                count = await run(db);
                watch.Stop();
                if (i > 0)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            Console.WriteLine($"{name,-52} {count,9:N0} {times[times.Count / 2],10:F1} {times[^1],8:F1}");
        }
    }

    private sealed record Scenario(string Name, Func<AppDbContext, Task<int>> Run);

    private static void Seed(string connectionString, int managers, int visits)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;";
            pragma.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        var now = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        const int customersPerManager = 150;
        using (var m = connection.CreateCommand())
        {
            using (var district = connection.CreateCommand())
            {
                district.CommandText = "INSERT INTO OrgUnits (Code, Name, Kind, IsActive, CreatedUtc) VALUES ('D1', '片区', 2, 1, $now)";
                district.Parameters.AddWithValue("$now", now);
                district.ExecuteNonQuery();
            }

            m.CommandText = "INSERT INTO AccountManagers (EmployeeNumber, Name, DistrictId, IsActive, CreatedUtc) VALUES ($n, $n, 1, 1, $now)";
            var n = m.Parameters.Add("$n", SqliteType.Text);
            m.Parameters.AddWithValue("$now", now);
            for (var i = 1; i <= managers; i++)
            {
                n.Value = $"KM{i:00000}";
                m.ExecuteNonQuery();
            }
        }

        using (var c = connection.CreateCommand())
        using (var a = connection.CreateCommand())
        {
            // Convenience stores (weekly by default), on the six route days in turn.
            c.CommandText = "INSERT INTO Customers (Id, LicenceNumber, StoreName, Owner, Address, BusinessType, Status, CurrentManagerId, RouteDay, CreatedUtc) VALUES ($id, $l, 'S', 'O', 'A', 1, 1, $m, 1 + ($id % 6), $now)";
            a.CommandText = "INSERT INTO CustomerAssignments (CustomerId, AccountManagerId, \"From\") VALUES ($id, $m, '2025-01-01')";
            var id = c.Parameters.Add("$id", SqliteType.Integer);
            var l = c.Parameters.Add("$l", SqliteType.Text);
            var cm = c.Parameters.Add("$m", SqliteType.Integer);
            c.Parameters.AddWithValue("$now", now);
            var aid = a.Parameters.Add("$id", SqliteType.Integer);
            var am = a.Parameters.Add("$m", SqliteType.Integer);
            for (var i = 1; i <= managers * customersPerManager; i++)
            {
                id.Value = i;
                l.Value = $"L{i}";
                cm.Value = 1 + ((i - 1) / customersPerManager);
                aid.Value = i;
                am.Value = cm.Value;
                c.ExecuteNonQuery();
                a.ExecuteNonQuery();
            }
        }

        using (var v = connection.CreateCommand())
        using (var r = connection.CreateCommand())
        {
            v.CommandText = "INSERT INTO Visits (Id, AccountManagerId, CustomerId, VisitedAt, Kind, BrandsRecommended, BrandCount, VolumeCartons, MarketInformation, Complaint, ComplaintResolvedOnSpot, ViolationType, ShareWithLogistics, PlannedOn, OnPlannedDay, CreatedUtc) " +
                            "VALUES ($id, $m, $c, $at, 1, '[]', $b, $vol, $mi, $co, $res, $vt, $sl, $planned, $onDay, $now)";
            r.CommandText = "INSERT INTO VisitReports (VisitId, Kind, Message, Status, VisitedAt, CreatedUtc) VALUES ($v, 1, 'x', $s, $at, $now)";
            var id = v.Parameters.Add("$id", SqliteType.Integer);
            var m = v.Parameters.Add("$m", SqliteType.Integer);
            var cu = v.Parameters.Add("$c", SqliteType.Integer);
            var at = v.Parameters.Add("$at", SqliteType.Text);
            var b = v.Parameters.Add("$b", SqliteType.Integer);
            var vol = v.Parameters.Add("$vol", SqliteType.Integer);
            var mi = v.Parameters.Add("$mi", SqliteType.Text);
            var co = v.Parameters.Add("$co", SqliteType.Text);
            var res = v.Parameters.Add("$res", SqliteType.Integer);
            var vt = v.Parameters.Add("$vt", SqliteType.Text);
            var sl = v.Parameters.Add("$sl", SqliteType.Text);
            var planned = v.Parameters.Add("$planned", SqliteType.Text);
            var onDay = v.Parameters.Add("$onDay", SqliteType.Integer);
            v.Parameters.AddWithValue("$now", now);
            var rv = r.Parameters.Add("$v", SqliteType.Integer);
            var rs = r.Parameters.Add("$s", SqliteType.Integer);
            r.Parameters.AddWithValue("$now", now);
            var rat = r.Parameters.Add("$at", SqliteType.Text);
            var start = new DateTime(2026, 1, 1, 9, 0, 0);
            for (var i = 1; i <= visits; i++)
            {
                var manager = 1 + (i % managers);
                id.Value = i;
                m.Value = manager;
                var customer = ((manager - 1) * customersPerManager) + 1 + (i / managers % customersPerManager);
                cu.Value = customer;
                var visitedAt = start.AddMinutes(i * (525_600.0 / visits));
                at.Value = visitedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                var day = DateOnly.FromDateTime(visitedAt);
                var plannedOn = new RoutePlan(VisitFrequency.Weekly, (DayOfWeek)(1 + (customer % 6)), 1).PlannedDayInWeekOf(day);
                planned.Value = plannedOn is { } p ? p.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;
                onDay.Value = plannedOn == day ? 1 : 0;
                b.Value = i % 3;
                vol.Value = i % 60;
                mi.Value = i % 3 == 0 ? "info" : DBNull.Value;
                co.Value = i % 17 == 0 ? "complaint" : DBNull.Value;
                res.Value = i % 34 == 0 ? 1 : 0;
                vt.Value = i % 50 == 0 ? "price" : DBNull.Value;
                var shared = i % 12 == 0;
                sl.Value = shared ? "share" : DBNull.Value;
                v.ExecuteNonQuery();
                if (shared)
                {
                    rv.Value = i;
                    rat.Value = at.Value;
                    rs.Value = i % 24 == 0 ? 2 : 1;
                    r.ExecuteNonQuery();
                }
            }
        }

        transaction.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.ExecuteNonQuery();
    }
}
