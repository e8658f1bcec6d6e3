using System.Globalization;
using System.Net;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>The app's clock half an hour before midnight in China on the last day of 2026 Q3 (15:30 UTC the same day).</summary>
public sealed class EndOfQuarterFactory : CustomerManagerFactory
{
    protected override DateTimeOffset StartsAt => new(2026, 9, 30, 23, 30, 0, TimeSpan.FromHours(8));
}

/// <summary>
/// Periods are the company's calendar days, not UTC's: a quarter is over at midnight in China, although UTC
/// still says it is the last day of the quarter for eight more hours.
/// </summary>
public class CompanyDayTests(EndOfQuarterFactory factory) : IClassFixture<EndOfQuarterFactory>
{
    [Fact]
    public async Task AQuarterClosesAtMidnightInTheCompanysZoneNotInUtc()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var _ = await admin.SubmitFormAsync("/Cycles", "#cycle-form", new Dictionary<string, string>
        {
            ["Name"] = "2026 Q3",
            ["PeriodStart"] = "2026-07-01",
            ["PeriodEnd"] = "2026-09-30",
        });
        var id = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q3").Select(c => c.Id).SingleAsync());
        using var opened = await admin.SubmitFormAsync($"/Cycles/Details/{id}", $"form[action='/Cycles/Open/{id}']", new Dictionary<string, string>());

        // 23:30 on 30 September: the quarter's last evening, no close yet.
        var evening = await admin.GetDocumentAsync($"/Cycles/Details/{id}");
        Assert.Null(evening.QuerySelector("#close-cycle"));
        Assert.Contains("2026年10月1日", evening.QuerySelector("#close-when")!.TextContent, StringComparison.Ordinal);

        // 00:30 on 1 October in China, still 30 September in UTC: the quarter is over.
        factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(30, factory.Clock.GetUtcNow().Day);
        var night = await admin.GetDocumentAsync($"/Cycles/Details/{id}");
        Assert.NotNull(night.QuerySelector("#close-cycle"));
        using var closed = await admin.SubmitFormAsync($"/Cycles/Close/{id}", "#confirm-close", new Dictionary<string, string> { ["confirmNotRated"] = "true" });
        Assert.Equal(CycleStatus.Closed, await factory.QueryAsync(db => db.Cycles.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));

        // A visit of "now" is dated 1 October, the new quarter's first day, and is logged.
        var km001 = await factory.ManagerIdAsync("KM001");
        var customer = await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId == km001).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am01");
        var form = await manager.GetDocumentAsync($"/Visits/Create?customerId={customer}");
        Assert.Equal("2026-10-01T00:30", form.QuerySelector("#VisitedAt")!.GetAttribute("value"));
        using var logged = await manager.SubmitFormAsync($"/Visits/Create?customerId={customer}", "#visit-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        Assert.Equal(new DateTime(2026, 10, 1, 0, 30, 0), await factory.QueryAsync(db => db.Visits.Where(v => v.AccountManagerId == km001).MaxAsync(v => v.VisitedAt)));

        // The evidence was stored at the close, shown in the company's time.
        var stored = await admin.GetDocumentAsync($"/Results/Form?cycleId={id}&managerId={km001}");
        Assert.Contains(new DateTime(2026, 10, 1, 0, 30, 0).ToString("g", CultureInfo.GetCultureInfo("zh-CN")), stored.QuerySelector("#evidence-taken")!.TextContent, StringComparison.Ordinal);
    }
}
