using System.Data.Common;
using System.Net;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CustomerManager.Web.Tests.Features;

/// <summary>Commands whose SQL contains a fragment fail, a given number of times, as a dropped connection does.</summary>
public sealed class FlakyCommands : DbCommandInterceptor
{
    private string? _fragment;
    private int _failures;

    /// <summary>How many commands with the fragment were started since <see cref="Fail"/>.</summary>
    public int Attempts { get; private set; }

    public void Fail(string sqlFragment, int times)
    {
        (_fragment, _failures, Attempts) = (sqlFragment, times, 0);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    private void Check(DbCommand command)
    {
        if (_fragment is null || !command.CommandText.Contains(_fragment, StringComparison.Ordinal))
        {
            return;
        }

        Attempts++;
        if (_failures > 0)
        {
            _failures--;

            // What Npgsql throws when the server goes away mid-conversation: transient.
            throw new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer"));
        }
    }
}

public sealed class FlakyDatabaseFactory : CustomerManagerFactory
{
    public FlakyCommands Flaky { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<AppDbContext>(db => db.AddInterceptors(Flaky)));
    }
}

/// <summary>
/// EF Core's retrying strategy on the server databases: a read that fails for a moment is tried again and the page
/// answers; a write is never replayed (it fails whole, with the friendly page, and nothing is saved twice). SQLite,
/// with no network between the app and its file, does not retry.
/// </summary>
public class RetryTests(FlakyDatabaseFactory factory) : IClassFixture<FlakyDatabaseFactory>
{
    private static bool Retrying => CustomerManagerFactory.Provider != DatabaseProvider.Sqlite;

    [Fact]
    public async Task AReadThatFailsForAMomentIsTriedAgainOnAServerDatabase()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        factory.Flaky.Fail("FROM \"Customers\"", times: 1);

        using var page = await client.GetAsync("/Customers");

        if (Retrying)
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.NotEmpty((await page.ToDocumentAsync()).QuerySelectorAll("table tbody tr"));
            Assert.True(factory.Flaky.Attempts >= 2);
        }
        else
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        }
    }

    [Fact]
    public async Task ADatabaseThatStaysAwayGetsTheTryAgainPageAfterAFewTries()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        factory.Flaky.Fail("FROM \"Customers\"", times: 100);

        using var page = await client.GetAsync("/Customers");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("30", page.Headers.RetryAfter?.ToString());
        Assert.Equal(Retrying ? 1 + Retries.MaxRetryCount : 1, factory.Flaky.Attempts);
        factory.Flaky.Fail("nothing", 0);
    }

    [Fact]
    public async Task AWriteThatFailsIsNeverReplayedAndSavesNothingUntilSentAgain()
    {
        var managerId = await factory.ManagerIdAsync("KM005");
        var customerId = await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId == managerId).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var (visits, audit) = await factory.QueryAsync(async db => (await db.Visits.CountAsync(), await db.AuditEntries.CountAsync()));
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am05");
        var form = new Dictionary<string, string> { ["VisitedAt"] = "2026-11-20T09:00", ["VolumeCartons"] = "3" };
        factory.Flaky.Fail("INSERT INTO \"Visits\"", times: 1);

        using (var failed = await client.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", form))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        Assert.Equal(1, factory.Flaky.Attempts);
        Assert.Equal((visits, audit), await factory.QueryAsync(async db => (await db.Visits.CountAsync(), await db.AuditEntries.CountAsync())));

        using (var saved = await client.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal(visits + 1, await factory.QueryAsync(db => db.Visits.CountAsync()));
    }

    [Fact]
    public async Task ASaveThatFailsForWantOfTheDatabaseIsNotCalledAConflict()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var form = new Dictionary<string, string>
        {
            ["LicenceNumber"] = "440109700001",
            ["StoreName"] = "断线便利店",
            ["Owner"] = "钱七",
            ["Address"] = "解放路 11 号",
            ["BusinessType"] = "Supermarket",
        };
        factory.Flaky.Fail("INSERT INTO \"Customers\"", times: 1);

        // Not "this licence number is taken" (the unique index's answer): the try-again page.
        using (var failed = await client.SubmitFormAsync("/Customers/Create", "#customer-form", form))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        Assert.False(await factory.QueryAsync(db => db.Customers.AnyAsync(c => c.LicenceNumber == "440109700001")));
        using (var saved = await client.SubmitFormAsync("/Customers/Create", "#customer-form", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.True(await factory.QueryAsync(db => db.Customers.AnyAsync(c => c.LicenceNumber == "440109700001")));
    }

    [Fact]
    public async Task AnExportIsReadAsAStreamSoNotRetriedAndNotHeldInMemory()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        factory.Flaky.Fail("FROM \"Customers\"", times: 1);

        // A retried read would be read whole before its first row; an export's rows go to the file as they come.
        using (var failed = await client.GetAsync("/Customers/Export?format=Csv"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        Assert.Equal(1, factory.Flaky.Attempts);
        using var exported = await client.GetAsync("/Customers/Export?format=Csv");
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.True((await exported.Content.ReadAsStringAsync()).Split('\n').Length > 10);
    }
}
