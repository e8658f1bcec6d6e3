using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerManager.BrowserTests.Infrastructure;

/// <summary>
/// The real app on Kestrel, bound to 127.0.0.1 on a free port, with its own migrated and seeded SQLite file and
/// its clock stopped at <see cref="Now"/>: what the journeys see never depends on the day they run.
/// </summary>
public sealed class AppServerFixture : WebApplicationFactory<Program>
{
    /// <summary>Friday 20 November 2026, 12:00 in China: 2026 Q2 is published, 2026 Q3 open with its period over.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.FromHours(8));

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cm-browser-tests", Guid.NewGuid().ToString("N"));

    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="settings">Settings on top of the test defaults (e-mail to a test SMTP server, say).</param>
    public AppServerFixture(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public string BaseUrl { get; }

    /// <summary>The app's clock, stopped, in the company's zone (China Standard Time).</summary>
    public FakeTimeProvider Clock { get; } = ChinaClock(Now);

    private static FakeTimeProvider ChinaClock(DateTimeOffset start)
    {
        // In UTC: TimeProvider.GetLocalNow adds the zone's offset to what GetUtcNow returns.
        var clock = new FakeTimeProvider(start.ToUniversalTime());
        clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        return clock;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_directory, "app.db")}");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:SeedDemoData", "true");
        builder.UseSetting("Security:RequireHttps", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(_directory, "logs", "app-.log"));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the temp folder's own clean-up.
            }
        }
    }
}
