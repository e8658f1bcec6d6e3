using System.Net;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// The cycle's life through the administrator's pages, on the demo data with the clock at 20 November 2026:
/// 2026 Q2 published, 2026 Q3 open (its period is over), nothing yet for Q4.
/// </summary>
public class CyclesTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private Task<int> CycleIdAsync(string name) => factory.QueryAsync(db => db.Cycles.Where(c => c.Name == name).Select(c => c.Id).SingleAsync());

    private Task<CycleStatus> StatusAsync(int id) => factory.QueryAsync(db => db.Cycles.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    private static Task<HttpResponseMessage> CreateAsync(HttpClient admin, string name, string start, string end) =>
        admin.SubmitFormAsync("/Cycles", "#cycle-form", new Dictionary<string, string> { ["Name"] = name, ["PeriodStart"] = start, ["PeriodEnd"] = end });

    [Fact]
    public async Task NewCycleMayNotOverlapAnotherNorRepeatANameAndStartsAsADraft()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var overlap = await (await CreateAsync(admin, "重叠", "2026-09-01", "2026-12-31")).ToDocumentAsync();
        var reversed = await (await CreateAsync(admin, "倒置", "2027-03-31", "2027-01-01")).ToDocumentAsync();
        var repeated = await (await CreateAsync(admin, "2026 q3", "2027-04-01", "2027-06-30")).ToDocumentAsync();
        var badDate = await (await CreateAsync(admin, "坏日期", "2027-13-01", "2027-12-31")).ToDocumentAsync();
        using var created = await CreateAsync(admin, "2027 Q1", "2027-01-01", "2027-03-31");

        Assert.Equal("期间与评定周期“2026 Q3”重叠：每天的拜访记录只能作为一个周期的依据。", overlap.QuerySelector("[data-valmsg-for=PeriodStart]")!.TextContent.Trim());
        Assert.Equal("结束日期不能早于开始日期。", reversed.QuerySelector("[data-valmsg-for=PeriodEnd]")!.TextContent.Trim());
        Assert.Equal("已有名为“2026 Q3”的评定周期。", repeated.QuerySelector("[data-valmsg-for=Name]")!.TextContent.Trim());
        Assert.Equal("2026 q3", repeated.QuerySelector("#Name")!.GetAttribute("value"));
        Assert.Equal("请按“年-月-日”填写日期，例如 2026-11-27。", badDate.QuerySelector("[data-valmsg-for=PeriodStart]")!.TextContent.Trim());
        Assert.Equal("2027-13-01", badDate.QuerySelector("#PeriodStart")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(CycleStatus.Draft, await StatusAsync(await CycleIdAsync("2027 Q1")));
        Assert.Equal(0, await factory.QueryAsync(db => db.Cycles.CountAsync(c => c.Name == "重叠" || c.Name == "倒置" || c.Name == "坏日期")));
    }

    [Fact]
    public async Task ADraftCanBeCorrectedAndDeletedButNothingElseCan()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var _ = await CreateAsync(admin, "2028 上半年", "2028-01-01", "2028-06-30");
        var id = await CycleIdAsync("2028 上半年");

        using var edited = await admin.SubmitFormAsync($"/Cycles/Edit/{id}", "#cycle-form", new Dictionary<string, string>
        {
            ["Name"] = "2028 Q1",
            ["PeriodEnd"] = "2028-03-31",
        });
        var draft = await factory.QueryAsync(db => db.Cycles.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(("2028 Q1", new DateOnly(2028, 3, 31)), (draft.Name, draft.PeriodEnd));
        var clash = await (await admin.SubmitFormAsync($"/Cycles/Edit/{id}", "#cycle-form", new Dictionary<string, string> { ["PeriodStart"] = "2026-09-30" })).ToDocumentAsync();
        Assert.Contains("2026 Q3", clash.QuerySelector("[data-valmsg-for=PeriodStart]")!.TextContent, StringComparison.Ordinal);

        using var deleted = await admin.SubmitFormAsync($"/Cycles/Details/{id}", $"form[action='/Cycles/Delete/{id}']", new Dictionary<string, string>());
        Assert.Equal("/Cycles", deleted.Headers.Location!.OriginalString);
        Assert.False(await factory.QueryAsync(db => db.Cycles.AnyAsync(c => c.Id == id)));

        // The published cycle offers neither, and refuses both when asked directly.
        var published = await CycleIdAsync("2026 Q2");
        var page = await admin.GetDocumentAsync($"/Cycles/Details/{published}");
        Assert.Null(page.QuerySelector("#edit-cycle"));
        Assert.Null(page.QuerySelector("#delete-cycle"));
        using var refused = await admin.GetAsync($"/Cycles/Edit/{published}");
        Assert.Equal($"/Cycles/Details/{published}", refused.Headers.Location!.OriginalString);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var notDeleted = await admin.PostAsync($"/Cycles/Delete/{published}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.True(await factory.QueryAsync(db => db.Cycles.AnyAsync(c => c.Id == published)));
    }

    [Fact]
    public async Task ACycleOpensOnlyOnceItsPeriodHasStartedAndTheScreenSaysWhen()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var _ = await CreateAsync(admin, "2027 Q2", "2027-04-01", "2027-06-30");
        var id = await CycleIdAsync("2027 Q2");

        var page = await admin.GetDocumentAsync($"/Cycles/Details/{id}");
        Assert.Null(page.QuerySelector("#open-cycle"));
        Assert.Contains("2027年4月1日", page.QuerySelector("#open-when")!.TextContent, StringComparison.Ordinal);

        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var opened = await admin.PostAsync($"/Cycles/Open/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var after = await admin.GetDocumentAsync(opened.Headers.Location!.OriginalString);

        Assert.Equal(CycleStatus.Draft, await StatusAsync(id));
        Assert.Contains("本周期自 2027/4/1（期间首日）起才能开启。", after.QuerySelector("#flash-warning")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpeningFreezesTheCriteriaOfThatMomentAndClosingWaitsForThePeriodToEnd()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var _ = await CreateAsync(admin, "2026 Q4", "2026-10-01", "2026-12-31");
        var id = await CycleIdAsync("2026 Q4");

        using var opened = await admin.SubmitFormAsync($"/Cycles/Details/{id}", $"form[action='/Cycles/Open/{id}']", new Dictionary<string, string>());

        var page = await admin.GetDocumentAsync($"/Cycles/Details/{id}");
        Assert.Equal(CycleStatus.Open, await StatusAsync(id));
        Assert.Equal(5, page.QuerySelectorAll("#frozen-criteria tbody tr").Length);
        Assert.Contains("25.0%", page.QuerySelector("#frozen-criteria tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#progress-board"));

        // The period runs until 31 December: no close button, a date instead, and a direct close is refused.
        Assert.Null(page.QuerySelector("#close-cycle"));
        Assert.Contains("2027年1月1日", page.QuerySelector("#close-when")!.TextContent, StringComparison.Ordinal);
        using var check = await admin.GetAsync($"/Cycles/Close/{id}");
        Assert.Equal($"/Cycles/Details/{id}", check.Headers.Location!.OriginalString);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var closed = await admin.PostAsync($"/Cycles/Close/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["confirmNotRated"] = "true" }));
        Assert.Equal(CycleStatus.Open, await StatusAsync(id));
        Assert.False(await factory.QueryAsync(db => db.Results.AnyAsync(r => r.CycleId == id)));
    }

    [Fact]
    public async Task ClosingListsTheNotRatedNeedsConfirmationThenComputesAndPublishes()
    {
        var id = await CycleIdAsync("2026 Q3");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var check = await admin.GetDocumentAsync($"/Cycles/Close/{id}");
        // Demo: logistics scored only every other manager and the call centre nobody, so criterion 3 is
        // unscored for four managers.
        Assert.Equal(4, check.QuerySelectorAll("#not-rated li").Length);
        // Missing work by department and seat: the urban department's 6 managers, the county's 2, each scored by its own panel.
        string[] Seat(string seat, string department = "城区营销部") =>
            check.QuerySelector($"#seat-work tr[data-seat={seat}][data-department={department}]")!.QuerySelectorAll("td").Skip(2).Select(t => t.TextContent.Trim()).ToArray();
        Assert.Equal(8, check.QuerySelectorAll("#seat-work tbody tr").Length);
        Assert.Equal(["6", "0", "0"], Seat("MonopolyLeader"));
        Assert.Equal(["3", "0", "3"], Seat("LogisticsRep"));
        Assert.Equal(["0", "0", "6"], Seat("CallCentreRep"));
        Assert.Equal(["2", "0", "0"], Seat("MonopolyLeader", "郊县营销部"));
        Assert.Equal(["1", "0", "1"], Seat("LogisticsRep", "郊县营销部"));
        Assert.Contains("沈梅", check.QuerySelector("#seat-work tr[data-seat=CallCentreRep][data-department=郊县营销部]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("尚未评分", check.QuerySelector("#seat-work tr[data-seat=CallCentreRep]")!.TextContent, StringComparison.Ordinal);
        var refused = await (await admin.SubmitFormAsync($"/Cycles/Close/{id}", "#confirm-close", new Dictionary<string, string>())).ToDocumentAsync();
        Assert.Contains("请勾选确认", refused.QuerySelector("[data-valmsg-for=confirmNotRated]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CycleStatus.Open, await StatusAsync(id));

        using var closed = await admin.SubmitFormAsync($"/Cycles/Close/{id}", "#confirm-close", new Dictionary<string, string> { ["confirmNotRated"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            var results = await db.Results.Where(r => r.CycleId == id).ToListAsync();
            Assert.Equal(8, results.Count);
            Assert.Equal(4, results.Count(r => !r.IsRated));
            Assert.All(results.Where(r => r.IsRated), r => Assert.NotNull(r.Tier));
            Assert.All(results, r => Assert.True(r.Evidence.Visits > 0, $"manager {r.AccountManagerId} has no visits"));
            Assert.All(results, r => Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, r.EvidenceTakenUtc));
        });

        // Reopening needs a written reason; it is audited.
        var noReason = await (await admin.SubmitFormAsync($"/Cycles/Details/{id}", "#reopen-form", new Dictionary<string, string> { ["Reason"] = " " })).ToDocumentAsync();
        Assert.Equal("请填写重新开启的原因。", noReason.QuerySelector("[data-valmsg-for=Reason]")!.TextContent.Trim());
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
        Assert.Equal(CycleStatus.Published, await StatusAsync(id));

        // The manager's home now shows the new cycle's tier (KM001 is rated: all criteria scored).
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am01");
        Assert.Contains("2026 Q3", (await manager.GetDocumentAsync("/MyWork")).QuerySelector("#my-tier")!.TextContent, StringComparison.Ordinal);
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
