// Times the screens' queries on a province-sized SQLite database and prints medians; generates a province; loads the
// published app over HTTP.
//
//   dotnet run -c Release --project tests/CustomerManager.Benchmarks -- [customers] [managers] [repeats]
//   dotnet run -c Release --project tests/CustomerManager.Benchmarks -- evidence [managers] [visits] [repeats]
//   dotnet run -c Release --project tests/CustomerManager.Benchmarks -- evidence <file.db> [repeats]
//   dotnet run -c Release --project tests/CustomerManager.Benchmarks -- province <file.db> [scale] [--today yyyy-MM-dd] [--no-analyze] [--market]
//   dotnet run -c Release --project tests/CustomerManager.Benchmarks -- market-data <file.db> [--today yyyy-MM-dd] [--no-analyze]
//   dotnet run -c Release --project tests/CustomerManager.Benchmarks -- market <file.db> [repeats] [--only TEXT]
//   dotnet run -c Release --project tests/CustomerManager.Benchmarks -- http <file.db> [seconds-per-page] [users] [options]
//   dotnet run -c Release --project tests/CustomerManager.Benchmarks -- calibration [managers] [repeats]
//
// Defaults: 300,000 customers, 2,000 managers in 40 districts, 9 repeats per query; for the evidence figures, 1,000
// managers and 3,000,000 visits over a year, 5 repeats. The data is written with plain batched INSERTs; the queries
// are the real ones the pages run.
//
// province: writes a SQLite file the app runs on — 2,000 managers in 50 districts with their logins, 300,000
// customers, 5,000,000 visits over the two years before today, four quarterly cycles (three published) — in a few
// minutes, with route plans, store locations, visits matched to the plans and the last 90 days' check-ins (issue 13);
// scale (default 1.0) multiplies managers, customers and visits (0.1: one tenth). Every login's password is
// Demo#2026: admin, monopoly, sales, logistics, callcentre, and am0001… for the account managers. It ends with ANALYZE
// (--no-analyze: without, as a file the app grew itself has no statistics); --market adds the market figures after. See
// ProvinceGenerator.
//
// market-data: adds a year of market monitoring (issue 14) to a province file, in place (run it on a copy): 30 brand
// specifications with guide prices, five collection points per manager, one collection a week for 52 weeks with the
// figures of every specification (15.6 M observations at full size), the items above guide, the weekly totals. Today
// is the day after the file's latest visit unless given. See MarketGenerator.
//
// market: times the market page's figures on such a file (a department, a district with its collection points and the
// whole company over the last whole quarter; a department over twelve months), the recount a visit's save adds, prints
// each SQL command of the pages with its plan, and checks the page's figures against the observations (--only TEXT: the
// scenarios whose name contains it, nothing else). See MarketBenchmark.
//
// calibration: what the calibration page computes per view (issue 15), at province size, in memory. See
// CalibrationBenchmark.
//
// http: publishes the web app (or uses --publish-dir DIR / CM_PUBLISH_DIR), starts it in Production on the file over
// http://127.0.0.1 (or targets --url URL), signs in as each role through the sign-in form and, page by page, runs that
// many concurrent users for that many seconds after a 2-second warm-up; prints req/s, p50/p95/p99, errors and the HTML
// size beside /health, then the app's peak memory. See HttpLoad for the pages and options.
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using CustomerManager.Domain.Common;
using CustomerManager.Infrastructure;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Features.Customers;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

if (args.Length > 0 && args[0] == "province")
{
    var options = args.Skip(1).ToList();
    var today = TakeOption(options, "--today");
    var analyze = !options.Remove("--no-analyze");
    var market = options.Remove("--market");
    if (options.Count is < 1 or > 2)
    {
        Console.Error.WriteLine("usage: province <file.db> [scale] [--today yyyy-MM-dd] [--no-analyze] [--market]");
        Environment.ExitCode = 2;
        return;
    }

    var clock = TimeProvider.System.GetLocalNow();
    var now = today is null ? clock : new DateTimeOffset(DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.FromDateTime(clock.DateTime)), clock.Offset);
    await ProvinceGenerator.RunAsync(options[0], options.Count > 1 ? double.Parse(options[1], CultureInfo.InvariantCulture) : 1.0, now, analyze);
    if (market)
    {
        Console.WriteLine();
        await MarketGenerator.RunAsync(options[0], DateOnly.FromDateTime(now.DateTime), analyze);
    }

    return;
}

if (args.Length > 0 && args[0] == "market-data")
{
    var options = args.Skip(1).ToList();
    var today = TakeOption(options, "--today");
    var analyze = !options.Remove("--no-analyze");
    if (options.Count != 1)
    {
        Console.Error.WriteLine("usage: market-data <file.db> [--today yyyy-MM-dd] [--no-analyze]");
        Environment.ExitCode = 2;
        return;
    }

    await MarketGenerator.RunAsync(options[0], today is null ? null : DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture), analyze);
    return;
}

if (args.Length > 1 && args[0] == "market")
{
    var options = args.Skip(1).ToList();
    var only = TakeOption(options, "--only");
    Environment.ExitCode = await MarketBenchmark.RunAsync(options[0], options.Count > 1 ? int.Parse(options[1], CultureInfo.InvariantCulture) : 7, only);
    return;
}

if (args.Length > 0 && args[0] == "calibration")
{
    CalibrationBenchmark.Run(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 9);
    return;
}

if (args.Length > 0 && args[0] == "http")
{
    Environment.ExitCode = await HttpLoad.RunAsync(args.Skip(1).ToList());
    return;
}

if (args.Length > 1 && args[0] == "evidence" && File.Exists(args[1]))
{
    await EvidenceBenchmark.RunOnFileAsync(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
    return;
}

if (args.Length > 0 && args[0] == "evidence")
{
    await EvidenceBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3_000_000,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5);
    return;
}

var customers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300_000;
var managers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 9;
var path = Path.Combine(Path.GetTempPath(), $"cm-bench-{Guid.NewGuid():N}.db");
var connectionString = $"Data Source={path};Foreign Keys=True";
DbContextOptions<AppDbContext> Options() => new DbContextOptionsBuilder<AppDbContext>()
    .UseSqlite(connectionString, s => s.MigrationsAssembly(DependencyInjection.SqliteMigrationsAssembly)).Options;

try
{
    Console.WriteLine($"CustomerManager list benchmark: {customers:N0} customers, {managers:N0} managers, {repeats} repeats, SQLite");
    await using (var db = new AppDbContext(Options()))
    {
        await db.Database.MigrateAsync();
    }

    var seed = Stopwatch.StartNew();
    Seed(connectionString, customers, managers);
    Console.WriteLine($"seeded in {seed.Elapsed.TotalSeconds:F1} s ({new FileInfo(path).Length / 1024 / 1024} MB)");

    var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, AppRoles.Administrator)], "bench"));
    var manager = new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.Role, AppRoles.AccountManager), new Claim(AppClaims.AccountManagerId, "17")], "bench"));
    (string Name, ClaimsPrincipal User, CustomerListFilter Filter)[] scenarios =
    [
        ("first page, by licence", admin, new CustomerListFilter()),
        ("page 5,000 (deep paging)", admin, new CustomerListFilter { Page = 5_000 }),
        ("licence prefix 44010310012", admin, new CustomerListFilter { Q = "44010310012" }),
        ("phone prefix 1310", admin, new CustomerListFilter { Q = "1310" }),
        ("store name contains 便利", admin, new CustomerListFilter { Q = "便利" }),
        ("one manager's customers", admin, new CustomerListFilter { ManagerId = 17 }),
        ("one district", admin, new CustomerListFilter { District = "片区07" }),
        ("sorted by store name", admin, new CustomerListFilter { Sort = "store" }),
        ("status suspended + type", admin, new CustomerListFilter { Status = CustomerManager.Domain.Customers.CustomerStatus.Suspended, BusinessType = CustomerManager.Domain.Customers.BusinessType.Grocery }),
        ("account manager: my customers", manager, new CustomerListFilter()),
    ];

    Console.WriteLine();
    Console.WriteLine($"{"scenario",-34} {"rows",9} {"median ms",10} {"max ms",8}");
    foreach (var (name, user, filter) in scenarios)
    {
        var times = new List<double>();
        var total = 0;
        for (var i = 0; i < repeats + 1; i++)
        {
            await using var db = new AppDbContext(Options());
            var query = new CustomerListQuery(db);
            var watch = Stopwatch.StartNew();
            var page = await query.Rows(filter, user).ToPagedListAsync(filter.Page, filter.PageSize, CancellationToken.None);
            watch.Stop();
            total = page.TotalCount;
            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        Console.WriteLine($"{name,-34} {total,9:N0} {times[times.Count / 2],10:F1} {times[^1],8:F1}");
    }

    Console.WriteLine();
    Console.WriteLine("Query plan of the default page (SQLite EXPLAIN QUERY PLAN):");
    await using (var db = new AppDbContext(Options()))
    {
        var sql = new CustomerListQuery(db).Rows(new CustomerListFilter(), admin).Skip(0).Take(25).ToQueryString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', sql.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)))
            .Replace("@p0", "0", StringComparison.Ordinal).Replace("@p", "25", StringComparison.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("  " + reader.GetString(3));
        }
    }
}
finally
{
    SqliteConnection.ClearAllPools();
    File.Delete(path);
}

// The 40 districts the seeded managers are spread over (ids 1 to 40, names 片区00 to 片区39).
static void InsertDistricts(SqliteConnection connection, string now)
{
    using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO OrgUnits (Code, Name, NameSortKey, Kind, IsActive, CreatedUtc) VALUES ('D' || $name, $name, $key, 2, 1, $now)";
    var name = insert.Parameters.Add("$name", SqliteType.Text);
    var key = insert.Parameters.Add("$key", SqliteType.Text);
    insert.Parameters.AddWithValue("$now", now);
    for (var i = 0; i < 40; i++)
    {
        name.Value = $"片区{i:00}";
        key.Value = NameOrder.KeyOf((string)name.Value);
        insert.ExecuteNonQuery();
    }
}

static void Seed(string connectionString, int customers, int managers)
{
    using var connection = new SqliteConnection(connectionString);
    connection.Open();
    using var transaction = connection.BeginTransaction();
    var now = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
    InsertDistricts(connection, now);
    using (var insert = connection.CreateCommand())
    {
        insert.CommandText = "INSERT INTO AccountManagers (EmployeeNumber, Name, NameSortKey, Phone, DistrictId, IsActive, CreatedUtc) VALUES ($n, $name, $key, NULL, $d, 1, $now)";
        var n = insert.Parameters.Add("$n", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var district = insert.Parameters.Add("$d", SqliteType.Integer);
        insert.Parameters.AddWithValue("$now", now);
        for (var i = 1; i <= managers; i++)
        {
            n.Value = $"KM{i:00000}";
            name.Value = $"经理{i}";
            key.Value = NameOrder.KeyOf((string)name.Value);
            district.Value = 1 + (i % 40);
            insert.ExecuteNonQuery();
        }
    }

    string[] words = ["好又多", "万家福", "金叶", "百姓", "阳光", "如意", "兴隆", "惠民"];
    string[] kinds = ["便利店", "超市", "食杂店", "烟酒商行"];
    using (var customer = connection.CreateCommand())
    using (var assignment = connection.CreateCommand())
    {
        customer.CommandText = "INSERT INTO Customers (LicenceNumber, StoreName, StoreNameSortKey, Owner, OwnerSortKey, Phone, Address, BusinessType, Status, CurrentManagerId, CreatedUtc) " +
                               "VALUES ($l, $s, $sk, $o, $ok, $p, $a, $t, $st, $m, $now) RETURNING Id";
        var l = customer.Parameters.Add("$l", SqliteType.Text);
        var s = customer.Parameters.Add("$s", SqliteType.Text);
        var o = customer.Parameters.Add("$o", SqliteType.Text);
        var sk = customer.Parameters.Add("$sk", SqliteType.Text);
        var ok = customer.Parameters.Add("$ok", SqliteType.Text);
        var p = customer.Parameters.Add("$p", SqliteType.Text);
        var a = customer.Parameters.Add("$a", SqliteType.Text);
        var t = customer.Parameters.Add("$t", SqliteType.Integer);
        var st = customer.Parameters.Add("$st", SqliteType.Integer);
        var m = customer.Parameters.Add("$m", SqliteType.Integer);
        customer.Parameters.AddWithValue("$now", now);
        assignment.CommandText = "INSERT INTO CustomerAssignments (CustomerId, AccountManagerId, \"From\", Reason) VALUES ($c, $m, '2024-01-01', 'bench')";
        var ac = assignment.Parameters.Add("$c", SqliteType.Integer);
        var am = assignment.Parameters.Add("$m", SqliteType.Integer);
        for (var i = 0; i < customers; i++)
        {
            l.Value = $"4401{3 + (i % 7):00}{i:000000}";
            s.Value = $"{words[i % words.Length]}{kinds[i / words.Length % kinds.Length]}{i}";
            o.Value = $"店主{i % 9973}";
            sk.Value = NameOrder.KeyOf((string)s.Value);
            ok.Value = NameOrder.KeyOf((string)o.Value);
            p.Value = $"13{(100_000_000 + (i * 7919L % 899_999_999)).ToString(CultureInfo.InvariantCulture)}";
            a.Value = $"路{i % 500}号";
            t.Value = 1 + (i % 4);
            st.Value = i % 50 == 0 ? 2 : 1;
            m.Value = 1 + (i % managers);
            var id = (long)customer.ExecuteScalar()!;
            ac.Value = id;
            am.Value = m.Value;
            assignment.ExecuteNonQuery();
        }
    }

    transaction.Commit();
    using var analyze = connection.CreateCommand();
    analyze.CommandText = "ANALYZE";
    analyze.ExecuteNonQuery();
}

// Removes "--name value" from the arguments and returns the value (null when absent).
static string? TakeOption(List<string> args, string name)
{
    var at = args.IndexOf(name);
    if (at < 0 || at + 1 >= args.Count)
    {
        return null;
    }

    var value = args[at + 1];
    args.RemoveRange(at, 2);
    return value;
}
