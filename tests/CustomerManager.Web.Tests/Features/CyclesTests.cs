using System.Net;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>The cycle's life through the administrator's pages, on the demo data (Q3 published, Q4 open).</summary>
public class CyclesTests(FixedClockFactory factory) : IClassFixture<FixedClockFactory>
{
    private Task<int> CycleIdAsync(string name) => factory.QueryAsync(db => db.Cycles.Where(c => c.Name == name).Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task NewCycleMayNotOverlapAnotherAndStartsAsADraft()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var overlap = await (await admin.SubmitFormAsync("/Cycles", "#cycle-form", new Dictionary<string, string>
        {
            ["Name"] = "重叠",
            ["PeriodStart"] = "2026-12-01",
            ["PeriodEnd"] = "2027-02-28",
        })).ToDocumentAsync();
        var reversed = await (await admin.SubmitFormAsync("/Cycles", "#cycle-form", new Dictionary<string, string>
        {
            ["Name"] = "倒置",
            ["PeriodStart"] = "2027-03-31",
            ["PeriodEnd"] = "2027-01-01",
        })).ToDocumentAsync();
        using var created = await admin.SubmitFormAsync("/Cycles", "#cycle-form", new Dictionary<string, string>
        {
            ["Name"] = "2027 Q1",
            ["PeriodStart"] = "2027-01-01",
            ["PeriodEnd"] = "2027-03-31",
        });

        Assert.Equal("期间与已有的评定周期重叠。", overlap.QuerySelector("[data-valmsg-for=PeriodStart]")!.TextContent.Trim());
        Assert.Equal("结束日期不能早于开始日期。", reversed.QuerySelector("[data-valmsg-for=PeriodEnd]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(CycleStatus.Draft, await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2027 Q1").Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task ClosingListsTheNotRatedNeedsConfirmationThenComputesAndPublishes()
    {
        var id = await CycleIdAsync("2026 Q4");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var check = await admin.GetDocumentAsync($"/Cycles/Close/{id}");
        // Demo: logistics scored only every other manager and the call centre nobody, so criterion 3 is
        // unscored for four managers.
        Assert.Equal(4, check.QuerySelectorAll("#not-rated li").Length);
        var refused = await (await admin.SubmitFormAsync($"/Cycles/Close/{id}", "#confirm-close", new Dictionary<string, string>())).ToDocumentAsync();
        Assert.Contains("请勾选确认", refused.QuerySelector("[data-valmsg-for=confirmNotRated]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CycleStatus.Open, await factory.QueryAsync(db => db.Cycles.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));

        using var closed = await admin.SubmitFormAsync($"/Cycles/Close/{id}", "#confirm-close", new Dictionary<string, string> { ["confirmNotRated"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            var results = await db.Results.Where(r => r.CycleId == id).ToListAsync();
            Assert.Equal(8, results.Count);
            Assert.Equal(4, results.Count(r => !r.IsRated));
            Assert.All(results.Where(r => r.IsRated), r => Assert.NotNull(r.Tier));
        });

        // Reopening needs a written reason; it is audited.
        var noReason = await (await admin.SubmitFormAsync($"/Cycles/Details/{id}", "#reopen-form", new Dictionary<string, string> { ["Reason"] = " " })).ToDocumentAsync();
        Assert.Equal("此项为必填。", noReason.QuerySelector("[data-valmsg-for=Reason]")!.TextContent.Trim());
        using var reopened = await admin.SubmitFormAsync($"/Cycles/Details/{id}", "#reopen-form", new Dictionary<string, string> { ["Reason"] = "呼叫代表补评" });
        await factory.WithDbAsync(async db =>
        {
            var cycle = await db.Cycles.SingleAsync(c => c.Id == id);
            Assert.Equal((CycleStatus.Open, "呼叫代表补评"), (cycle.Status, cycle.LastReopenReason));
            Assert.False(await db.Results.AnyAsync(r => r.CycleId == id));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(EvaluationCycle) && a.UserName == "admin" && a.NewValues!.Contains("呼叫代表补评")));
        });

        using var closedAgain = await admin.SubmitFormAsync($"/Cycles/Close/{id}", "#confirm-close", new Dictionary<string, string> { ["confirmNotRated"] = "true" });
        using var published = await admin.SubmitFormAsync($"/Cycles/Details/{id}", $"form[action='/Cycles/Publish/{id}']", new Dictionary<string, string>());
        Assert.Equal(CycleStatus.Published, await factory.QueryAsync(db => db.Cycles.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));

        // The manager's home now shows the new cycle's tier (KM001 is rated: all criteria scored).
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am01");
        Assert.Contains("2026 Q4", (await manager.GetDocumentAsync("/MyWork")).QuerySelector("#my-tier")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpeningFreezesTheCriteriaOfThatMoment()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var _ = await admin.SubmitFormAsync("/Cycles", "#cycle-form", new Dictionary<string, string>
        {
            ["Name"] = "2027 Q2",
            ["PeriodStart"] = "2027-04-01",
            ["PeriodEnd"] = "2027-06-30",
        });
        var id = await CycleIdAsync("2027 Q2");

        using var opened = await admin.SubmitFormAsync($"/Cycles/Details/{id}", $"form[action='/Cycles/Open/{id}']", new Dictionary<string, string>());

        var page = await admin.GetDocumentAsync($"/Cycles/Details/{id}");
        Assert.Equal(5, page.QuerySelectorAll("#frozen-criteria tbody tr").Length);
        Assert.Contains("25.0%", page.QuerySelector("#frozen-criteria tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#progress-board"));
    }

    [Theory]
    [InlineData("monopoly")]
    [InlineData("am01")]
    public async Task OnlyAdministratorsRunCycles(string userName)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);

        using var response = await client.GetAsync("/Cycles");

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
