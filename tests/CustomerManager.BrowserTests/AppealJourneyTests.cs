using System.Globalization;
using CustomerManager.BrowserTests.Infrastructure;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using netDumbster.smtp;

namespace CustomerManager.BrowserTests;

/// <summary>
/// After the results, on an app of its own (20 November 2026) that e-mails through an in-process SMTP server: the
/// administrator closes last quarter's cycle, calibrates it (the guideline breached, a lenient rater) and publishes with a
/// reason; a manager, on a 390×844 phone, is told and appeals one criterion; the administrator asks the panel and upholds;
/// the seat responds and re-scores; the result is recomputed; the manager sees the decision and the new result. Each step
/// notifies someone (the bell), and the e-mails arrive.
/// </summary>
public class AppealJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserTheory]
    [InlineData("zh-CN", "am01", "KM001", "monopoly", "sales", "工作能力")]
    [InlineData("en-US", "am07", "KM007", "monopoly2", "sales2", "Work ability")]
    public async Task APublishedResultIsAppealedUpheldReScoredAndEveryoneIsToldInTheAppAndByEmail(
        string locale, string managerUser, string employeeNumber, string seatUser, string lenientUser, string criterion)
    {
        using var smtp = SimpleSmtpServer.Start(FreePort());
        await using var app = new AppServerFixture(new Dictionary<string, string?>
        {
            ["Email:Enabled"] = "true",
            ["Email:Host"] = "127.0.0.1",
            ["Email:Port"] = smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Security"] = "None",
            ["Email:PollSeconds"] = "15",
        });
        var shot = $"appeal-{locale}";
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        var (cycleId, lenientName) = await MakeLenientAsync(app, lenientUser);

        // 1. The administrator closes last quarter, calibrates it and publishes beyond the guideline with a reason.
        var admin = await browser.NewPageAsync(locale: locale, app: app);
        admin.Dialog += (_, dialog) => dialog.AcceptAsync();
        await admin.SignInAsync("admin");
        await admin.GotoAsync($"/Cycles/Details/{cycleId}");
        await admin.ClickAsync("#close-cycle");
        await admin.WaitForSelectorAsync("#confirm-close");
        await admin.CheckAsync("#confirmNotRated");
        await admin.ClickAsync("#confirm-close button[type=submit]");
        await admin.ClickAsync("#calibrate-cycle");
        await admin.FillAsync("#most-FiveStar", "10");
        await admin.FillAsync("#least-Developing", "5");
        await admin.ClickAsync("#save-guideline");
        await admin.Locator("#guideline-breaches").WaitForAsync();
        var lenientRow = admin.Locator("#raters tbody tr.rater-lenient", new PageLocatorOptions { HasText = lenientName });
        Assert.Equal(1, await lenientRow.CountAsync());
        Assert.Contains(english ? "Lenient" : "偏宽", await lenientRow.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(english ? "Company" : "全公司", await admin.InnerTextAsync("#distribution"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-1-calibration");
        await admin.ClickAsync("#publish");
        Assert.Contains(english ? "write why" : "请填写仍予发布的理由", await admin.InnerTextAsync("#flash-warning"), StringComparison.Ordinal);
        await admin.FillAsync("#reason", english ? "Every district beat its target this quarter." : "本季度各片区均超额完成任务。");
        await admin.ClickAsync("#publish");
        await admin.Locator("#cycle-status.cycle-published").WaitForAsync();

        // 2. The manager, on the phone, is told by the bell and appeals one criterion from the evaluation form.
        var manager = await PhoneAsync(app, locale);
        await manager.SignInAsync(managerUser);
        Assert.Equal("1", (await manager.InnerTextAsync("#unread-count")).Trim());
        await manager.ClickAsync("#nav-notifications");
        await BrowserFixture.ScreenshotAsync(manager, $"{shot}-2-notifications-phone");
        await manager.ClickAsync("#notifications li[data-kind='ResultPublished'] button");
        await manager.ClickAsync("#appeal-result");
        await manager.CheckAsync($"label:has-text('{criterion}') >> xpath=preceding-sibling::input");
        await manager.FillAsync("#Reason", english ? "Three visits in September are missing from my record." : "九月份有三次拜访未计入。");
        await BrowserFixture.ScreenshotAsync(manager, $"{shot}-3-appeal-phone");
        await manager.ClickAsync("#submit-appeal");
        await manager.Locator("#appeal-status").WaitForAsync();
        var appealUrl = manager.Url;

        // 3. The administrator is told, asks the panel; the seat responds; the administrator upholds.
        await admin.GotoAsync("/Notifications");
        await admin.ClickAsync("#notifications li[data-kind='AppealArrived'] button");
        await admin.ClickAsync("#ask-panel");
        await admin.GotoAsync("/Appeals");
        Assert.Equal(1, await admin.Locator("#appeals tbody tr").CountAsync());
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-3b-appeals-list");
        await admin.ClickAsync("#appeals tbody tr a");
        var seat = await browser.NewPageAsync(locale: locale, app: app);
        await seat.SignInAsync(seatUser);
        await seat.ClickAsync("#nav-notifications");
        await seat.ClickAsync("#notifications li[data-kind='AppealResponseRequested'] button");
        await seat.FillAsync("#Text", english ? "The visits are in the log; the score was too low." : "拜访记录属实，评分偏低。");
        await seat.ClickAsync("#respond");
        await seat.Locator("#responses li").WaitForAsync();
        await admin.ReloadAsync();
        Assert.Equal(1, await admin.Locator("#responses li").CountAsync());
        await admin.FillAsync("#Decision", english ? "The visits are confirmed: the panel re-scores work ability." : "拜访记录属实，请重新评分工作能力。");
        await admin.ClickAsync("#uphold");
        await admin.Locator("#complete").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-4-upheld");

        // 4. The seat is told to re-score: only the contested criterion is open, in the published cycle.
        await seat.GotoAsync("/Notifications");
        await seat.ClickAsync("#notifications li[data-kind='AppealRescoring'] button");
        await seat.Locator("#scoring-appeal").WaitForAsync();
        Assert.Equal(1, await seat.Locator("#score-form input[name$='.Value']").CountAsync());
        await seat.FillAsync("#score-form input[name$='.Value']", "99");
        await BrowserFixture.ScreenshotAsync(seat, $"{shot}-4b-rescore");
        await seat.ClickAsync("#save");
        await seat.Locator(".alert-success").WaitForAsync();

        // 5. The administrator recomputes; the manager is told and sees the decision and both results.
        await admin.ClickAsync("#complete");
        await admin.Locator("#result-after").WaitForAsync();
        var before = await ResultAsync(app, cycleId, employeeNumber);
        await manager.GotoAsync("/Notifications");
        await manager.ClickAsync("#notifications li[data-kind='AppealResolved'] button");
        Assert.Equal(appealUrl, manager.Url);
        Assert.Contains(english ? "Re-score" : "重新评分", await manager.InnerTextAsync("#decision"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(before.After.ToString("0.00", CultureInfo.InvariantCulture), await manager.InnerTextAsync("#appeal-results"), StringComparison.Ordinal);
        Assert.Contains(before.Before.ToString("0.00", CultureInfo.InvariantCulture), await manager.InnerTextAsync("#appeal-results"), StringComparison.Ordinal);
        Assert.True(before.After > before.Before);
        await BrowserFixture.ScreenshotAsync(manager, $"{shot}-5-decided-phone");

        // 6. The e-mails went out from the background worker once its next pass came.
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        var wanted = new[] { $"{managerUser}@example.com", "admin@example.com", $"{seatUser}@example.com" };
        var received = await ReceivedAsync(smtp, m => wanted.All(w => m.Any(x => x.To.Mailboxes.Any(b => b.Address == w))) && m.Count(x => x.To.Mailboxes.Any(b => b.Address == $"{managerUser}@example.com")) >= 4);
        var toManager = received.Where(m => m.To.Mailboxes.Any(b => b.Address == $"{managerUser}@example.com")).Select(m => m.TextBody ?? string.Empty).ToList();
        Assert.Contains(toManager, b => b.Contains("is published", StringComparison.Ordinal));
        Assert.Contains(toManager, b => b.Contains("was upheld", StringComparison.Ordinal));
        Assert.Contains(toManager, b => b.Contains("after the appeal", StringComparison.Ordinal));
        Assert.Contains(received, m => m.To.Mailboxes.Any(b => b.Address == "admin@example.com") && (m.TextBody ?? string.Empty).Contains("appealed their result", StringComparison.Ordinal));
        Assert.Contains(received, m => m.To.Mailboxes.Any(b => b.Address == $"{seatUser}@example.com") && (m.TextBody ?? string.Empty).Contains("re-score", StringComparison.Ordinal));

        await admin.Context.CloseAsync();
        await seat.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }

    /// <summary>The lenient member of the journey: on every criterion they share with other seats in last quarter's cycle, they give 100.</summary>
    private static async Task<(int CycleId, string Name)> MakeLenientAsync(AppServerFixture app, string userName)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cycleId = await db.Cycles.Where(c => c.Status == CycleStatus.Open).Select(c => c.Id).SingleAsync();
        var member = await db.Users.Where(u => u.UserName == userName).Select(u => new { u.Id, u.DisplayName }).SingleAsync();
        var shared = await db.PanelScores.Where(s => s.CycleId == cycleId).GroupBy(s => new { s.AccountManagerId, s.CycleCriterionId }).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync();
        foreach (var item in shared)
        {
            await db.PanelScores.Where(s => s.CycleId == cycleId && s.PanelMemberId == member.Id && s.AccountManagerId == item.AccountManagerId && s.CycleCriterionId == item.CycleCriterionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Value, 100m));
        }

        return (cycleId, member.DisplayName);
    }

    private static async Task<(decimal Before, decimal After)> ResultAsync(AppServerFixture app, int cycleId, string employeeNumber)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var appeal = await db.Appeals.AsNoTracking().Where(a => a.CycleId == cycleId && db.AccountManagers.Any(m => m.Id == a.AccountManagerId && m.EmployeeNumber == employeeNumber)).SingleAsync();
        return (appeal.FinalScoreBefore!.Value, appeal.FinalScoreAfter!.Value);
    }

    private async Task<IPage> PhoneAsync(AppServerFixture app, string locale)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = locale });
        return await context.NewPageAsync();
    }

    /// <summary>What the SMTP server has received once <paramref name="enough"/> holds (up to 20 seconds).</summary>
    private static async Task<List<MimeMessage>> ReceivedAsync(SimpleSmtpServer smtp, Func<List<MimeMessage>, bool> enough)
    {
        var messages = new List<MimeMessage>();
        for (var i = 0; i < 100; i++)
        {
            messages = [.. smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))];
            if (enough(messages))
            {
                break;
            }

            await Task.Delay(200);
        }

        return messages;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
