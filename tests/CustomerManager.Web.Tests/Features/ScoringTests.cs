using System.Globalization;
using System.Net;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Seeding;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Web.Tests.Features;

/// <summary>Panel scoring on the demo's open cycle (Q4: the call centre has not scored anyone yet).</summary>
public class ScoringTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private const string NotANumber = "请输入分数：只能包含数字和一个小数点，例如 85 或 85.5，不要逗号或空格。";

    private Task<int> OpenCycleAsync() => factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Open).Select(c => c.Id).SingleAsync());

    private Task<string> UserIdAsync(string userName) => factory.QueryAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static string Url(int cycle, int manager) => $"/Scoring/Score?cycleId={cycle}&managerId={manager}";

    [Fact]
    public async Task PanelMemberSeesOnlyTheirSeatsCriteriaWithTheEvidence()
    {
        var cycle = await OpenCycleAsync();
        var manager = await factory.ManagerIdAsync("KM001");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("callcentre");

        var page = await client.GetDocumentAsync(Url(cycle, manager));

        // The call centre scores criteria 3, 4 and 5 of the defaults.
        Assert.Equal(3, page.QuerySelectorAll("#score-form fieldset.criterion").Length);
        Assert.Contains("信息共享", page.QuerySelector("#score-form legend")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-figure='Evidence.Visits']"));
        Assert.NotNull(page.QuerySelector("#previous-tier .tier-badge"));
    }

    [Fact]
    public async Task ScoresAreSavedAndSaveNextGoesOn()
    {
        var cycle = await OpenCycleAsync();
        var manager = await factory.ManagerIdAsync("KM003");
        var me = await UserIdAsync("callcentre");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("callcentre");

        using var response = await client.SubmitFormAsync(Url(cycle, manager), "#score-form", new Dictionary<string, string>
        {
            ["Items[0].Value"] = "88.5",
            ["Items[0].Comment"] = "共享及时",
            ["Items[1].Value"] = "90",
            ["Items[2].Value"] = "76",
            ["Then"] = "next",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Scoring/Score", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain($"managerId={manager}&", response.Headers.Location!.OriginalString + "&", StringComparison.Ordinal);
        var saved = await factory.QueryAsync(db => db.PanelScores.Where(s => s.CycleId == cycle && s.AccountManagerId == manager && s.PanelMemberId == me).OrderBy(s => s.CycleCriterionId).ToListAsync());
        Assert.Equal([88.5m, 90m, 76m], saved.Select(s => s.Value));
        Assert.Equal("共享及时", saved[0].Comment);
        Assert.All(saved, s => Assert.Equal(PanelRole.CallCentreRep, s.PanelRole));
    }

    [Fact]
    public async Task SaveAndNextSkipsManagersTheMemberHasAlreadyFinished()
    {
        var cycleId = await OpenCycleAsync();
        var me = await UserIdAsync("callcentre");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("callcentre");
        async Task<IReadOnlyList<CustomerManager.Web.Features.Scoring.ScoringListRow>> RowsAsync()
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CustomerManager.Infrastructure.Persistence.AppDbContext>();
            var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).SingleAsync(c => c.Id == cycleId);
            return await scope.ServiceProvider.GetRequiredService<CustomerManager.Web.Features.Scoring.MemberProgressQuery>()
                .RowsAsync(cycle, me, PanelRole.CallCentreRep, CancellationToken.None);
        }

        async Task<HttpResponseMessage> ScoreAllAsync(int managerId, string then)
        {
            var form = await client.GetDocumentAsync(Url(cycleId, managerId));
            var values = new Dictionary<string, string> { ["Then"] = then };
            for (var i = 0; i < form.QuerySelectorAll("#score-form fieldset.criterion").Length; i++)
            {
                values[$"Items[{i}].Value"] = "80";
            }

            return await client.SubmitFormAsync(Url(cycleId, managerId), "#score-form", values);
        }

        // The second manager in the member's order is finished first; saving the first one with "save and next" then
        // goes past the second to the next one with work left.
        var rows = await RowsAsync();
        using (var second = await ScoreAllAsync(rows[1].ManagerId, "save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        }

        var now = await RowsAsync();
        Assert.Equal(CustomerManager.Web.Features.Cycles.CellState.Done, now.Single(r => r.ManagerId == rows[1].ManagerId).State);
        using var response = await ScoreAllAsync(rows[0].ManagerId, "next");

        // It lands on a manager with work left, and every manager between the two in the list is finished.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(new Uri("http://localhost"), response.Headers.Location!);
        Assert.Equal("/Scoring/Score", location.AbsolutePath);
        var landed = int.Parse(System.Web.HttpUtility.ParseQueryString(location.Query)["managerId"]!, CultureInfo.InvariantCulture);
        var order = now.Select(r => r.ManagerId).ToList();
        var at = order.IndexOf(landed);
        Assert.True(at > 1, "save and next stopped at the finished manager or went backwards");
        Assert.NotEqual(CustomerManager.Web.Features.Cycles.CellState.Done, now[at].State);
        Assert.All(now.Skip(1).Take(at - 1), r => Assert.Equal(CustomerManager.Web.Features.Cycles.CellState.Done, r.State));
    }

    [Theory]
    [InlineData("100.05", "分数须在 0 到 100 之间。")]
    [InlineData("100.1", "分数须在 0 到 100 之间。")]
    [InlineData("85.25", "分数最多保留 1 位小数，例如 85.5。")]
    [InlineData("-1", "分数须在 0 到 100 之间。")]
    [InlineData("abc", NotANumber)]
    [InlineData("8,5", NotANumber)]
    [InlineData("1,00", NotANumber)]
    [InlineData("85,5", NotANumber)]
    [InlineData("1e2", NotANumber)]
    [InlineData("8 5", NotANumber)]
    [InlineData("¥85", NotANumber)]
    [InlineData("85。5", NotANumber)]
    [InlineData("", "请至少输入一项分数。")]
    public async Task BadScoresGetAClearMessageAndNothingIsSaved(string value, string message)
    {
        var cycle = await OpenCycleAsync();
        var manager = await factory.ManagerIdAsync("KM005");
        var me = await UserIdAsync("callcentre");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("callcentre");

        // With nothing at all entered the message is on the first field; otherwise on the bad one.
        var field = value.Length == 0 ? 0 : 1;
        using var response = await client.SubmitFormAsync(Url(cycle, manager), "#score-form", new Dictionary<string, string>
        {
            ["Items[0].Value"] = value.Length == 0 ? "" : "80",
            ["Items[1].Value"] = value,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal(message, page.QuerySelector($"[data-valmsg-for='Items[{field}].Value']")!.TextContent.Trim());
        Assert.Equal(value, page.QuerySelector("#score-1")!.GetAttribute("value") ?? "");
        Assert.False(await factory.QueryAsync(db => db.PanelScores.AnyAsync(s => s.CycleId == cycle && s.AccountManagerId == manager && s.PanelMemberId == me)));
    }

    [Theory]
    [InlineData("en", "8,5", "Type the score with digits and at most one decimal point, for example 85 or 85.5 — no commas or spaces.")]
    [InlineData("en", "1,00", "Type the score with digits and at most one decimal point, for example 85 or 85.5 — no commas or spaces.")]
    [InlineData("en", "85.25", "A score has at most 1 decimal, for example 85.5.")]
    public async Task ScoresAreReadTheSameWayInEnglish(string culture, string value, string message)
    {
        var cycle = await OpenCycleAsync();
        var manager = await factory.ManagerIdAsync("KM006");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("callcentre");
        using var _ = await client.SubmitFormAsync("/Panel", "#language-switch", new Dictionary<string, string> { ["culture"] = culture });

        using var response = await client.SubmitFormAsync(Url(cycle, manager), "#score-form", new Dictionary<string, string> { ["Items[0].Value"] = value });

        var page = await response.ToDocumentAsync();
        Assert.Equal(message, page.QuerySelector("[data-valmsg-for='Items[0].Value']")!.TextContent.Trim());
        Assert.Equal(value, page.QuerySelector("#score-0")!.GetAttribute("value"));
        Assert.False(await factory.QueryAsync(db => db.PanelScores.AnyAsync(s => s.CycleId == cycle && s.AccountManagerId == manager && s.PanelRole == PanelRole.CallCentreRep)));
    }

    [Fact]
    public async Task TheListAndTheHomeShowASaveAtOnce()
    {
        // The member's progress is kept between page views (MemberProgressQuery): a save must show on the next one.
        var cycle = await OpenCycleAsync();
        var manager = await factory.ManagerIdAsync("KM006");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("callcentre");
        string Badge(AngleSharp.Dom.IDocument list) =>
            list.QuerySelector($"#managers-to-score a[href*='managerId={manager}'] .badge")!.ClassName!;
        int Done(AngleSharp.Dom.IDocument home) =>
            int.Parse(home.QuerySelectorAll(".open-cycle .stat-value")[0].TextContent, CultureInfo.InvariantCulture);
        var listBefore = await client.GetDocumentAsync($"/Scoring?cycleId={cycle}&pageSize=100");
        var doneBefore = Done(await client.GetDocumentAsync("/Panel"));
        Assert.Contains("text-bg-danger", Badge(listBefore), StringComparison.Ordinal);

        using var response = await client.SubmitFormAsync(Url(cycle, manager), "#score-form", new Dictionary<string, string>
        {
            ["Items[0].Value"] = "80",
            ["Items[1].Value"] = "81",
            ["Items[2].Value"] = "82",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("text-bg-success", Badge(await client.GetDocumentAsync($"/Scoring?cycleId={cycle}&pageSize=100")), StringComparison.Ordinal);
        Assert.Equal(doneBefore + 1, Done(await client.GetDocumentAsync("/Panel")));
        var todo = await client.GetDocumentAsync($"/Scoring?cycleId={cycle}&todo=true&pageSize=100");
        Assert.Null(todo.QuerySelector($"#managers-to-score a[href*='managerId={manager}']"));
    }

    [Fact]
    public async Task AManagerWhoLeavesIsNoLongerOnTheList()
    {
        var cycle = await OpenCycleAsync();
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");
        var id = 0;
        await factory.WithDbAsync(async db =>
        {
            var leaver = new Domain.AccountManagers.AccountManager("SC901", "离职经理", null, await db.DistrictAsync("城东片区"));
            db.AccountManagers.Add(leaver);
            await db.SaveChangesAsync();
            id = leaver.Id;
        });
        Assert.NotNull((await client.GetDocumentAsync($"/Scoring?cycleId={cycle}&pageSize=100")).QuerySelector($"#managers-to-score a[href*='managerId={id}']"));

        await factory.WithDbAsync(async db =>
        {
            (await db.AccountManagers.SingleAsync(m => m.Id == id)).Deactivate(currentCustomers: 0);
            await db.SaveChangesAsync();
        });

        Assert.Null((await client.GetDocumentAsync($"/Scoring?cycleId={cycle}&pageSize=100")).QuerySelector($"#managers-to-score a[href*='managerId={id}']"));
    }

    [Fact]
    public async Task TheKeyboardStartsOnTheFirstScoreAndAnErrorMarksItsField()
    {
        var cycle = await OpenCycleAsync();
        var manager = await factory.ManagerIdAsync("KM008");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("callcentre2");

        var page = await client.GetDocumentAsync(Url(cycle, manager));
        var refused = await (await client.SubmitFormAsync(Url(cycle, manager), "#score-form", new Dictionary<string, string>
        {
            ["Items[0].Value"] = "80",
            ["Items[1].Value"] = "8,5",
        })).ToDocumentAsync();

        Assert.True(page.QuerySelector("#score-0")!.HasAttribute("autofocus"));
        Assert.DoesNotContain(page.QuerySelectorAll("[tabindex]"), e => int.Parse(e.GetAttribute("tabindex")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("save-next", page.QuerySelector("#score-form button[type=submit]")!.Id); // Enter in a field saves and moves on
        var bad = refused.QuerySelector("#score-1")!;
        Assert.Equal(("true", "score-error-1"), (bad.GetAttribute("aria-invalid"), bad.GetAttribute("aria-describedby")));
        Assert.Contains("is-invalid", bad.ClassList);
        Assert.True(bad.HasAttribute("autofocus"));
        Assert.False(refused.QuerySelector("#score-0")!.HasAttribute("autofocus"));
        Assert.Null(refused.QuerySelector("#score-0")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task FullWidthDigitsFromAChineseInputMethodAreTheSameNumber()
    {
        var cycle = await OpenCycleAsync();
        var manager = await factory.ManagerIdAsync("KM007");
        var me = await UserIdAsync("callcentre2");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("callcentre2");

        using var response = await client.SubmitFormAsync(Url(cycle, manager), "#score-form", new Dictionary<string, string>
        {
            ["Items[0].Value"] = "８５．５",
            ["Items[1].Value"] = " 90 ",
            ["Items[2].Value"] = "７６",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.QueryAsync(db => db.PanelScores.Where(s => s.CycleId == cycle && s.AccountManagerId == manager && s.PanelMemberId == me).OrderBy(s => s.CycleCriterionId).Select(s => s.Value).ToListAsync());
        Assert.Equal([85.5m, 90m, 76m], saved);
    }

    [Fact]
    public async Task ACriterionOutsideTheSeatIsRefused()
    {
        var cycle = await OpenCycleAsync();
        var manager = await factory.ManagerIdAsync("KM006");
        var monopolyOnly = await factory.QueryAsync(db => db.CycleCriteria.Where(c => c.CycleId == cycle).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("callcentre");
        var token = (await client.GetDocumentAsync(Url(cycle, manager))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var response = await client.PostAsync(Url(cycle, manager), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Items[0].CycleCriterionId"] = monopolyOnly.ToString(CultureInfo.InvariantCulture),
            ["Items[0].Value"] = "99",
        }));

        Assert.Equal("您的评定身份不评此项。", (await response.ToDocumentAsync()).QuerySelector("[data-valmsg-for='Items[0].Value']")!.TextContent.Trim());
        Assert.False(await factory.QueryAsync(db => db.PanelScores.AnyAsync(s => s.CycleCriterionId == monopolyOnly && s.PanelRole == PanelRole.CallCentreRep)));
    }

    [Fact]
    public async Task TwoTabsSavingTheSameScoreDoNotLoseAnUpdate()
    {
        var cycle = await OpenCycleAsync();
        var manager = await factory.ManagerIdAsync("KM007");
        using var first = await factory.CreateBrowserlessClient().SignedInAsync("callcentre2");
        using var second = await factory.CreateBrowserlessClient().SignedInAsync("callcentre2");
        using var _ = await first.SubmitFormAsync(Url(cycle, manager), "#score-form", new Dictionary<string, string> { ["Items[0].Value"] = "70" });

        // Both tabs open the page showing 70 (version 1) …
        var pageA = await first.GetDocumentAsync(Url(cycle, manager));
        var pageB = await second.GetDocumentAsync(Url(cycle, manager));
        Dictionary<string, string> Form(AngleSharp.Dom.IDocument page, string value) => new()
        {
            ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Items[0].CycleCriterionId"] = page.QuerySelector("input[name='Items[0].CycleCriterionId']")!.GetAttribute("value")!,
            ["Items[0].Version"] = page.QuerySelector("input[name='Items[0].Version']")!.GetAttribute("value")!,
            ["Items[0].Value"] = value,
        };

        // … the first saves 75, then the second tries to save 90 over a value it never saw.
        using var saved = await first.PostAsync(Url(cycle, manager), new FormUrlEncodedContent(Form(pageA, "75")));
        using var stale = await second.PostAsync(Url(cycle, manager), new FormUrlEncodedContent(Form(pageB, "90")));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("已被修改为 75", (await stale.ToDocumentAsync()).QuerySelector("[data-valmsg-for='Items[0].Value']")!.TextContent, StringComparison.Ordinal);
        var criterion = int.Parse(pageA.QuerySelector("input[name='Items[0].CycleCriterionId']")!.GetAttribute("value")!, CultureInfo.InvariantCulture);
        Assert.Equal(75m, await factory.QueryAsync(db => db.PanelScores.Where(s => s.CycleCriterionId == criterion && s.AccountManagerId == manager && s.PanelRole == PanelRole.CallCentreRep).Select(s => s.Value).SingleAsync()));
    }

    [Fact]
    public async Task NothingCanBeScoredInAClosedCycle()
    {
        var published = await factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Published).Select(c => c.Id).SingleAsync());
        var manager = await factory.ManagerIdAsync("KM002");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("callcentre");
        var page = await client.GetDocumentAsync(Url(published, manager));
        var criterion = page.QuerySelector("input[name='Items[0].CycleCriterionId']")!.GetAttribute("value")!;

        using var response = await client.PostAsync(Url(published, manager), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Items[0].CycleCriterionId"] = criterion,
            ["Items[0].Version"] = page.QuerySelector("input[name='Items[0].Version']")!.GetAttribute("value")!,
            ["Items[0].Value"] = "1",
        }));

        Assert.Null(page.QuerySelector("#save-next"));
        Assert.Contains("评定周期未在进行中", (await response.ToDocumentAsync()).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(1m, await factory.QueryAsync(db => db.PanelScores.Where(s => s.CycleId == published && s.AccountManagerId == manager).Select(s => s.Value).ToListAsync()));
    }

    [Fact]
    public async Task AMemberWhoJoinedAfterOpeningIsNotOnThisCyclesPanel()
    {
        var cycle = await OpenCycleAsync();
        var manager = await factory.ManagerIdAsync("KM008");
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var late = new AppUser { UserName = "late.sales", DisplayName = "新销售", PanelRole = PanelRole.SalesLeader };
            Assert.True((await users.CreateAsync(late, DemoAccounts.Password)).Succeeded);
            await users.AddToRoleAsync(late, AppRoles.PanelMember);
        }

        // The newcomer sits on no panel frozen into this cycle: no manager of it is theirs to see or score.
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("late.sales");
        using var page = await client.GetAsync(Url(cycle, manager));
        var list = await client.GetDocumentAsync($"/Scoring?cycleId={cycle}");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var board = await admin.GetDocumentAsync($"/Cycles/Details/{cycle}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Empty(list.QuerySelectorAll("#managers-to-score a[href*='managerId=']"));
        var tables = board.QuerySelectorAll("#progress-board table.progress-board");
        Assert.Equal(2, tables.Length); // one per department, each with its own panel of four
        Assert.All(tables, t => Assert.Equal(4, t.QuerySelectorAll("thead th").Length - 1));
        Assert.DoesNotContain("新销售", board.QuerySelector("#progress-board")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("am01")]
    public async Task OnlyPanelMembersScore(string userName)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);

        using var response = await client.GetAsync("/Scoring");

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
