using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// The calibration page of a closed cycle (the demo's 2026 Q3, closed here): the tier distribution against the
/// administrator's guideline, the managers near a bound, each rater's leniency, and publishing beyond the guideline
/// only with a written reason.
/// </summary>
public class CalibrationTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Fact]
    public async Task ACalibratedCycleShowsTheGuidelineBreachAndALenientRaterAndPublishesOnlyWithAReason()
    {
        var id = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q3").Select(c => c.Id).SingleAsync());

        // Where two or more seats scored the same criterion of a manager, one member (the same everywhere) gives 100, the others 75.
        var lenient = await factory.QueryAsync(async db =>
        {
            var member = await db.PanelScores.Where(s => s.CycleId == id && db.Users.Any(u => u.Id == s.PanelMemberId && u.UserName == "sales")).Select(s => s.PanelMemberId).FirstAsync();
            var shared = await db.PanelScores.Where(s => s.CycleId == id).GroupBy(s => new { s.AccountManagerId, s.CycleCriterionId }).Where(g => g.Count() > 1)
                .Select(g => g.Key).ToListAsync();
            foreach (var item in shared)
            {
                await db.PanelScores.Where(s => s.CycleId == id && s.AccountManagerId == item.AccountManagerId && s.CycleCriterionId == item.CycleCriterionId)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Value, s => s.PanelMemberId == member ? 100m : 75m));
            }

            return await db.Users.Where(u => u.Id == member).Select(u => u.DisplayName).SingleAsync();
        });
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var closed = await admin.SubmitFormAsync($"/Cycles/Close/{id}", "#confirm-close", new Dictionary<string, string> { ["confirmNotRated"] = "true" });
        Assert.Equal(CycleStatus.Closed, await factory.QueryAsync(db => db.Cycles.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));

        var page = await admin.GetDocumentAsync($"/Calibration/Index/{id}");
        Assert.Null(page.QuerySelector("#guideline-breaches"));
        var companyRow = page.QuerySelectorAll("#distribution tbody tr")[0];
        Assert.Equal("全公司", companyRow.QuerySelector("th")!.TextContent.Trim());
        Assert.Equal(3, page.QuerySelectorAll("#distribution tbody tr").Length); // the company and its two departments
        var lenientRow = Assert.Single(page.QuerySelectorAll("#raters tbody tr.rater-lenient"));
        Assert.Contains(lenient, lenientRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("偏宽", lenientRow.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("#flags li"));

        // A share typed with a comma is refused with a message and nothing is saved.
        using var bad = await admin.SubmitFormAsync($"/Calibration/Index/{id}", "#guideline-form", new Dictionary<string, string> { ["Items[0].AtMost"] = "10,5" });
        var badPage = await bad.ToDocumentAsync();
        Assert.Contains("请输入 0 至 100 的百分比", badPage.QuerySelector("#guideline-form")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("10,5", badPage.QuerySelector("#most-FiveStar")!.GetAttribute("value"));
        Assert.Empty(await factory.QueryAsync(db => db.Cycles.AsNoTracking().Where(c => c.Id == id).SelectMany(c => c.Guideline).ToListAsync()));

        // At most 10 % Five-star and at least 5 % Developing: the demo's rated managers are all Five-star.
        using var saved = await admin.SubmitFormAsync($"/Calibration/Index/{id}", "#guideline-form", new Dictionary<string, string> { ["Items[0].AtMost"] = "10", ["Items[4].AtLeast"] = "5%" });
        var breached = await admin.GetDocumentAsync($"/Calibration/Index/{id}");
        var breaches = breached.QuerySelector("#guideline-breaches")!.TextContent;
        Assert.Contains("五星级客户经理", breaches, StringComparison.Ordinal);
        Assert.Contains("高于指导比例上限 10%", breaches, StringComparison.Ordinal);
        Assert.Contains("低于指导比例下限 5%", breaches, StringComparison.Ordinal);
        Assert.Contains("全公司", breaches, StringComparison.Ordinal);
        Assert.NotEmpty(breached.QuerySelectorAll("#distribution td.breach"));

        // Publishing without a reason is refused and leads back here; with one, it publishes and keeps it.
        using var refused = await admin.SubmitFormAsync($"/Calibration/Index/{id}", "#publish-form", new Dictionary<string, string>());
        Assert.Equal($"/Calibration/Index/{id}", refused.Headers.Location!.OriginalString);
        Assert.Equal(CycleStatus.Closed, await factory.QueryAsync(db => db.Cycles.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
        Assert.Contains("仍予发布的理由", (await admin.GetDocumentAsync(refused.Headers.Location.OriginalString)).QuerySelector("#flash-warning")!.TextContent, StringComparison.Ordinal);
        using var published = await admin.SubmitFormAsync($"/Calibration/Index/{id}", "#publish-form", new Dictionary<string, string> { ["reason"] = "本季度各片区均超额完成任务，经评定小组会议确认" });

        var cycle = await factory.QueryAsync(db => db.Cycles.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(CycleStatus.Published, cycle.Status);
        Assert.Equal("本季度各片区均超额完成任务，经评定小组会议确认", cycle.GuidelineReason);
        Assert.Contains("本季度各片区均超额完成任务", (await admin.GetDocumentAsync($"/Calibration/Index/{id}")).QuerySelector("#published-reason")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAdministratorsCalibrateAndAnOpenCycleHasNoCalibrationYet()
    {
        var open = await factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Draft || c.Status == CycleStatus.Open).Select(c => c.Id).FirstOrDefaultAsync());
        var published = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q2").Select(c => c.Id).SingleAsync());
        using var panel = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var forbidden = await panel.GetAsync($"/Calibration/Index/{published}");
        using var ofPublished = await admin.GetAsync($"/Calibration/Index/{published}");

        Assert.StartsWith("/Account/AccessDenied", forbidden.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, ofPublished.StatusCode);
        if (open != 0)
        {
            using var ofOpen = await admin.GetAsync($"/Calibration/Index/{open}");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, ofOpen.StatusCode);
        }
    }
}

/// <summary>Reopening the demo's 2026 Q3, closed here, for one manager after calibration (a database of its own).</summary>
public class CalibrationReopenTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Fact]
    public async Task AClosedCycleIsReopenedForOneManagerWhosePanelReScoresAndTheResultIsRecomputedBeforePublishing()
    {
        var id = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q3").Select(c => c.Id).SingleAsync());
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var closed = await admin.SubmitFormAsync($"/Cycles/Close/{id}", "#confirm-close", new Dictionary<string, string> { ["confirmNotRated"] = "true" });
        Assert.Equal(CycleStatus.Closed, await factory.QueryAsync(db => db.Cycles.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));

        var manager = await factory.ManagerIdAsync("KM003");
        var before = await factory.QueryAsync(db => db.Results.Where(r => r.CycleId == id && r.AccountManagerId == manager).Select(r => r.FinalScore).SingleAsync());
        var noReason = await (await admin.SubmitFormAsync($"/Calibration/Index/{id}", "#reopen-form", new Dictionary<string, string> { ["ManagerId"] = manager.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ToDocumentAsync();
        Assert.Contains("请填写", noReason.QuerySelector("#reopen-form")!.TextContent, StringComparison.Ordinal);
        using var reopened = await admin.SubmitFormAsync($"/Calibration/Index/{id}", "#reopen-form", new Dictionary<string, string>
        {
            ["ManagerId"] = manager.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Reason"] = "工作能力评分差异过大",
        });
        Assert.Contains(await factory.QueryAsync(db => db.Notifications.Where(n => db.Users.Any(u => u.Id == n.UserId && u.UserName == "monopoly")).Select(n => n.Kind).ToListAsync()),
            k => k == CustomerManager.Domain.Notifications.NotificationKind.ManagerReopened);

        // Publishing waits for the recomputation.
        using var tooEarly = await admin.SubmitFormAsync($"/Calibration/Index/{id}", "#publish-form", new Dictionary<string, string> { ["reason"] = "x" });
        Assert.Equal(CycleStatus.Closed, await factory.QueryAsync(db => db.Cycles.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));

        // The monopoly leader scores KM003 again; KM002 stays closed.
        using var monopoly = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");
        var page = await monopoly.GetDocumentAsync($"/Scoring/Score?cycleId={id}&managerId={manager}");
        Assert.NotNull(page.QuerySelector("#scoring-reopened"));
        var values = page.QuerySelectorAll("input[name$='.Value']").Select((_, i) => KeyValuePair.Create($"Items[{i}].Value", "100")).ToDictionary();
        using var rescored = await monopoly.SubmitFormAsync($"/Scoring/Score?cycleId={id}&managerId={manager}", "#score-form", values);
        var other = await monopoly.GetDocumentAsync($"/Scoring/Score?cycleId={id}&managerId={await factory.ManagerIdAsync("KM002")}");
        Assert.NotNull(other.QuerySelector("#scoring-closed"));

        var calibration = await admin.GetDocumentAsync($"/Calibration/Index/{id}");
        Assert.Contains("工作能力评分差异过大", calibration.QuerySelector("#reopened")!.TextContent, StringComparison.Ordinal);
        using var recomputed = await admin.SubmitFormAsync($"/Calibration/Index/{id}", $"#reopened li[data-manager='{manager}'] form", new Dictionary<string, string>());

        var (after, expected) = await factory.QueryAsync(async db =>
        {
            var cycle = await db.Cycles.Include(c => c.Criteria).SingleAsync(c => c.Id == id);
            var scores = await db.PanelScores.Where(s => s.CycleId == id && s.AccountManagerId == manager).ToListAsync();
            return (await db.Results.Where(r => r.CycleId == id && r.AccountManagerId == manager).Select(r => r.FinalScore).SingleAsync(), cycle.Rate(scores).FinalScore);
        });
        Assert.Equal(expected, after);
        Assert.True(after > before);
        Assert.Null((await admin.GetDocumentAsync($"/Calibration/Index/{id}")).QuerySelector("#reopened"));
    }
}
