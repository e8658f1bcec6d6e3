using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using CustomerManager.Infrastructure.Seeding;
using Microsoft.Data.Sqlite;

/// <summary>
/// Loads the published app over HTTP, page by page, the way the people of each role use it every day.
/// </summary>
/// <remarks>
/// <para>
/// <c>http &lt;file.db&gt; [seconds-per-page, 10] [users, 16]</c>, with options <c>--url URL</c> (an app already
/// running on that file: nothing is published or started), <c>--publish-dir DIR</c> (or <c>CM_PUBLISH_DIR</c>; a
/// <c>dotnet publish</c> output to reuse, else the app is published into a temporary folder), <c>--only TEXT</c>
/// (the pages whose role or name contains it — or any of several texts separated by <c>|</c> —, /health always; no
/// heavy work), <c>--no-heavy</c> (pages only: no
/// exports, import, what-if or close, see HeavyWork.cs), <c>--warmup SECONDS</c> (2) and <c>--timeout
/// SECONDS</c> (120, per request).
/// </para>
/// <para>
/// The app runs as its own process in Production on http://127.0.0.1 on a free port, with HTTPS not required (the
/// load runs over plain http on loopback), demo data off and the SQLite file as its database; its console goes to a
/// log file next to the publish folder. Every virtual user has its own client and its own sign-in cookie (an
/// administrator; a panel member — the inbox of one seat or a quarter of the users in each seat; a different
/// account manager each), signed in through the sign-in form with its anti-forgery token. Every page is first
/// checked once (200 and something it must show); then each runs for the given time after the warm-up, its users
/// sending one request after the other. A request that does not answer 200 with the page counts as an error. The
/// app is stopped at the end whatever happens.
/// </para>
/// </remarks>
internal static partial class HttpLoad
{
    private const string Password = DemoAccounts.Password;

    public static async Task<int> RunAsync(List<string> args)
    {
        var url = TakeOption(args, "--url");
        var publishDir = TakeOption(args, "--publish-dir") ?? Environment.GetEnvironmentVariable("CM_PUBLISH_DIR");
        var only = TakeOption(args, "--only");
        var noHeavy = args.Remove("--no-heavy");
        var warmup = TimeSpan.FromSeconds(double.Parse(TakeOption(args, "--warmup") ?? "2", CultureInfo.InvariantCulture));
        var timeout = TimeSpan.FromSeconds(double.Parse(TakeOption(args, "--timeout") ?? "120", CultureInfo.InvariantCulture));
        if (args.Count is < 1 or > 3 || args.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine("usage: http <file.db> [seconds-per-page] [users] [--url URL] [--publish-dir DIR] [--only TEXT] [--no-heavy] [--warmup S] [--timeout S]");
            return 2;
        }

        var database = Path.GetFullPath(args[0]);
        var seconds = args.Count > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var users = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
        if (!File.Exists(database))
        {
            Console.Error.WriteLine($"No database at {database}: generate one with the province mode first.");
            return 2;
        }

        var facts = Facts.Read(database);
        Console.WriteLine($"CustomerManager HTTP load: {database} ({new FileInfo(database).Length / 1024.0 / 1024.0:N0} MB; {facts.Managers.Count:N0} managers, {facts.Customers:N0} customers, {facts.Visits:N0} visits)");
        Console.WriteLine($"  {users} users per page, {seconds:0.#} s per page after a {warmup.TotalSeconds:0.#} s warm-up, {Environment.ProcessorCount} cores, {TimeProvider.System.GetLocalNow():yyyy-MM-dd HH:mm}");

        using var stop = new CancellationTokenSource();
        App? app = null;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            Uri baseAddress;
            if (url is not null)
            {
                baseAddress = new Uri(url);
                if (!IPAddress.TryParse(baseAddress.Host, out var address) ? baseAddress.Host != "localhost" : !IPAddress.IsLoopback(address))
                {
                    Console.Error.WriteLine("--url must be on this machine (127.0.0.1 or localhost).");
                    return 2;
                }
            }
            else
            {
                publishDir ??= Publish();
                app = App.Start(publishDir, database);
                var started = app;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => started.Dispose(); // killed from outside: the app goes too
                baseAddress = app.BaseAddress;
            }

            var startup = await WaitForHealthAsync(baseAddress, app, stop.Token);
            Console.WriteLine(app is null
                ? $"  app at {baseAddress}: /health answers"
                : $"  app started (pid {app.Process.Id}) at {baseAddress}: /health answered after {startup.TotalSeconds:F1} s");

            var clients = await Clients.SignInAsync(baseAddress, facts, users, timeout, stop.Token);
            var texts = only?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var pages = Pages(facts, clients)
                .Where(p => texts is null || p.Role == "-" || texts.Any(t => p.Role.Contains(t, StringComparison.OrdinalIgnoreCase) || p.Name.Contains(t, StringComparison.OrdinalIgnoreCase)))
                .ToList();

            Console.WriteLine();
            Console.WriteLine("Pages (checked once: 200 and what each must show):");
            var failed = 0;
            foreach (var page in pages)
            {
                var check = await CheckAsync(page, stop.Token);
                failed += check is null ? 0 : 1;
                Console.WriteLine($"  {(check is null ? "ok  " : "FAIL")} {page.Role,-15} {page.Name,-34} {page.Url(0, 0)}{(check is null ? string.Empty : "  — " + check)}");
            }

            Console.WriteLine();
            Console.WriteLine($"| role | page | req/s | p50 ms | p95 ms | p99 ms | errors | HTML KB |");
            Console.WriteLine($"|---|---|---:|---:|---:|---:|---:|---:|");
            long peakRss = 0;
            foreach (var page in pages)
            {
                var result = await MeasureAsync(page, users, warmup, TimeSpan.FromSeconds(seconds), stop.Token);
                Console.WriteLine($"| {page.Role} | {page.Name} | {result.PerSecond:N1} | {result.P50:N0} | {result.P95:N0} | {result.P99:N0} | {result.Errors:N0} | {result.Kilobytes:N0} |");
                if (app is not null)
                {
                    peakRss = Math.Max(peakRss, Memory(app.Process.Id, "VmRSS"));
                }
            }

            Console.WriteLine();
            if (app is not null)
            {
                Console.WriteLine($"App process memory: peak {Memory(app.Process.Id, "VmHWM") / 1024:N0} MB (VmHWM), now {Memory(app.Process.Id, "VmRSS") / 1024:N0} MB, highest seen after a page {peakRss / 1024:N0} MB (VmRSS); startup to /health {startup.TotalSeconds:F1} s; app log {app.LogPath}");
            }

            if (failed > 0)
            {
                Console.WriteLine($"{failed} page(s) failed the check: their figures measure an error page, not the page.");
            }

            if (app is not null && only is null && !noHeavy)
            {
                app.Dispose(); // the heavy work gets a fresh app of its own, on a copy of the file
                failed += await HeavyWorkAsync(publishDir!, database, facts, timeout, stop.Token);
            }

            return failed > 0 ? 1 : 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("Stopped.");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            app?.Dispose();
        }
    }

    /// <summary>What the people of each role open every day, with something each page must show on the generated data.</summary>
    private static IEnumerable<Page> Pages(Facts facts, Clients clients)
    {
        var managers = facts.Managers;
        int Manager(int user) => managers[(user * 37 + 11) % managers.Count];

        // The panel signed in is the first department's (a department scores only its own managers).
        int PanelManager(int user) => facts.PanelManagers[(user * 37 + 11) % facts.PanelManagers.Count];
        var district = Uri.EscapeDataString(facts.District);
        var published = facts.PublishedCycleId;
        var open = facts.OpenCycleId;
        var customerPages = (facts.Customers + 24) / 25;
        var deepPage = customerPages >= 5_000 ? 5_000 : Math.Max(1, customerPages / 2); // page 5,000 of 12,000 at full size
        HttpClient Admin(int user) => clients.Administrators[user];
        HttpClient Seat(int user) => clients.Panel[user % clients.Panel.Length][user];
        HttpClient Monopoly(int user) => clients.Panel[0][user];
        HttpClient Logistics(int user) => clients.Panel[2][user];
        HttpClient AccountManager(int user) => clients.AccountManagers[user];

        yield return new Page("-", "/health (baseline)", (_, _) => "/health", "Healthy", user => clients.Anonymous[user]);

        yield return new Page("administrator", "dashboard", (_, _) => "/Admin", facts.PublishedCycleName, Admin);
        yield return new Page("administrator", "all visits, first page", (_, _) => "/Visits", "440", Admin);
        yield return new Page("administrator", "visits of one district", (_, _) => $"/Visits?District={district}", facts.District, Admin);
        yield return new Page("administrator", "customers, first page", (_, _) => "/Customers", "440", Admin);
        yield return new Page("administrator", $"customers, page {deepPage:N0}", (_, _) => $"/Customers?Page={deepPage}", "440", Admin);
        yield return new Page("administrator", "customers, search 便利", (_, _) => $"/Customers?Q={Uri.EscapeDataString("便利")}", "便利", Admin);
        yield return new Page("administrator", "customers, search Mart", (_, _) => "/Customers?Q=Mart", "Mart", Admin);
        yield return new Page("administrator", "account managers", (_, _) => "/AccountManagers", "KM0", Admin);
        yield return new Page("administrator", $"ranking, {facts.PublishedCycleName}", (_, _) => $"/Results?cycleId={published}", "KM0", Admin);
        yield return new Page("administrator", $"department ranking, {facts.Department}", (_, _) => $"/Results?cycleId={published}&district={facts.Department}", "KM0", Admin);
        yield return new Page("administrator", $"progress board, {facts.OpenCycleName}", (_, _) => $"/Cycles/Details/{open}", facts.District, Admin);
        yield return new Page("administrator", $"scoring progress (close check)", (_, _) => $"/Cycles/Close/{open}", "KM0", Admin);
        yield return new Page("administrator", "audit log", (_, _) => "/Audit", "audit-person", Admin);
        yield return new Page("administrator", "manager details (evidence)", (u, _) => $"/AccountManagers/Details/{Manager(u)}?cycleId={open}", "KM0", Admin);
        yield return new Page("administrator", "evaluation form", (u, _) => $"/Results/Form?cycleId={published}&managerId={Manager(u)}", "KM0", Admin);
        // Field work (issue 13): plan compliance of 50 managers a page, this month to today (the page's default) and for the
        // open cycle's quarter, for every manager and for one department's; a manager's route plan.
        yield return new Page("administrator", "plan compliance", (_, _) => "/VisitPlans/Compliance", "compliance-row", Admin);
        yield return new Page("administrator", $"plan compliance, {facts.OpenCycleName}", (_, _) => $"/VisitPlans/Compliance?From={facts.OpenCycleStart:yyyy-MM-dd}&To={facts.OpenCycleEnd:yyyy-MM-dd}", "compliance-row", Admin);
        yield return new Page("administrator", $"plan compliance, {facts.Department}", (_, _) => $"/VisitPlans/Compliance?District={facts.Department}", "compliance-row", Admin);
        yield return new Page("administrator", "route plan of one manager", (u, _) => $"/VisitPlans?managerId={Manager(u)}", "plan-row", Admin);
        // Market monitoring (issue 14), on a file with market figures (the market-data mode's): the market page of the panel's
        // department and of one of its districts (with its collection points) over the open cycle's quarter, and the page as
        // it opens (this quarter to today, every unit).
        if (facts.MarketDistrict is { } marketDistrict)
        {
            var quarter = $"from={facts.OpenCycleStart:yyyy-MM-dd}&to={facts.OpenCycleEnd:yyyy-MM-dd}";
            yield return new Page("administrator", $"market, {facts.Department}, {facts.OpenCycleName}", (_, _) => $"/Market?{quarter}&unit={facts.Department}", "id=\"market-specs\"", Admin);
            yield return new Page("administrator", $"market, district {marketDistrict}, {facts.OpenCycleName}", (_, _) => $"/Market?{quarter}&unit={marketDistrict}", "id=\"market-points\"", Admin);
            yield return new Page("administrator", "market (as it opens: quarter to date, all)", (_, _) => "/Market", "id=\"market-specs\"", Admin);
        }

        yield return new Page("panel member", "home", (_, _) => "/Panel", facts.OpenCycleName, Seat);
        yield return new Page("panel member", "inbox, monopoly leader", (_, _) => "/Inbox", "data-report=", Monopoly);
        yield return new Page("panel member", "inbox, logistics", (_, _) => "/Inbox", "data-report=", Logistics);
        yield return new Page("panel member", "scoring list", (_, _) => "/Scoring", "KM0", Seat);
        yield return new Page("panel member", "scoring page of one manager", (u, _) => $"/Scoring/Score?cycleId={open}&managerId={PanelManager(u)}", "KM0", Seat);
        yield return new Page("panel member", "plan compliance (own department)", (_, _) => "/VisitPlans/Compliance", "compliance-row", Seat);

        yield return new Page("account manager", "home (today's route, overdue)", (_, _) => "/MyWork", "id=\"todays-route\"", AccountManager);
        yield return new Page("account manager", "route plan", (_, _) => "/VisitPlans", "plan-row", AccountManager);
        yield return new Page("account manager", "my customers", (_, _) => "/Customers", "440", AccountManager);
        yield return new Page("account manager", "my visits", (_, _) => "/Visits", "440", AccountManager);
        yield return new Page("account manager", "visit form", (_, _) => "/Visits/Create", "__RequestVerificationToken", AccountManager);
        yield return new Page("account manager", "my results", (_, _) => "/Results/Mine", facts.PublishedCycleName, AccountManager);
    }

    /// <summary>Null when the page answers 200 with what it must show; otherwise what is wrong.</summary>
    private static async Task<string?> CheckAsync(Page page, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await page.Client(0).GetAsync(page.Url(0, 0), cancellationToken);
            var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(cancellationToken)); // Razor writes Chinese as character references
            return response.StatusCode != HttpStatusCode.OK ? $"{(int)response.StatusCode} {response.Headers.Location}"
                : body.Contains("name=\"UserName\"", StringComparison.Ordinal) && page.Role != "-" ? "the sign-in form"
                : !body.Contains(page.Expect, StringComparison.Ordinal) ? $"no \"{page.Expect}\" in {body.Length / 1024} KB"
                : null;
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// Every user sends the page's request after request until the time is up. Throughput: the answers within the
    /// measured time (after the warm-up). Latencies and errors: every request answered after the warm-up, those still
    /// running at the end included (they are waited for, up to the request timeout) — so that a page slower than the
    /// measured time shows its real latency rather than none.
    /// </summary>
    private static async Task<Result> MeasureAsync(Page page, int users, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var runs = await Task.WhenAll(Enumerable.Range(0, users).Select(user => Task.Run(
            async () =>
            {
                var run = new UserRun();
                var client = page.Client(user);
                for (var i = 0; Stopwatch.GetTimestamp() < end; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var sent = Stopwatch.GetTimestamp();
                    var ok = false;
                    var bytes = 0;
                    try
                    {
                        using var response = await client.GetAsync(page.Url(user, i), HttpCompletionOption.ResponseContentRead, cancellationToken);
                        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                        bytes = body.Length;
                        ok = response.StatusCode == HttpStatusCode.OK;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                    {
                        ok = false;
                    }

                    var done = Stopwatch.GetTimestamp();
                    if (done >= measureFrom)
                    {
                        run.Add(Stopwatch.GetElapsedTime(sent, done).TotalMilliseconds, ok, bytes, done <= end);
                    }
                }

                return run;
            },
            cancellationToken)));

        var latencies = runs.SelectMany(r => r.Latencies).Order().ToList();
        var okCount = runs.Sum(r => r.Ok);
        return new Result(
            runs.Sum(r => r.InWindow) / duration.TotalSeconds,
            Percentile(latencies, 50),
            Percentile(latencies, 95),
            Percentile(latencies, 99),
            runs.Sum(r => r.Errors),
            okCount == 0 ? 0 : runs.Sum(r => r.OkBytes) / (double)okCount / 1024);
    }

    /// <summary>The nearest-rank percentile of sorted values (0 when there are none).</summary>
    private static double Percentile(List<double> sorted, double percent) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>A line of /proc/&lt;pid&gt;/status in KB (VmRSS: now, VmHWM: the peak), 0 when it cannot be read.</summary>
    private static long Memory(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[(field.Length + 1)..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task<TimeSpan> WaitForHealthAsync(Uri baseAddress, App? app, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = app?.Started ?? Stopwatch.StartNew();
        var limit = app is null ? TimeSpan.FromSeconds(15) : TimeSpan.FromMinutes(3);
        while (watch.Elapsed < limit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (app is { Process.HasExited: true })
            {
                throw new InvalidOperationException($"The app stopped with exit code {app.Process.ExitCode} before answering /health; see {app.LogPath}:\n{app.Tail()}");
            }

            try
            {
                using var response = await client.GetAsync("/health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return watch.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but busy starting.
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"{baseAddress}health did not answer within {limit.TotalSeconds:0} s{(app is null ? string.Empty : $"; see {app.LogPath}")}.");
    }

    /// <summary>Publishes the web app in Release into a new temporary folder and returns it.</summary>
    private static string Publish()
    {
        var root = RepositoryRoot();
        var output = Path.Combine(Path.GetTempPath(), $"cm-publish-{Guid.NewGuid():N}");
        Console.WriteLine($"  publishing src/CustomerManager.Web (Release) to {output} …");
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", Path.Combine("src", "CustomerManager.Web"), "-c", "Release", "-o", output, "--nologo" })
        {
            start.ArgumentList.Add(arg);
        }

        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        publish.WaitForExit();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }

        Console.WriteLine($"  published in {watch.Elapsed.TotalSeconds:F0} s (reuse it with --publish-dir {output})");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomerManager.sln")))
            {
                return dir.FullName;
            }
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomerManager.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find CustomerManager.sln above the current folder: run from the repository or pass --publish-dir.");
    }

    private static string? TakeOption(List<string> args, string name)
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

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"__RequestVerificationToken\"")]
    private static partial Regex AntiforgeryToken();

    private sealed record Page(string Role, string Name, Func<int, int, string> Url, string Expect, Func<int, HttpClient> Client);

    private sealed record Result(double PerSecond, double P50, double P95, double P99, int Errors, double Kilobytes);

    private sealed class UserRun
    {
        public List<double> Latencies { get; } = [];

        public int Ok { get; private set; }

        public int Errors { get; private set; }

        public long OkBytes { get; private set; }

        /// <summary>Requests answered within the measured time (the throughput).</summary>
        public int InWindow { get; private set; }

        public void Add(double milliseconds, bool ok, int bytes, bool inWindow)
        {
            Latencies.Add(milliseconds);
            Ok += ok ? 1 : 0;
            Errors += ok ? 0 : 1;
            OkBytes += ok ? bytes : 0;
            InWindow += inWindow ? 1 : 0;
        }
    }

    /// <summary>What the pages are opened with, read from the database file before the app starts.</summary>
    private sealed record Facts(
        IReadOnlyList<int> Managers, IReadOnlyList<string> ManagerLogins, int Customers, long Visits, string District,
        int PublishedCycleId, string PublishedCycleName, int OpenCycleId, string OpenCycleName, DateOnly OpenCycleStart, DateOnly OpenCycleEnd,
        string Department, IReadOnlyList<int> PanelManagers, string? MarketDistrict)
    {
        /// <summary>The department whose panel the demo panel logins (monopoly, sales, …) sit on.</summary>
        private const string PanelDepartment =
            "SELECT s.UnitId FROM DepartmentSeats s JOIN AspNetUsers u ON u.Id = s.UserId WHERE u.UserName = 'monopoly' LIMIT 1";

        public static Facts Read(string path)
        {
            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            connection.Open();
            List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                using var reader = command.ExecuteReader();
                var rows = new List<T>();
                while (reader.Read())
                {
                    rows.Add(read(reader));
                }

                return rows;
            }

            var published = Query("SELECT Id, Name FROM Cycles WHERE Status = 3 ORDER BY PeriodStart DESC LIMIT 1", r => (r.GetInt32(0), r.GetString(1)));
            var open = Query(
                "SELECT Id, Name, PeriodStart, PeriodEnd FROM Cycles WHERE Status = 1 ORDER BY PeriodStart DESC LIMIT 1",
                r => (r.GetInt32(0), r.GetString(1), DateOnly.ParseExact(r.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(r.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture)));
            if (published.Count == 0 || open.Count == 0)
            {
                throw new InvalidOperationException("The database needs a published and an open cycle: generate it with the province mode.");
            }

            return new Facts(
                Query("SELECT Id FROM AccountManagers WHERE IsActive = 1 ORDER BY Id", r => r.GetInt32(0)),
                Query("SELECT u.UserName FROM AspNetUsers u JOIN AccountManagers m ON m.Id = u.AccountManagerId WHERE u.IsActive = 1 AND m.IsActive = 1 ORDER BY u.UserName", r => r.GetString(0)),
                Query("SELECT COUNT(*) FROM Customers", r => r.GetInt32(0))[0],
                Query("SELECT MAX(Id) FROM Visits", r => r.IsDBNull(0) ? 0 : r.GetInt64(0))[0],
                Query("SELECT Name FROM OrgUnits WHERE Kind = 2 ORDER BY Id LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM OrgUnits WHERE Kind = 2)", r => r.GetString(0))[0],
                published[0].Item1, published[0].Item2, open[0].Item1, open[0].Item2, open[0].Item3, open[0].Item4,
                Query($"SELECT d.Code FROM OrgUnits d WHERE d.Id = ({PanelDepartment})", r => r.GetString(0))[0],
                Query($"SELECT m.Id FROM AccountManagers m JOIN OrgUnits d ON d.Id = m.DistrictId WHERE m.IsActive = 1 AND d.ParentId = ({PanelDepartment}) ORDER BY m.Id", r => r.GetInt32(0)),
                // The first district of that department, when the file has market figures (issue 14).
                Query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'MarketObservations'", r => r.GetInt32(0))[0] == 0
                || Query("SELECT EXISTS (SELECT 1 FROM MarketObservations)", r => r.GetInt32(0))[0] == 0
                    ? null
                    : Query($"SELECT Code FROM OrgUnits WHERE Kind = 2 AND ParentId = ({PanelDepartment}) ORDER BY Code LIMIT 1", r => r.GetString(0)).FirstOrDefault());
        }
    }

    /// <summary>The signed-in clients: one per user and role (per seat for the panel), each with its own cookies.</summary>
    private sealed class Clients
    {
        public required List<HttpClient> Anonymous { get; init; }

        public required HttpClient[] Administrators { get; init; }

        /// <summary>By seat (monopoly leader, sales leader, logistics, call centre), then by user.</summary>
        public required HttpClient[][] Panel { get; init; }

        public required HttpClient[] AccountManagers { get; init; }

        public static async Task<Clients> SignInAsync(Uri baseAddress, Facts facts, int users, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (facts.ManagerLogins.Count == 0)
            {
                throw new InvalidOperationException("No account-manager login in the database.");
            }

            var watch = Stopwatch.StartNew();
            using var gate = new SemaphoreSlim(4);
            async Task<HttpClient> One(string userName, string home)
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    return await SignInAsync(baseAddress, userName, home, timeout, cancellationToken);
                }
                finally
                {
                    gate.Release();
                }
            }

            var anonymous = Enumerable.Range(0, users).Select(_ => NewClient(baseAddress, timeout)).ToList();
            var administrators = Task.WhenAll(Enumerable.Range(0, users).Select(_ => One(DemoAccounts.Administrator, "/Admin")));
            var panel = DemoAccounts.PanelMembers.Take(4).Select(p => Task.WhenAll(Enumerable.Range(0, users).Select(_ => One(p.UserName, "/Panel")))).ToList();
            var managers = Task.WhenAll(Enumerable.Range(0, users).Select(u => One(facts.ManagerLogins[u % facts.ManagerLogins.Count], "/MyWork")));
            var clients = new Clients
            {
                Anonymous = anonymous,
                Administrators = await administrators,
                Panel = await Task.WhenAll(panel),
                AccountManagers = await managers,
            };
            Console.WriteLine($"  signed in through the sign-in form: {users} × administrator, {users} × each of the 4 panel seats, {users} account managers ({string.Join(", ", facts.ManagerLogins.Take(Math.Min(users, 3)))}, …) in {watch.Elapsed.TotalSeconds:F1} s");
            return clients;
        }

        private static HttpClient NewClient(Uri baseAddress, TimeSpan timeout)
        {
            var handler = new SocketsHttpHandler
            {
                CookieContainer = new CookieContainer(),
                UseCookies = true,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
            };
            var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
            return client;
        }

        /// <summary>Signs in through the real form: its anti-forgery token and cookie, then the redirect to the role's home.</summary>
        public static async Task<HttpClient> SignInAsync(Uri baseAddress, string userName, string home, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var client = NewClient(baseAddress, timeout);
            var form = await client.GetStringAsync("/Account/SignIn", cancellationToken);
            var token = Token(form);
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = userName,
                ["Password"] = Password,
                ["ReturnUrl"] = string.Empty,
                ["__RequestVerificationToken"] = token,
            });
            using var response = await client.PostAsync("/Account/SignIn", content, cancellationToken);
            var location = response.Headers.Location?.OriginalString;
            if (response.StatusCode != HttpStatusCode.Redirect || location != home)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new InvalidOperationException($"Signing in as {userName} answered {(int)response.StatusCode} {location} instead of a redirect to {home}: {Excerpt(body)}");
            }

            return client;
        }

        private static string Excerpt(string html)
        {
            var text = Regex.Replace(html, "<[^>]+>", " ");
            text = Regex.Replace(text, @"\s+", " ").Trim();
            return text.Length > 300 ? text[..300] : text;
        }
    }

    /// <summary>The published app, started on the database in Production over http on loopback; stopped (with its children) on dispose.</summary>
    private sealed class App : IDisposable
    {
        private readonly StreamWriter _log;
        private readonly Queue<string> _tail = new();
        private int _disposed;

        private App(Process process, Uri baseAddress, string logPath, StreamWriter log, Stopwatch started)
        {
            Process = process;
            BaseAddress = baseAddress;
            LogPath = logPath;
            _log = log;
            Started = started;
        }

        public Process Process { get; }

        public Uri BaseAddress { get; }

        public string LogPath { get; }

        public Stopwatch Started { get; }

        public static App Start(string publishDir, string database)
        {
            var dll = Path.Combine(publishDir, "CustomerManager.Web.dll");
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"No CustomerManager.Web.dll in {publishDir}: not a publish folder of the web app.");
            }

            var port = FreePort();
            var baseAddress = new Uri($"http://127.0.0.1:{port}");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = publishDir, // the content root: appsettings.json and the logs folder are there
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            start.Environment["Database__Provider"] = "Sqlite";
            start.Environment["ConnectionStrings__Default"] = $"Data Source={database}";
            start.Environment["Database__SeedDemoData"] = "false";
            start.Environment["Security__RequireHttps"] = "false"; // plain http on loopback: no HTTPS redirection, no Secure-only cookies

            var logPath = Path.Combine(Path.GetTempPath(), $"cm-http-load-{port}.log");
            var log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = false };
            var started = Stopwatch.StartNew();
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
            var app = new App(process, baseAddress, logPath, log, started);
            process.OutputDataReceived += (_, e) => app.Write(e.Data);
            process.ErrorDataReceived += (_, e) => app.Write(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            Console.WriteLine($"  starting the app: dotnet {dll} --urls {baseAddress} (Production, SQLite, log {logPath})");
            return app;
        }

        public string Tail()
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            try
            {
                if (!Process.HasExited)
                {
                    Process.Kill(entireProcessTree: true);
                    Process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            Process.Dispose();
            lock (_tail)
            {
                _log.Dispose();
            }
        }

        private void Write(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_tail)
            {
                _log.WriteLine(line);
                _tail.Enqueue(line);
                if (_tail.Count > 40)
                {
                    _tail.Dequeue();
                }
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
