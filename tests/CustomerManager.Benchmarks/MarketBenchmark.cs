using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Features.Market;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

/// <summary>
/// The market page (issue 14) on a province file with a year of market figures (the <c>market-data</c> mode's): its
/// figures (<see cref="MarketQueries.FiguresAsync"/> and the page's sums, <see cref="MarketPageQuery"/>, as an administrator)
/// for a department, a district with its collection points and the whole company over the last whole calendar quarter, and
/// for a department over the last twelve months; what a visit's save adds (the recount of its district's week); the SQL
/// each page runs with its time and SQLite's plan; and a check of the page's figures against the observations counted
/// directly.
/// </summary>
internal static class MarketBenchmark
{
    /// <param name="path">A province file with market figures.</param>
    /// <param name="repeats">Timed runs of each scenario, after one run not timed.</param>
    /// <param name="only">Only the scenarios whose name contains this (or any of several texts separated by |), and neither
    /// the SQL nor the check; null: everything.</param>
    public static async Task<int> RunAsync(string path, int repeats, string? only)
    {
        path = Path.GetFullPath(path);
        var readOnly = $"Data Source={path};Mode=ReadOnly";
        DbContextOptions<AppDbContext> Options(string connectionString, params IInterceptor[] interceptors) => new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(connectionString, s => s.MigrationsAssembly(DependencyInjection.SqliteMigrationsAssembly))
            .AddInterceptors(interceptors)
            .Options;
        try
        {
            DateOnly today;
            string department;
            string district;
            int districtId;
            List<int> departmentDistricts;
            await using (var db = new AppDbContext(Options(readOnly)))
            {
                if (!await db.MarketObservations.AnyAsync())
                {
                    Console.Error.WriteLine($"No market figures in {path}: add them with the market-data mode first.");
                    return 2;
                }

                var observations = await db.MarketObservations.CountAsync();
                var totals = await db.MarketWeekTotals.CountAsync();
                var points = await db.Customers.CountAsync(c => c.IsCollectionPoint);
                var specs = await db.BrandSpecs.CountAsync();
                var lastVisit = await db.Visits.MaxAsync(v => v.VisitedAt);
                today = DateOnly.FromDateTime(lastVisit).AddDays(1);
                // The first department (the demo panel's) and its first district.
                var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.Code, u.Kind, u.ParentId }).ToListAsync();
                var dep = units.Where(u => u.Kind == UnitKind.Department).OrderBy(u => u.Code, StringComparer.Ordinal).First();
                departmentDistricts = [.. units.Where(u => u.Kind == UnitKind.District && u.ParentId == dep.Id).Select(u => u.Id).Order()];
                department = dep.Code;
                districtId = departmentDistricts[0];
                district = units.Single(u => u.Id == districtId).Code;
                Console.WriteLine($"CustomerManager market benchmark: {Path.GetFileName(path)} ({new FileInfo(path).Length / 1024.0 / 1024.0:N0} MB), {repeats} repeats after a warm-up, SQLite, {Environment.ProcessorCount} cores, load {Load()}");
                Console.WriteLine($"  {observations:N0} observations, {totals:N0} weekly totals (district × week × specification), {points:N0} collection points, {specs} specifications; today {today:yyyy-MM-dd}");
                Console.WriteLine($"  department {department} ({departmentDistricts.Count} districts), district {district}");
            }

            var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1).AddMonths(-3);
            var quarter = (From: quarterStart, To: quarterStart.AddMonths(3).AddDays(-1));
            var quarterName = string.Create(CultureInfo.InvariantCulture, $"{quarter.From.Year} Q{((quarter.From.Month - 1) / 3) + 1}");
            var year = (From: today.AddYears(-1).AddDays(1), To: today);
            var recountWeek = MarketRules.WeekOf(today).AddDays(-7);
            Console.WriteLine($"  quarter {quarterName}: {quarter.From:yyyy-MM-dd} ({quarter.From.DayOfWeek}) – {quarter.To:yyyy-MM-dd} ({quarter.To.DayOfWeek}); twelve months: {year.From:yyyy-MM-dd} – {year.To:yyyy-MM-dd}");

            var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, AppRoles.Administrator)], "bench"));
            Scenario Page(string name, DateOnly from, DateOnly to, string? unit, int? spec = null) => new(name, async db =>
            {
                var model = await new MarketPageQuery(db, TimeProvider.System).RunAsync(new MarketFilter { From = from, To = to, Unit = unit, Spec = spec }, admin, CancellationToken.None);
                return model.IsDistrict ? model.Points.Count : model.Total.Observations;
            });
            var scenarios = new[]
            {
                new Scenario($"FiguresAsync: department {department}, {quarterName}", async db => (await db.FiguresAsync(quarter.From, quarter.To, departmentDistricts, null, CancellationToken.None)).BySpec.Count),
                Page($"(a) page: department {department}, {quarterName}", quarter.From, quarter.To, department),
                Page($"    the same, one specification", quarter.From, quarter.To, department, 1),
                Page($"(b) page: district {district}, {quarterName}, its points", quarter.From, quarter.To, district),
                new Scenario($"    PointsAsync alone: district {district}, {quarterName}", async db => (await db.PointsAsync(quarter.From, quarter.To, districtId, null, CancellationToken.None)).Count),
                Page($"(c) page: whole company, {quarterName}", quarter.From, quarter.To, null),
                Page($"(d) page: department {department}, twelve months", year.From, year.To, department),
                Page("    page: whole company, twelve months", year.From, year.To, null),
                new Scenario($"recount of one district-week ({district}, {recountWeek:yyyy-MM-dd})", db => RecountAsync(db, districtId, recountWeek)),
            };

            var texts = only?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Console.WriteLine();
            Console.WriteLine("| scenario | rows | median ms | min ms | max ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var (name, run) in scenarios.Where(s => texts is null || texts.Any(t => s.Name.Contains(t, StringComparison.OrdinalIgnoreCase))))
            {
                // The recount writes (and rolls back): a connection that may.
                var connectionString = name.StartsWith("recount", StringComparison.Ordinal) ? $"Data Source={path}" : readOnly;
                var times = new List<double>();
                var rows = 0;
                for (var i = 0; i < repeats + 1; i++)
                {
                    await using var db = new AppDbContext(Options(connectionString));
                    var watch = Stopwatch.StartNew();
                    rows = await run(db);
                    watch.Stop();
                    if (i > 0)
                    {
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                times.Sort();
                Console.WriteLine($"| {name} | {rows:N0} | {times[times.Count / 2]:F1} | {times[0]:F1} | {times[^1]:F1} |");
            }

            if (texts is not null)
            {
                return 0;
            }

            // Where the time goes: each SQL command of the pages and of the recount, with its time and plan.
            foreach (var (name, from, to, unit) in new[]
                     {
                         ($"(a) department {department}, {quarterName}", quarter.From, quarter.To, department),
                         ($"(c) whole company, {quarterName}", quarter.From, quarter.To, (string?)null),
                         ("whole company, twelve months", year.From, year.To, null),
                     })
            {
                var log = new CommandLog();
                await using (var db = new AppDbContext(Options(readOnly, log)))
                {
                    await new MarketPageQuery(db, TimeProvider.System).RunAsync(new MarketFilter { From = from, To = to, Unit = unit }, admin, CancellationToken.None);
                }

                await PrintCommandsAsync($"the page, {name}", log, readOnly);
            }

            var recount = new CommandLog();
            await using (var db = new AppDbContext(Options($"Data Source={path}", recount)))
            {
                await RecountAsync(db, districtId, recountWeek);
            }

            await PrintCommandsAsync($"the recount of {district}'s week {recountWeek:yyyy-MM-dd} (a visit's save)", recount, readOnly);

            // The page's figures against the observations counted directly.
            Console.WriteLine();
            var ok = true;
            ok &= await CheckAsync(Options(readOnly), admin, readOnly, $"department {department}, {quarterName}", quarter.From, quarter.To, department, departmentDistricts);
            ok &= await CheckAsync(Options(readOnly), admin, readOnly, $"department {department}, twelve months", year.From, year.To, department, departmentDistricts);
            ok &= await CheckAsync(Options(readOnly), admin, readOnly, $"whole company, {quarterName}", quarter.From, quarter.To, null, null);
            return ok ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Each command EF ran (its SQL shortened), its time from execution to the reader's end, and SQLite's plan of it.</summary>
    private static async Task PrintCommandsAsync(string what, CommandLog log, string connectionString)
    {
        Console.WriteLine();
        Console.WriteLine($"SQL of {what}: {log.Commands.Count} commands, {log.Commands.Sum(c => c.Ms):F1} ms in all (each from its execution to the end of its reader)");
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (sql, parameters, ms) in log.Commands)
        {
            var text = string.Join(' ', sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
            Console.WriteLine($"  [{ms,6:F1} ms] {(text.Length > 160 ? text[..100] + " … " + text[^56..] : text)}");
            if (!text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters)
            {
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine("               " + reader.GetString(3));
            }
        }
    }

    /// <summary>
    /// What a visit's save adds to it at a collection point: one of the week's observations changed, saved through the app's
    /// <see cref="AppDbContext.SaveChangesAsync(bool, CancellationToken)"/>, which recounts the district's week in the same
    /// transaction (<see cref="MarketTotals"/>); rolled back. Returns the observations of that district-week.
    /// </summary>
    private static async Task<int> RecountAsync(AppDbContext db, int districtId, DateOnly week)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var observation = await db.MarketObservations.Where(o => o.DistrictId == districtId && o.ObservedOn >= week && o.ObservedOn < week.AddDays(7)).OrderBy(o => o.Id).FirstAsync();
        db.Entry(observation).Property(o => o.StockCartons).CurrentValue = (observation.StockCartons ?? 0) + 1;
        await db.SaveChangesAsync();
        var count = await db.MarketWeekTotals.Where(t => t.DistrictId == districtId && t.WeekStart == week).SumAsync(t => t.Observations);
        await transaction.RollbackAsync();
        return count;
    }

    /// <summary>
    /// The page's figures (all, per specification, per district, per week) against the same counted from the observations in
    /// SQL: observations, average pack price to two decimals, least and greatest, above guide, stockouts.
    /// </summary>
    private static async Task<bool> CheckAsync(
        DbContextOptions<AppDbContext> options, ClaimsPrincipal admin, string connectionString, string name, DateOnly from, DateOnly to, string? unit, IReadOnlyCollection<int>? districts)
    {
        MarketPageModel model;
        await using (var db = new AppDbContext(options))
        {
            model = await new MarketPageQuery(db, TimeProvider.System).RunAsync(new MarketFilter { From = from, To = to, Unit = unit }, admin, CancellationToken.None);
        }

        var page = new Dictionary<string, Figures> { ["all"] = Figures.Of(model.Total) };
        foreach (var r in model.SpecRows)
        {
            page[$"spec {r.SpecId}"] = Figures.Of(r.Sums);
        }

        foreach (var d in model.Districts)
        {
            page[$"district {d.DistrictId}"] = Figures.Of(d.Sums);
        }

        foreach (var w in model.Weeks)
        {
            page[$"week {w.WeekStart:yyyy-MM-dd}"] = Figures.Of(w.Sums);
        }

        var direct = new Dictionary<string, Figures>();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            var where = $"ObservedOn >= '{from:yyyy-MM-dd}' AND ObservedOn <= '{to:yyyy-MM-dd}'" + (districts is null ? string.Empty : $" AND DistrictId IN ({string.Join(", ", districts)})");
            foreach (var (label, group) in new[] { ("'all'", "1"), ("'spec ' || BrandSpecId", "BrandSpecId"), ("'district ' || DistrictId", "DistrictId"), ("'week ' || WeekStart", "WeekStart") })
            {
                if (label.Contains("district", StringComparison.Ordinal) && model.IsDistrict)
                {
                    continue;
                }

                await using var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT {label}, COUNT(*), SUM(PackPrice) / COUNT(PackPrice), MIN(PackPrice), MAX(PackPrice), SUM(AboveGuide), SUM(Stockout)
                    FROM MarketObservations WHERE {where} GROUP BY {group}
                    """;
                command.CommandTimeout = 0;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    decimal? Price(int i) => reader.IsDBNull(i) ? null : decimal.Round((decimal)reader.GetDouble(i), 2, MidpointRounding.AwayFromZero);
                    direct[reader.GetString(0)] = new Figures(reader.GetInt32(1), Price(2), Price(3), Price(4), reader.GetInt32(5), reader.GetInt32(6));
                }
            }
        }

        var wrong = page.Keys.Union(direct.Keys)
            .Where(k => !page.TryGetValue(k, out var p) || !direct.TryGetValue(k, out var d) || p != d)
            .Select(k => $"{k}: page {page.GetValueOrDefault(k)}, direct {direct.GetValueOrDefault(k)}")
            .ToList();
        var all = direct.GetValueOrDefault("all");
        Console.WriteLine(wrong.Count == 0
            ? $"check {name}: OK — the page's {page.Count} rows (all, per specification, district, week) = the observations counted in SQL; all: {all}"
            : $"check {name}: MISMATCH in {wrong.Count} of {page.Count} rows:\n    {string.Join("\n    ", wrong.Take(10))}");
        return wrong.Count == 0;
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private sealed record Scenario(string Name, Func<AppDbContext, Task<int>> Run);

    /// <summary>The figures compared: observations, average, least and greatest pack price (two decimals), above guide, stockouts.</summary>
    private sealed record Figures(int Observations, decimal? AveragePack, decimal? MinPack, decimal? MaxPack, int AboveGuide, int Stockouts)
    {
        public static Figures Of(MarketSums s) => new(s.Observations, Round(s.PackPriceAverage), Round(s.PackPriceMin), Round(s.PackPriceMax), s.AboveGuide, s.Stockouts);

        private static decimal? Round(decimal? value) => value is { } v ? decimal.Round(v, 2, MidpointRounding.AwayFromZero) : null;
    }

    /// <summary>Every command EF runs, with its parameters and the time from its execution to the end of its reader.</summary>
    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly Dictionary<DbCommand, long> _started = [];

        public List<(string Sql, List<(string Name, object? Value)> Parameters, double Ms)> Commands { get; } = [];

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Start(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Start(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            Stop(command);
            return result;
        }

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            Stop(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            Stop(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Start(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Stop(command);
            return ValueTask.FromResult(result);
        }

        private void Start(DbCommand command) => _started[command] = Stopwatch.GetTimestamp();

        private void Stop(DbCommand command)
        {
            if (_started.Remove(command, out var started))
            {
                Commands.Add((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value))], Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
        }
    }
}
