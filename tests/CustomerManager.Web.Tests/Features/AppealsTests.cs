using System.Globalization;
using System.Net;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// Appeals through the screens: the demo's 2026 Q3 cycle (open, its period over) is closed and published by the
/// administrator, then a manager appeals one criterion, the administrator asks the panel and upholds, the seat
/// re-scores, the result is recomputed with the cycle's frozen settings. Each class owns its database (it changes it).
/// </summary>
public class AppealsTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private const string WorkAbility = "工作能力";

    /// <summary>Closes and publishes Q3 once per class; returns its id.</summary>
    private async Task<int> PublishedQ3Async()
    {
        var id = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q3").Select(c => c.Id).SingleAsync());
        if (await factory.QueryAsync(db => db.Cycles.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()) == CycleStatus.Open)
        {
            using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
            using var closed = await admin.SubmitFormAsync($"/Cycles/Close/{id}", "#confirm-close", new Dictionary<string, string> { ["confirmNotRated"] = "true" });
            using var published = await admin.SubmitFormAsync($"/Cycles/Details/{id}", $"form[action='/Cycles/Publish/{id}']", new Dictionary<string, string>());
        }

        Assert.Equal(CycleStatus.Published, await factory.QueryAsync(db => db.Cycles.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
        return id;
    }

    private Task<int> CriterionAsync(int cycleId, string name) =>
        factory.QueryAsync(db => db.CycleCriteria.Where(c => c.CycleId == cycleId && c.NameZh == name).Select(c => c.Id).SingleAsync());

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string action, params (string Key, string Value)[] fields)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync(action, new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => KeyValuePair.Create(f.Key, f.Value))]));
    }

    private Task<List<string>> NotificationsOfAsync(string userName) =>
        factory.QueryAsync(db => db.Notifications.Where(n => db.Users.Any(u => u.Id == n.UserId && u.UserName == userName))
            .OrderBy(n => n.Id).Select(n => n.Kind.ToString() + ":" + n.Subject).ToListAsync());

    [Fact]
    public async Task AnUpheldAppealIsReScoredByItsSeatsAndRecomputedWhileTheRestOfTheCycleStaysPublished()
    {
        var cycleId = await PublishedQ3Async();
        var manager = await factory.ManagerIdAsync("KM001");
        var criterion = await CriterionAsync(cycleId, WorkAbility);
        var before = await factory.QueryAsync(db => db.Results.AsNoTracking().SingleAsync(r => r.CycleId == cycleId && r.AccountManagerId == manager));
        var otherResults = await factory.QueryAsync(db => db.Results.AsNoTracking().Where(r => r.CycleId == cycleId && r.AccountManagerId != manager)
            .Select(r => new { r.AccountManagerId, r.FinalScore }).ToListAsync());
        Assert.Contains(await NotificationsOfAsync("am01"), n => n.StartsWith("ResultPublished:2026 Q3", StringComparison.Ordinal));

        // The manager appeals one criterion from their form.
        using var am = await factory.CreateBrowserlessClient().SignedInAsync("am01");
        var form = await am.GetDocumentAsync($"/Results/Form?cycleId={cycleId}&managerId={manager}");
        Assert.NotNull(form.QuerySelector("#appeal-result"));
        using var noCriteria = await PostAsync(am, $"/Appeals/New?cycleId={cycleId}", "/Appeals/New", ("CycleId", cycleId.ToString(CultureInfo.InvariantCulture)), ("Reason", "漏算了三次拜访"));
        Assert.Contains("请至少选择一项", (await noCriteria.ToDocumentAsync()).QuerySelector("fieldset")!.TextContent, StringComparison.Ordinal);
        using var filed = await PostAsync(am, $"/Appeals/New?cycleId={cycleId}", "/Appeals/New",
            ("CycleId", cycleId.ToString(CultureInfo.InvariantCulture)), ("CriterionIds", criterion.ToString(CultureInfo.InvariantCulture)), ("Reason", "漏算了三次拜访"));
        var appeal = await factory.QueryAsync(db => db.Appeals.AsNoTracking().SingleAsync(a => a.CycleId == cycleId && a.AccountManagerId == manager));
        Assert.Equal($"/Appeals/Details/{appeal.Id}", filed.Headers.Location!.OriginalString);
        Assert.Contains($"AppealArrived:2026 Q3", await NotificationsOfAsync("admin"));

        // A second appeal while this one is open is refused.
        using var second = await PostAsync(am, $"/Results/Form?cycleId={cycleId}&managerId={manager}", "/Appeals/New",
            ("CycleId", cycleId.ToString(CultureInfo.InvariantCulture)), ("CriterionIds", criterion.ToString(CultureInfo.InvariantCulture)), ("Reason", "again"));
        Assert.Contains("已有一项申诉", (await second.ToDocumentAsync()).QuerySelector(".validation-summary-errors, [data-valmsg-summary]")!.TextContent, StringComparison.Ordinal);

        // The administrator asks the panel: work ability is scored by every seat of 城区营销部's panel.
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var asked = await admin.SubmitFormAsync($"/Appeals/Details/{appeal.Id}", "form[action$='/AskPanel/" + appeal.Id + "']", new Dictionary<string, string>());
        foreach (var member in new[] { "monopoly", "sales", "logistics", "callcentre" })
        {
            Assert.Contains("AppealResponseRequested:2026 Q3", await NotificationsOfAsync(member));
        }

        Assert.DoesNotContain("AppealResponseRequested:2026 Q3", await NotificationsOfAsync("monopoly2"));
        using var monopoly = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");
        using var responded = await monopoly.SubmitFormAsync($"/Appeals/Details/{appeal.Id}", "form[action$='/Respond/" + appeal.Id + "']", new Dictionary<string, string> { ["Text"] = "当季拜访记录确有遗漏" });
        using var monopoly2 = await factory.CreateBrowserlessClient().SignedInAsync("monopoly2");
        using var notTheirs = await monopoly2.GetAsync($"/Appeals/Details/{appeal.Id}");
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);

        // A decision needs a reason; upholding tells the manager and the seats.
        using var noReason = await admin.SubmitFormAsync($"/Appeals/Details/{appeal.Id}", "form[action$='/Decide/" + appeal.Id + "']", new Dictionary<string, string> { ["Uphold"] = "true", ["Decision"] = " " });
        Assert.Contains("请填写决定理由", (await noReason.ToDocumentAsync()).QuerySelector("form[action$='/Decide/" + appeal.Id + "']")!.TextContent, StringComparison.Ordinal);
        using var upheld = await admin.SubmitFormAsync($"/Appeals/Details/{appeal.Id}", "form[action$='/Decide/" + appeal.Id + "']", new Dictionary<string, string> { ["Uphold"] = "true", ["Decision"] = "拜访记录属实，重新评分" });
        Assert.Equal(AppealStatus.Rescoring, await factory.QueryAsync(db => db.Appeals.Where(a => a.Id == appeal.Id).Select(a => a.Status).SingleAsync()));
        Assert.Contains("AppealDecided:2026 Q3", await NotificationsOfAsync("am01"));
        Assert.Contains("AppealRescoring:2026 Q3", await NotificationsOfAsync("sales"));

        // The seat re-scores: only the contested criterion is on its page, and it saves in the published cycle.
        var page = await monopoly.GetDocumentAsync($"/Scoring/Score?cycleId={cycleId}&managerId={manager}");
        Assert.NotNull(page.QuerySelector("#scoring-appeal"));
        Assert.Equal([criterion.ToString(CultureInfo.InvariantCulture)], page.QuerySelectorAll("input[name$='.CycleCriterionId']").Select(i => i.GetAttribute("value")!));
        using var rescored = await monopoly.SubmitFormAsync($"/Scoring/Score?cycleId={cycleId}&managerId={manager}", "#score-form", new Dictionary<string, string> { ["Items[0].Value"] = "99" });
        Assert.Equal(99m, await factory.QueryAsync(db => db.PanelScores.Where(s => s.CycleId == cycleId && s.AccountManagerId == manager && s.CycleCriterionId == criterion
            && db.Users.Any(u => u.Id == s.PanelMemberId && u.UserName == "monopoly")).Select(s => s.Value).SingleAsync()));

        // Another manager's scores stay closed.
        var other = await factory.ManagerIdAsync("KM003");
        var closedPage = await monopoly.GetDocumentAsync($"/Scoring/Score?cycleId={cycleId}&managerId={other}");
        Assert.NotNull(closedPage.QuerySelector("#scoring-closed"));

        // Completing recomputes with the frozen settings; the others' results do not move.
        using var completed = await admin.SubmitFormAsync($"/Appeals/Details/{appeal.Id}", "form[action$='/Complete/" + appeal.Id + "']", new Dictionary<string, string>());
        var (after, recomputed) = await factory.QueryAsync(async db =>
        {
            var cycle = await db.Cycles.Include(c => c.Criteria).SingleAsync(c => c.Id == cycleId);
            var scores = await db.PanelScores.Where(s => s.CycleId == cycleId && s.AccountManagerId == manager).ToListAsync();
            return (await db.Results.AsNoTracking().SingleAsync(r => r.CycleId == cycleId && r.AccountManagerId == manager), cycle.Rate(scores));
        });
        var done = await factory.QueryAsync(db => db.Appeals.AsNoTracking().SingleAsync(a => a.Id == appeal.Id));
        Assert.Equal(AppealStatus.Upheld, done.Status);
        Assert.Equal((recomputed.FinalScore, recomputed.Tier), (after.FinalScore, after.Tier));
        Assert.True(after.FinalScore > before.FinalScore);
        Assert.Equal((before.FinalScore, after.FinalScore), (done.FinalScoreBefore, done.FinalScoreAfter));
        Assert.Equal(otherResults, await factory.QueryAsync(db => db.Results.AsNoTracking().Where(r => r.CycleId == cycleId && r.AccountManagerId != manager)
            .Select(r => new { r.AccountManagerId, r.FinalScore }).ToListAsync()));
        Assert.Equal(CycleStatus.Published, await factory.QueryAsync(db => db.Cycles.Where(c => c.Id == cycleId).Select(c => c.Status).SingleAsync()));
        Assert.Contains("AppealResolved:2026 Q3", await NotificationsOfAsync("am01"));

        // The manager's form shows the appeal, the decision and both results; the ranking has the new score.
        var mine = await am.GetDocumentAsync($"/Results/Form?cycleId={cycleId}&managerId={manager}");
        var shown = mine.QuerySelector("#form-appeals")!.TextContent;
        Assert.Contains("拜访记录属实，重新评分", shown, StringComparison.Ordinal);
        Assert.Contains(before.FinalScore!.Value.ToString("0.00", CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
        Assert.Contains(after.FinalScore!.Value.ToString("0.00", CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
        Assert.Contains("结果一致", mine.QuerySelector("#recomputed")!.TextContent, StringComparison.Ordinal);
        var details = await am.GetDocumentAsync($"/Appeals/Details/{appeal.Id}");
        Assert.Null(details.QuerySelector("#responses"));
        Assert.Contains("拜访记录属实", details.QuerySelector("#decision")!.TextContent, StringComparison.Ordinal);
        var ranking = await admin.GetDocumentAsync($"/Results?cycleId={cycleId}");
        Assert.Contains(after.FinalScore!.Value.ToString("0.00", CultureInfo.InvariantCulture), ranking.QuerySelector("#ranking")!.TextContent, StringComparison.Ordinal);

        // Every step is in the audit trail.
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Appeal) && e.EntityId == appeal.Id.ToString(CultureInfo.InvariantCulture))) >= 4);
    }

    [Fact]
    public async Task AResultPublishedLongAgoCannotBeAppealedAndOnlyItsManagerMayAppeal()
    {
        var q2 = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q2").Select(c => c.Id).SingleAsync());
        var manager = await factory.ManagerIdAsync("KM001");
        var criterion = await CriterionAsync(q2, WorkAbility);
        using var am = await factory.CreateBrowserlessClient().SignedInAsync("am01");
        using var supervisor = await factory.CreateBrowserlessClient().SignedInAsync("supervisor");

        var form = await am.GetDocumentAsync($"/Results/Form?cycleId={q2}&managerId={manager}");
        using var late = await PostAsync(am, $"/Results/Form?cycleId={q2}&managerId={manager}", "/Appeals/New", ("CycleId", q2.ToString(CultureInfo.InvariantCulture)), ("CriterionIds", criterion.ToString(CultureInfo.InvariantCulture)), ("Reason", "太晚了"));
        using var notAManager = await supervisor.GetAsync($"/Appeals/New?cycleId={q2}");

        Assert.Null(form.QuerySelector("#appeal-result"));
        Assert.Contains("申诉期已于", form.QuerySelector("#appeal-action")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("申诉期已于", (await late.ToDocumentAsync()).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.Appeals.AnyAsync(a => a.CycleId == q2)));
        Assert.StartsWith("/Account/AccessDenied", notAManager.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADismissedAppealEndsWithTheReasonAndTheManagerMayAppealAgainWithinTheWindow()
    {
        var cycleId = await PublishedQ3Async();
        var manager = await factory.ManagerIdAsync("KM004");
        var criterion = await CriterionAsync(cycleId, WorkAbility);
        using var am = await factory.CreateBrowserlessClient().SignedInAsync("am04");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var other = await factory.CreateBrowserlessClient().SignedInAsync("am05");

        using var filed = await PostAsync(am, $"/Appeals/New?cycleId={cycleId}", "/Appeals/New", ("CycleId", cycleId.ToString(CultureInfo.InvariantCulture)), ("CriterionIds", criterion.ToString(CultureInfo.InvariantCulture)), ("Reason", "请复核"));
        var id = await factory.QueryAsync(db => db.Appeals.Where(a => a.AccountManagerId == manager).Select(a => a.Id).SingleAsync());
        using var notTheirs = await other.GetAsync($"/Appeals/Details/{id}");
        var list = await admin.GetDocumentAsync($"/Appeals?cycleId={cycleId}");
        using var dismissed = await admin.SubmitFormAsync($"/Appeals/Details/{id}", $"form[action$='/Decide/{id}']", new Dictionary<string, string> { ["Uphold"] = "false", ["Decision"] = "评分有据可查" });
        using var again = await PostAsync(am, $"/Appeals/New?cycleId={cycleId}", "/Appeals/New", ("CycleId", cycleId.ToString(CultureInfo.InvariantCulture)), ("CriterionIds", criterion.ToString(CultureInfo.InvariantCulture)), ("Reason", "补充材料"));

        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Contains(list.QuerySelectorAll("#appeals tbody tr"), r => r.TextContent.Contains("已提交", StringComparison.Ordinal));
        Assert.Contains("AppealDecided:2026 Q3", await NotificationsOfAsync("am04"));
        Assert.Equal([AppealStatus.Dismissed, AppealStatus.Submitted], await factory.QueryAsync(db => db.Appeals.Where(a => a.AccountManagerId == manager).OrderBy(a => a.Id).Select(a => a.Status).ToListAsync()));
    }

    [Fact]
    public async Task TheAppealWindowIsTheAdministratorsSettingAndRefusesNonsense()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var bad = await admin.SubmitFormAsync("/Appeals", "#appeal-window-form", new Dictionary<string, string> { ["days"] = "7,5" });
        var afterBad = await factory.QueryAsync(db => db.RatingSettings.Select(s => s.AppealDays).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var refused = await bad.ToDocumentAsync();
        var field = refused.QuerySelector("#appeal-window-form input[name=days]")!;
        Assert.Equal(("7,5", "true"), (field.GetAttribute("value"), field.GetAttribute("aria-invalid")));
        Assert.Contains("1 至 90", refused.QuerySelector("#days-error")!.TextContent, StringComparison.Ordinal);
        using var good = await admin.SubmitFormAsync("/Appeals", "#appeal-window-form", new Dictionary<string, string> { ["days"] = "10" });

        Assert.Equal(7, afterBad);
        Assert.Equal(10, await factory.QueryAsync(db => db.RatingSettings.Select(s => s.AppealDays).SingleAsync()));
        await factory.WithDbAsync(async db =>
        {
            (await db.RatingSettings.SingleAsync()).ChangeAppealDays(7);
            await db.SaveChangesAsync();
        });
    }
}
