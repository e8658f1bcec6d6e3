using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Notifications;
using CustomerManager.Domain.Visits;
using CustomerManager.Web.Features.Notifications;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;

namespace CustomerManager.Web.Tests.Features;

/// <summary>The app with e-mail on, sending to an in-process SMTP server (netDumbster) on a free loopback port.</summary>
public sealed class MailingFactory : CustomerManagerFactory
{
    public SimpleSmtpServer Smtp { get; } = SimpleSmtpServer.Start(FreePort());

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:Enabled"] = "true",
        ["Email:Host"] = "127.0.0.1",
        ["Email:Port"] = Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Security"] = "None",
        ["Email:BaseUrl"] = "https://cm.example.com",

        // The tests run the worker's pass and the reminders themselves, never racing a background pass.
        ["Email:RunWorker"] = "false",
        ["Notifications:Reminders"] = "false",
    };

    /// <summary>The messages the server received, parsed.</summary>
    public IReadOnlyList<MimeMessage> Received =>
        [.. Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))];

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void Dispose(bool disposing)
    {
        Smtp.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// Notifications: in the app (the navbar's count, the page, reading them) and by e-mail through SMTP, sent by the
/// background worker with retries; the scoring reminder written once even when two app nodes run it.
/// </summary>
public class NotificationsTests(MailingFactory factory) : IClassFixture<MailingFactory>
{
    private Task<List<Notification>> NotificationsOfAsync(string userName) =>
        factory.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => db.Users.Any(u => u.Id == n.UserId && u.UserName == userName)).OrderBy(n => n.Id).ToListAsync());

    /// <summary>Plans and opens a cycle for the fourth quarter (its period has started on the test clock), once per class.</summary>
    private async Task<int> OpenQ4Async()
    {
        var existing = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q4").Select(c => (int?)c.Id).SingleOrDefaultAsync());
        if (existing is { } id)
        {
            return id;
        }

        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var created = await admin.SubmitFormAsync("/Cycles", "#cycle-form", new Dictionary<string, string>
        {
            ["Name"] = "2026 Q4",
            ["PeriodStart"] = "2026-10-01",
            ["PeriodEnd"] = "2026-12-31",
        });
        var cycleId = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q4").Select(c => c.Id).SingleAsync());
        using var opened = await admin.SubmitFormAsync($"/Cycles/Details/{cycleId}", $"form[action='/Cycles/Open/{cycleId}']", new Dictionary<string, string> { ["confirmIncomplete"] = "true" });
        Assert.Equal(CycleStatus.Open, await factory.QueryAsync(db => db.Cycles.Where(c => c.Id == cycleId).Select(c => c.Status).SingleAsync()));
        return cycleId;
    }

    [Fact]
    public async Task OpeningACycleTellsEachPanelMemberHowManyManagersTheyScoreAndTheNavbarCountsIt()
    {
        var cycleId = await OpenQ4Async();
        using var monopoly = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");

        var opened = Assert.Single(await NotificationsOfAsync("monopoly"), n => n.Kind == NotificationKind.CycleOpened);
        var home = await monopoly.GetDocumentAsync("/Panel");
        var list = await monopoly.GetDocumentAsync("/Notifications");

        Assert.Equal(6, opened.Count); // 城区营销部's six managers
        Assert.Equal(2, Assert.Single(await NotificationsOfAsync("monopoly2"), n => n.Kind == NotificationKind.CycleOpened).Count);
        Assert.DoesNotContain(await NotificationsOfAsync("am01"), n => n.Kind == NotificationKind.CycleOpened);
        Assert.Equal("1", home.QuerySelector("#unread-count")!.TextContent.Trim());
        Assert.Contains("2026 Q4已开启：您需为 6 名客户经理评分。", list.QuerySelector("#notifications")!.TextContent, StringComparison.Ordinal);

        // Opening it marks it read and leads to the scoring list; the count is gone.
        using var open = await monopoly.SubmitFormAsync("/Notifications", $"form[action='/Notifications/Open/{opened.Id}']", new Dictionary<string, string>());
        var after = await monopoly.GetDocumentAsync("/Panel");

        Assert.Equal($"/Scoring?cycleId={cycleId}", open.Headers.Location!.OriginalString);
        Assert.Null(after.QuerySelector("#unread-count"));
        Assert.NotNull((await NotificationsOfAsync("monopoly")).Single(n => n.Id == opened.Id).ReadUtc);
    }

    [Fact]
    public async Task AUserSeesOnlyTheirOwnNotificationsAndCanReadThemAll()
    {
        await OpenQ4Async();
        var sales = (await NotificationsOfAsync("sales")).First();
        using var logistics = await factory.CreateBrowserlessClient().SignedInAsync("logistics");

        var page = await logistics.GetDocumentAsync("/Notifications");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var someoneElses = await logistics.PostAsync($"/Notifications/Open/{sales.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var readAll = await logistics.SubmitFormAsync("/Notifications", "form[action='/Notifications/ReadAll']", new Dictionary<string, string>());

        Assert.Equal(System.Net.HttpStatusCode.NotFound, someoneElses.StatusCode);
        Assert.Null((await NotificationsOfAsync("sales")).Single(n => n.Id == sales.Id).ReadUtc);
        Assert.All(await NotificationsOfAsync("logistics"), n => Assert.NotNull(n.ReadUtc));
    }

    [Fact]
    public async Task NotificationsAreEmailedInBothLanguagesExceptToWhoTurnedEmailOff()
    {
        // callcentre turns e-mail off before the cycle opens; the others keep it.
        using var callcentre = await factory.CreateBrowserlessClient().SignedInAsync("callcentre");
        using var off = await callcentre.SubmitFormAsync("/Notifications", "form[action='/Notifications/Email']", new Dictionary<string, string>());
        Assert.False(await factory.QueryAsync(db => db.Users.Where(u => u.UserName == "callcentre").Select(u => u.EmailNotifications).SingleAsync()));
        await OpenQ4Async();

        await factory.Services.GetRequiredService<EmailWorker>().SendDueAsync(CancellationToken.None);

        var received = factory.Received;
        var toSales = Assert.Single(received, m => m.To.Mailboxes.Any(b => b.Address == "sales@example.com"));
        Assert.Contains("2026 Q4已开启", toSales.Subject, StringComparison.Ordinal);
        Assert.Contains("2026 Q4 is open: you score 6 account managers.", toSales.TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("https://cm.example.com/Scoring?cycleId=", toSales.TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(received, m => m.To.Mailboxes.Any(b => b.Address == "callcentre@example.com"));
        Assert.Equal(EmailState.Sent, (await NotificationsOfAsync("sales")).Single(n => n.Kind == NotificationKind.CycleOpened).Email);
        Assert.Equal(EmailState.None, (await NotificationsOfAsync("callcentre")).Single(n => n.Kind == NotificationKind.CycleOpened).Email);

        // A second pass sends nothing again.
        var count = factory.Smtp.ReceivedEmailCount;
        Assert.Equal(0, await factory.Services.GetRequiredService<EmailWorker>().SendDueAsync(CancellationToken.None));
        Assert.Equal(count, factory.Smtp.ReceivedEmailCount);
    }

    [Fact]
    public async Task AFailedEmailIsTriedAgainLaterAndThenArrives()
    {
        // A notification whose e-mail is due, while the mail server refuses connections (a port nobody listens on).
        var userId = await factory.QueryAsync(db => db.Users.Where(u => u.UserName == "am03").Select(u => u.Id).SingleAsync());
        await factory.WithDbAsync(async db =>
        {
            db.Notifications.Add(new Notification(userId, NotificationKind.ResultPublished, "retry-test", "2026 Q1", "FourStar", null, "/Results/Mine", factory.Clock.GetUtcNow().UtcDateTime, email: true));
            await db.SaveChangesAsync();
        });
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value;
        var port = options.Port;
        options.Port = MailingFactory.FreePort();
        try
        {
            await factory.Services.GetRequiredService<EmailWorker>().SendDueAsync(CancellationToken.None);
        }
        finally
        {
            options.Port = port;
        }

        var failed = (await NotificationsOfAsync("am03")).Single(n => n.Key == "retry-test");
        Assert.Equal((EmailState.Pending, 1), (failed.Email, failed.EmailAttempts));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), failed.EmailDueUtc);

        // Not before its time; a minute later it goes.
        await factory.Services.GetRequiredService<EmailWorker>().SendDueAsync(CancellationToken.None);
        Assert.DoesNotContain(factory.Received, m => m.To.Mailboxes.Any(b => b.Address == "am03@example.com"));
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await factory.Services.GetRequiredService<EmailWorker>().SendDueAsync(CancellationToken.None);

        var sent = (await NotificationsOfAsync("am03")).Single(n => n.Key == "retry-test");
        Assert.Equal((EmailState.Sent, 2), (sent.Email, sent.EmailAttempts));
        Assert.Contains("Your result of 2026 Q1 is published: Four-star", Assert.Single(factory.Received, m => m.To.Mailboxes.Any(b => b.Address == "am03@example.com")).TextBody ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcknowledgingAnItemTellsTheManagerWhoPassedItOn()
    {
        var report = await factory.QueryAsync(db => db.VisitReports.AsNoTracking().Where(r => r.Status == ReportStatus.New && r.Kind == ReportKind.Logistics)
            .Join(db.Visits, r => r.VisitId, v => v.Id, (r, v) => new { r.Id, r.Version, v.AccountManagerId, VisitId = v.Id }).FirstAsync());
        var userName = await factory.QueryAsync(db => db.Users.Where(u => u.AccountManagerId == report.AccountManagerId).Select(u => u.UserName!).SingleAsync());
        var department = await factory.QueryAsync(db => db.AccountManagers.Where(m => m.Id == report.AccountManagerId).Select(m => m.District.Parent!.Code).SingleAsync());
        using var logistics = await factory.CreateBrowserlessClient().SignedInAsync(department == "URB" ? "logistics" : "logistics2");

        var inbox = await logistics.GetDocumentAsync("/Inbox");
        var token = inbox.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var acknowledged = await logistics.PostAsync($"/Inbox/Acknowledge/{report.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Version"] = report.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Reply"] = "已安排配送",
        }));

        var told = Assert.Single(await NotificationsOfAsync(userName), n => n.Kind == NotificationKind.ItemAcknowledged);
        Assert.Equal($"/Visits/Details/{report.VisitId}", told.Link);
        Assert.Equal(nameof(ReportKind.Logistics), told.Detail);
    }
}

/// <summary>The scoring reminder three days before the period ends: once per cycle, whichever of two app nodes runs it.</summary>
public class ScoringReminderTests : IClassFixture<ScoringReminderTests.ReminderFactory>
{
    private readonly ReminderFactory _factory;

    public ScoringReminderTests(ReminderFactory factory) => _factory = factory;

    /// <summary>A node whose background reminders are off: the test runs each node's pass itself.</summary>
    public class ReminderFactory : CustomerManagerFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Notifications:Reminders"] = "false" };
    }

    /// <summary>A second such node on the first one's database.</summary>
    public sealed class SecondReminderNode(CustomerManagerFactory first) : ReminderFactory
    {
        public override string ConnectionString => first.ConnectionString;
    }

    [Fact]
    public async Task TheReminderGoesOnceToEachMemberWithWorkLeftEvenWhenTwoNodesRunIt()
    {
        var factory = _factory;
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var created = await admin.SubmitFormAsync("/Cycles", "#cycle-form", new Dictionary<string, string>
        {
            ["Name"] = "2026 Q4",
            ["PeriodStart"] = "2026-10-01",
            ["PeriodEnd"] = "2026-12-31",
        });
        var cycleId = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q4").Select(c => c.Id).SingleAsync());
        using var opened = await admin.SubmitFormAsync($"/Cycles/Details/{cycleId}", $"form[action='/Cycles/Open/{cycleId}']", new Dictionary<string, string> { ["confirmIncomplete"] = "true" });

        // sales finishes all six of 城区营销部's managers: no reminder for them.
        await factory.WithDbAsync(async db =>
        {
            var cycle = await db.Cycles.Include(c => c.Criteria).SingleAsync(c => c.Id == cycleId);
            var sales = await db.Users.Where(u => u.UserName == "sales").Select(u => u.Id).SingleAsync();
            var managers = await db.AccountManagers.Where(m => m.IsActive && m.District.Parent!.Code == "URB").Select(m => new { m.Id, m.District.ParentId }).ToListAsync();
            foreach (var manager in managers)
            {
                foreach (var criterion in cycle.Criteria.Where(c => c.IsScoredBy(PanelRole.SalesLeader)))
                {
                    db.PanelScores.Add(cycle.RecordScore(criterion.Id, sales, PanelRole.SalesLeader, manager.Id, 80m, null, manager.ParentId));
                }
            }

            await db.SaveChangesAsync();
        });

        await using var second = new SecondReminderNode(factory);
        var nodes = new[] { factory, (CustomerManagerFactory)second };

        // A week before: nothing yet.
        foreach (var node in nodes)
        {
            node.Clock.Advance(new DateTimeOffset(2026, 12, 20, 9, 0, 0, TimeSpan.FromHours(8)) - node.Clock.GetUtcNow());
        }

        Assert.Equal(0, await factory.Services.GetRequiredService<ScoringReminders>().RunOnceAsync(CancellationToken.None));

        // Three days before the end, both nodes run the job at the same moment, then again later that day and the next.
        foreach (var node in nodes)
        {
            node.Clock.Advance(TimeSpan.FromDays(8));
        }

        var written = await Task.WhenAll(nodes.Select(n => n.Services.GetRequiredService<ScoringReminders>().RunOnceAsync(CancellationToken.None)));
        foreach (var node in nodes)
        {
            node.Clock.Advance(TimeSpan.FromHours(26));
        }

        var later = await Task.WhenAll(nodes.Select(n => n.Services.GetRequiredService<ScoringReminders>().RunOnceAsync(CancellationToken.None)));

        var reminders = await factory.QueryAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.ScoringDue)
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { u.UserName, n.Count }).ToListAsync());
        Assert.Equal(reminders.Count, written.Sum());
        Assert.Equal([0, 0], later);
        Assert.Equal(1, await factory.QueryAsync(db => db.ReminderRuns.CountAsync(r => r.CycleId == cycleId)));
        Assert.Equal(reminders.Count, reminders.Select(r => r.UserName).Distinct().Count());
        Assert.DoesNotContain(reminders, r => r.UserName == "sales");
        Assert.Contains(reminders, r => r.UserName == "monopoly" && r.Count == 6);
        Assert.Contains(reminders, r => r.UserName == "sales2" && r.Count == 2);

        // The page says the day in the reader's words.
        using var monopoly = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");
        var shown = (await monopoly.GetDocumentAsync("/Notifications")).QuerySelector("#notifications li[data-kind='ScoringDue'] .notification-text")!.TextContent;
        Assert.Equal("2026 Q4将于 2026年12月31日星期四 结束：还有 6 名客户经理待评分。", shown.Trim());
    }
}
