using CustomerManager.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CustomerManager.Web.Tests.Infrastructure;

/// <summary>
/// The real application on a real database of its own (one per test class), migrated and seeded with the demo data,
/// in the "Testing" environment (so errors get the friendly pages, as in production), with its clock stopped at
/// <see cref="DefaultNow"/>: nothing a test sees depends on the day it runs. The database is a SQLite file, or, with
/// <c>CM_TEST_DATABASE=PostgreSql</c> and <c>CM_TEST_POSTGRES</c> (a connection string without a database, such as
/// <c>scripts/postgres.sh start</c> prints), a PostgreSQL database created for the class and dropped after it.
/// </summary>
public class CustomerManagerFactory : WebApplicationFactory<Program>
{
    /// <summary>Friday 20 November 2026, 12:00 in China (04:00 UTC): the seed's "today".</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 20, 12, 0, 0, TimeSpan.FromHours(8));

    private FakeTimeProvider? _clock;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cm-web-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(_directory, "customermanager.db");

    /// <summary>The engine the tests run on (<c>CM_TEST_DATABASE</c>): SQLite unless told otherwise.</summary>
    public static DatabaseProvider Provider { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("CM_TEST_DATABASE"), ignoreCase: true, out var provider) ? provider : DatabaseProvider.Sqlite;

    private readonly string _postgresDatabase = "cm_test_" + Guid.NewGuid().ToString("N");

    /// <summary>This factory's database; a second node (<see cref="SecondNodeFactory"/>) uses the first's.</summary>
    public virtual string ConnectionString => Provider switch
    {
        DatabaseProvider.PostgreSql => new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("CM_TEST_POSTGRES")
            ?? throw new InvalidOperationException("CM_TEST_DATABASE=PostgreSql needs CM_TEST_POSTGRES, e.g. Host=127.0.0.1;Port=5432;Username=postgres"))
        {
            Database = _postgresDatabase,
        }.ConnectionString,
        DatabaseProvider.Sqlite => $"Data Source={DatabasePath}",
        _ => throw new NotSupportedException($"The tests run on SQLite or PostgreSQL, not {Provider}."),
    };

    /// <summary>
    /// The app's clock, in the company's zone (China Standard Time, so that local and UTC differ as they do in
    /// production); a test may move it forward (never back), so a class that does owns its factory.
    /// </summary>
    public FakeTimeProvider Clock => _clock ??= StartClock(StartsAt);

    /// <summary>When the clock starts; a subclass may start it elsewhere.</summary>
    protected virtual DateTimeOffset StartsAt => DefaultNow;

    /// <summary>The app's local time now (the test clock's zone).</summary>
    public DateTime LocalNow => Clock.GetLocalNow().DateTime;

    /// <summary>The app's calendar day today.</summary>
    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    /// <summary>Settings on top of the test defaults; a subclass may change them.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment("Testing");

        // Outside Development an unpublished build serves empty static files unless told where they are.
        builder.UseStaticWebAssets();

        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = ConnectionString,
            ["Database:Provider"] = Provider.ToString(),
            ["Database:MigrateOnStartup"] = "true",
            ["Database:SeedDemoData"] = "true",
            ["Security:RequireHttps"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(_directory, "logs", "test-.log"),
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddMvc().AddApplicationPart(typeof(CustomerManagerFactory).Assembly);
        });
    }

    /// <summary>A scope on the app's services, for arranging and checking data directly.</summary>
    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        using var scope = Services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Reads something from the database directly, for arranging a test or checking its outcome.</summary>
    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>The id of the account manager with an employee number.</summary>
    public Task<int> ManagerIdAsync(string employeeNumber) =>
        QueryAsync(db => db.AccountManagers.Where(m => m.EmployeeNumber == employeeNumber).Select(m => m.Id).SingleAsync());

    /// <summary>A stopped clock at <paramref name="start"/>, whose local time zone is China Standard Time.</summary>
    public static FakeTimeProvider StartClock(DateTimeOffset start)
    {
        // In UTC: TimeProvider.GetLocalNow adds the zone's offset to what GetUtcNow returns.
        var clock = new FakeTimeProvider(start.ToUniversalTime());
        clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        return clock;
    }

    /// <summary>Options for a context of its own on this factory's database (without the app's interceptors).</summary>
    public DbContextOptionsBuilder<AppDbContext> UseTestDatabase(DbContextOptionsBuilder<AppDbContext> builder) =>
        Provider == DatabaseProvider.PostgreSql ? builder.UseNpgsql(ConnectionString) : builder.UseSqlite(ConnectionString);

    private void DropPostgresDatabase()
    {
        NpgsqlConnection.ClearAllPools();
        var server = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)";
        drop.ExecuteNonQuery();
    }

    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            if (Provider == DatabaseProvider.PostgreSql)
            {
                DropPostgresDatabase();
            }

            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open on this machine; the temp folder is cleaned up eventually.
            }
        }
    }
}

/// <summary>A second app node on the database of <paramref name="first"/>: what one node keeps, the other must find.</summary>
public sealed class SecondNodeFactory(CustomerManagerFactory first) : CustomerManagerFactory
{
    public override string ConnectionString => first.ConnectionString;
}
