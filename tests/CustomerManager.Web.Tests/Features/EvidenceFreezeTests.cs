using System.Globalization;
using System.Net;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// Published evidence never changes: closing stores the figures the panel saw with each result, the pages show
/// those, and no visit can be logged, corrected or deleted in a closed cycle's period until it is reopened.
/// </summary>
public class EvidenceFreezeTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private const string Quarter = "2026 Q3";

    private Task<int> CycleIdAsync() => factory.QueryAsync(db => db.Cycles.Where(c => c.Name == Quarter).Select(c => c.Id).SingleAsync());

    private Task<int> StoredVisitsAsync(int cycleId, int managerId) =>
        factory.QueryAsync(db => db.Results.Where(r => r.CycleId == cycleId && r.AccountManagerId == managerId).Select(r => r.Evidence.Visits).SingleAsync());

    private async Task<int> CustomerOfAsync(int managerId) =>
        await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId == managerId && c.Status == CustomerManager.Domain.Customers.CustomerStatus.Active).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

    private static Task<HttpResponseMessage> LogAsync(HttpClient manager, int customerId, DateTime at) =>
        manager.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = at.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["MarketInformation"] = "补录",
        });

    [Fact]
    public async Task ClosedEvidenceStaysAsThePanelSawItUntilTheCycleIsReopened()
    {
        var cycleId = await CycleIdAsync();
        var km002 = await factory.ManagerIdAsync("KM002");
        var customer = await CustomerOfAsync(km002);
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am02");
        var inPeriod = new DateTime(2026, 9, 15, 10, 0, 0);

        // What the panel sees while scoring is what closing stores.
        using var panel = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");
        var scoring = await panel.GetDocumentAsync($"/Scoring/Score?cycleId={cycleId}&managerId={km002}");
        var seen = scoring.QuerySelectorAll(".evidence-figures [data-figure]").ToDictionary(f => f.GetAttribute("data-figure")!, f => f.QuerySelector(".fs-5")!.TextContent);
        Assert.Equal(16, seen.Count);
        Assert.Contains("Evidence.PlanCompliance", seen.Keys);
        Assert.Contains("Evidence.MarketVisits", seen.Keys);
        Assert.Contains("Evidence.VerifiedShare", seen.Keys);

        using var closed = await admin.SubmitFormAsync($"/Cycles/Close/{cycleId}", "#confirm-close", new Dictionary<string, string> { ["confirmNotRated"] = "true" });
        var visitsWhenClosed = await StoredVisitsAsync(cycleId, km002);
        var form = await admin.GetDocumentAsync($"/Results/Form?cycleId={cycleId}&managerId={km002}");
        Assert.Equal(seen, form.QuerySelectorAll("#form-evidence [data-figure]").ToDictionary(f => f.GetAttribute("data-figure")!, f => f.QuerySelector(".fs-5")!.TextContent));
        Assert.Equal(seen["Evidence.Visits"], visitsWhenClosed.ToString("N0", CultureInfo.GetCultureInfo("zh-CN")));
        var closedScoring = await panel.GetDocumentAsync($"/Scoring/Score?cycleId={cycleId}&managerId={km002}");
        Assert.NotNull(closedScoring.QuerySelector("#scoring-closed"));
        Assert.Contains("以上数据于周期关闭时", closedScoring.QuerySelector("#evidence-taken")!.TextContent, StringComparison.Ordinal);
        Assert.Null(scoring.QuerySelector("#evidence-taken")); // while the cycle is open the figures are counted live

        // The visit form warns before anything is typed: it carries the closed periods for the date field.
        var visitForm = await manager.GetDocumentAsync($"/Visits/Create?customerId={customer}");
        Assert.Contains("\"start\":\"2026-07-01\",\"end\":\"2026-09-30\"", visitForm.QuerySelector("#VisitedAt")!.GetAttribute("data-frozen-periods"), StringComparison.Ordinal);
        Assert.Contains(Quarter, visitForm.QuerySelector("#VisitedAt")!.GetAttribute("data-frozen-periods"), StringComparison.Ordinal);

        // A back-dated visit into the closed quarter is refused, naming the cycle; nothing is saved.
        var before = await factory.QueryAsync(db => db.Visits.CountAsync());
        var refused = await (await LogAsync(manager, customer, inPeriod)).ToDocumentAsync();
        Assert.Contains($"此日期属于评定周期“{Quarter}”的期间，该周期已关闭", refused.QuerySelector("[data-valmsg-for=VisitedAt]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("补录", refused.QuerySelector("#MarketInformation")!.TextContent);
        Assert.Equal(before, await factory.QueryAsync(db => db.Visits.CountAsync()));

        // A visit of today is logged; the stored figures and the pages that show them do not move.
        using var today = await LogAsync(manager, customer, factory.LocalNow.AddMinutes(-10));
        Assert.Equal(HttpStatusCode.Redirect, today.StatusCode);
        Assert.Equal(visitsWhenClosed, await StoredVisitsAsync(cycleId, km002));
        var ranking = await admin.GetDocumentAsync($"/Results?cycleId={cycleId}");
        var row = ranking.QuerySelectorAll("#ranking tbody tr").Single(r => r.TextContent.Contains("KM002", StringComparison.Ordinal));
        Assert.Contains(visitsWhenClosed.ToString(CultureInfo.InvariantCulture), row.TextContent, StringComparison.Ordinal);
        var staffForm = await admin.GetDocumentAsync($"/Results/Form?cycleId={cycleId}&managerId={km002}");
        Assert.Equal(visitsWhenClosed.ToString("N0", CultureInfo.GetCultureInfo("zh-CN")), staffForm.QuerySelector("#form-evidence [data-figure='Evidence.Visits'] .fs-5")!.TextContent);
        Assert.Contains("以上数据于周期关闭时", staffForm.QuerySelector("#evidence-taken")!.TextContent, StringComparison.Ordinal);
        var managerPage = await admin.GetDocumentAsync($"/AccountManagers/Details/{km002}?cycleId={cycleId}");
        Assert.Equal(visitsWhenClosed.ToString("N0", CultureInfo.GetCultureInfo("zh-CN")), managerPage.QuerySelector("#evidence [data-figure='Evidence.Visits'] .fs-5")!.TextContent);
        Assert.NotNull(managerPage.QuerySelector("#evidence-frozen"));

        // Reopening lifts the freeze: the late visit can be logged, and the next close counts it.
        using var reopened = await admin.SubmitFormAsync($"/Cycles/Details/{cycleId}", "#reopen-form", new Dictionary<string, string> { ["Reason"] = "补录九月拜访" });
        using var late = await LogAsync(manager, customer, inPeriod);
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        using var closedAgain = await admin.SubmitFormAsync($"/Cycles/Close/{cycleId}", "#confirm-close", new Dictionary<string, string> { ["confirmNotRated"] = "true" });
        Assert.Equal(visitsWhenClosed + 1, await StoredVisitsAsync(cycleId, km002));

        // Once closed again, the visit that was just logged is locked with its period.
        var lateId = await factory.QueryAsync(db => db.Visits.Where(v => v.AccountManagerId == km002 && v.VisitedAt == inPeriod).Select(v => v.Id).SingleAsync());
        using var edit = await manager.GetAsync($"/Visits/Edit/{lateId}");
        Assert.Equal($"/Visits/Details/{lateId}", edit.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ResultsClosedBeforeSnapshotsExistedGetTheirEvidenceOnceAndSaySo()
    {
        var published = await factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Published).Select(c => c.Id).SingleAsync());
        await factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Results\" SET \"EvidenceTakenUtc\" = NULL, \"Evidence_Visits\" = 0 WHERE \"CycleId\" = {published}"));
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var now = factory.Clock.GetUtcNow().UtcDateTime;

        using var scope = factory.Services.CreateScope();
        var recorded = await scope.ServiceProvider.GetRequiredService<EvidenceBackfill>().RunAsync();
        var again = await scope.ServiceProvider.GetRequiredService<EvidenceBackfill>().RunAsync();

        Assert.Equal(8, recorded);
        Assert.Equal(0, again);
        var results = await factory.QueryAsync(db => db.Results.AsNoTracking().Where(r => r.CycleId == published).ToListAsync());
        Assert.All(results, r => Assert.Equal(now, r.EvidenceTakenUtc));
        Assert.All(results, r => Assert.True(r.Evidence.Visits > 0));
    }
}
