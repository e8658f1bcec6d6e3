using System.Globalization;
using System.Net;
using System.Text.Json;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Seeding;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// A panel per marketing department (issue 12): administrators fill each department's four seats on its page;
/// opening a cycle freezes every department's panel and lists the incomplete ones first; each panel sees, scores and
/// answers only its department's managers; the form names the department and its panel; the ranking sets the
/// departments side by side. The demo: 城区营销部 (KM001–KM006, panel monopoly/sales/logistics/callcentre) and
/// 郊县营销部 (KM007–KM008, panel monopoly2/sales2/logistics2/callcentre2).
/// </summary>
public class DepartmentPanelsTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<string> UserIdAsync(string userName) => factory.QueryAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private Task<int> UnitIdAsync(string code) => factory.QueryAsync(db => db.OrgUnits.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    private Task<int> CycleIdAsync(string name) => factory.QueryAsync(db => db.Cycles.Where(c => c.Name == name).Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task AnAdministratorFillsADepartmentsSeatsWithMembersHoldingThem()
    {
        var department = await factory.QueryAsync(async db =>
        {
            var unit = new OrgUnit("T-PNL", "测试营销部", "Test department", UnitKind.Department, await db.OrgUnits.SingleAsync(u => u.Code == "HQ"));
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            return unit.Id;
        });
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var newcomer = new AppUser { UserName = "pnl.sales", DisplayName = "韩新", PanelRole = PanelRole.SalesLeader };
            Assert.True((await users.CreateAsync(newcomer, DemoAccounts.Password)).Succeeded);
            await users.AddToRoleAsync(newcomer, AppRoles.PanelMember);
        }

        var (newcomerId, monopoly) = (await UserIdAsync("pnl.sales"), await UserIdAsync("monopoly"));
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var url = $"/Units/Edit/{Text(department)}";

        var page = await admin.GetDocumentAsync(url);
        var salesChoices = page.QuerySelectorAll("#seat-SalesLeader option").Select(o => o.TextContent).ToList();
        Assert.Equal(4, page.QuerySelectorAll("#panel-form select").Length);
        Assert.NotNull(page.QuerySelector("#panel-incomplete"));
        Assert.Contains(salesChoices, c => c.Contains("韩新", StringComparison.Ordinal));
        Assert.Contains(salesChoices, c => c.Contains("(sales2)", StringComparison.Ordinal));
        Assert.DoesNotContain(page.QuerySelectorAll("#seat-MonopolyLeader option"), o => o.TextContent.Contains("韩新", StringComparison.Ordinal));

        // The urban department's monopoly leader sits on this panel too; the newcomer takes its sales seat.
        using var saved = await admin.SubmitFormAsync(url, "#panel-form", new Dictionary<string, string> { ["Seats[SalesLeader]"] = newcomerId, ["Seats[MonopolyLeader]"] = monopoly });
        var after = await admin.GetDocumentAsync(url);
        Assert.Equal($"{url}#panel", saved.Headers.Location!.OriginalString);
        Assert.Equal(newcomerId, after.QuerySelector("#seat-SalesLeader option[selected]")!.GetAttribute("value"));
        Assert.Equal(
            [(PanelRole.MonopolyLeader, monopoly), (PanelRole.SalesLeader, newcomerId)],
            await factory.QueryAsync(db => db.DepartmentSeats.Where(s => s.UnitId == department).OrderBy(s => s.Role).Select(s => new ValueTuple<PanelRole, string>(s.Role, s.UserId)).ToListAsync()));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == nameof(DepartmentSeat) && e.Action == "Created" && e.NewValues!.Contains(newcomerId))));

        // The organisation list tells how full each department's panel is.
        var units = await admin.GetDocumentAsync("/Units");
        Assert.Equal("评定小组 2/4", units.QuerySelector("#units tr[data-unit='T-PNL'] .panel-seats")!.TextContent.Trim());
        Assert.Equal("评定小组 4/4", units.QuerySelector("#units tr[data-unit='URB'] .panel-seats")!.TextContent.Trim());
        Assert.Null(units.QuerySelector("#units tr[data-unit='URB-E'] .panel-seats"));

        // A sales leader in the monopoly seat is refused with the seat's name; nothing changes.
        using var wrongSeat = await admin.SubmitFormAsync(url, "#panel-form", new Dictionary<string, string> { ["Seats[MonopolyLeader]"] = newcomerId });
        var refused = await admin.GetDocumentAsync(wrongSeat.Headers.Location!.OriginalString);
        Assert.Equal("“专卖分管领导”席位只能由担任该席位的在用评定小组成员担任。", refused.QuerySelector("#flash-warning")!.TextContent.Trim());
        Assert.Equal(monopoly, await factory.QueryAsync(db => db.DepartmentSeats.Where(s => s.UnitId == department && s.Role == PanelRole.MonopolyLeader).Select(s => s.UserId).SingleAsync()));

        // Emptying a seat leaves it vacant.
        using var vacated = await admin.SubmitFormAsync(url, "#panel-form", new Dictionary<string, string> { ["Seats[MonopolyLeader]"] = string.Empty });
        Assert.False(await factory.QueryAsync(db => db.DepartmentSeats.AnyAsync(s => s.UnitId == department && s.Role == PanelRole.MonopolyLeader)));

        // Districts and the company have no panel; a post without the anti-forgery token is refused.
        var district = await UnitIdAsync("URB-E");
        Assert.Null((await admin.GetDocumentAsync($"/Units/Edit/{Text(district)}")).QuerySelector("#panel-form"));
        using var onDistrict = await admin.SubmitFormAsync(url, "#panel-form", new Dictionary<string, string> { ["Seats[SalesLeader]"] = newcomerId }, $"/Units/Panel/{Text(district)}");
        Assert.Equal("只有在用的营销部设有评定小组。", (await admin.GetDocumentAsync(onDistrict.Headers.Location!.OriginalString)).QuerySelector("#flash-warning")!.TextContent.Trim());
        Assert.False(await factory.QueryAsync(db => db.DepartmentSeats.AnyAsync(s => s.UnitId == district)));
        using var forged = await admin.PostAsync($"/Units/Panel/{Text(department)}", new FormUrlEncodedContent(new Dictionary<string, string> { ["Seats[SalesLeader]"] = string.Empty }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task OpeningListsTheDepartmentsWithoutAFullPanelAndNeedsAConfirmation()
    {
        var county = await UnitIdAsync("CTY");
        var urban = await UnitIdAsync("URB");
        await factory.WithDbAsync(db => db.DepartmentSeats.Where(s => s.UnitId == county && s.Role == PanelRole.CallCentreRep).ExecuteDeleteAsync());
        try
        {
            await OpenWithTheCountysCallCentreSeatVacantAsync(urban, county);
        }
        finally
        {
            await factory.WithDbAsync(async db =>
            {
                var member = await db.Users.SingleAsync(u => u.UserName == "callcentre2");
                db.DepartmentSeats.Add(new DepartmentSeat(await db.OrgUnits.SingleAsync(u => u.Id == county), PanelRole.CallCentreRep, member.Id, member.PanelRole));
                await db.SaveChangesAsync();
            });
        }
    }

    private async Task OpenWithTheCountysCallCentreSeatVacantAsync(int urban, int county)
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var _ = await admin.SubmitFormAsync("/Cycles", "#cycle-form", new Dictionary<string, string> { ["Name"] = "2026 Q4", ["PeriodStart"] = "2026-10-01", ["PeriodEnd"] = "2026-12-31" });
        var id = await CycleIdAsync("2026 Q4");
        var url = $"/Cycles/Details/{Text(id)}";

        var draft = await admin.GetDocumentAsync(url);
        var listed = draft.QuerySelector("#panel-vacancies")!.TextContent;
        Assert.Contains("郊县营销部：呼叫代表", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("城区营销部", listed, StringComparison.Ordinal);

        using var unconfirmed = await admin.SubmitFormAsync(url, "#open-form", new Dictionary<string, string>());
        var refused = await admin.GetDocumentAsync(unconfirmed.Headers.Location!.OriginalString);
        Assert.Contains("1 个营销部的评定小组不齐", refused.QuerySelector("#flash-warning")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CycleStatus.Draft, await factory.QueryAsync(db => db.Cycles.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));

        using var confirmed = await admin.SubmitFormAsync(url, "#open-form", new Dictionary<string, string> { ["confirmIncomplete"] = "true" });
        var opened = await factory.QueryAsync(db => db.Cycles.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(CycleStatus.Open, opened.Status);
        Assert.Equal(4, opened.PanelOf(urban).Count);
        Assert.Equal([PanelRole.MonopolyLeader, PanelRole.SalesLeader, PanelRole.LogisticsRep], opened.PanelOf(county).Select(p => p.Role));
        Assert.All(opened.Panel, p => Assert.NotNull(p.DepartmentId));

        // The board groups by department and says which seat nobody held.
        var board = await admin.GetDocumentAsync(url);
        var sections = board.QuerySelectorAll("#progress-board .department-progress");
        Assert.Equal(["城区营销部", "郊县营销部"], sections.Select(s => s.QuerySelector("h3")!.ChildNodes[0].TextContent.Trim()));
        Assert.Contains("呼叫代表", sections[1].QuerySelector(".vacant-seats")!.TextContent, StringComparison.Ordinal);
        Assert.Null(sections[0].QuerySelector(".vacant-seats"));
    }

    [Fact]
    public async Task EachPanelSeesAndScoresOnlyItsDepartmentsManagers()
    {
        var cycle = await CycleIdAsync("2026 Q3");
        var (urbanManager, countyManager) = (await factory.ManagerIdAsync("KM001"), await factory.ManagerIdAsync("KM007"));
        using var sales = await factory.CreateBrowserlessClient().SignedInAsync("sales");
        using var countySales = await factory.CreateBrowserlessClient().SignedInAsync("sales2");

        var urbanPage = await sales.GetDocumentAsync($"/Scoring?cycleId={Text(cycle)}&pageSize=100");
        Assert.Equal("您为以下营销部的客户经理评分：城区营销部", urbanPage.QuerySelector("#my-departments")!.TextContent.Trim());
        var urbanList = urbanPage.QuerySelector("#managers-to-score")!.TextContent;
        var countyList = (await countySales.GetDocumentAsync($"/Scoring?cycleId={Text(cycle)}&pageSize=100")).QuerySelector("#managers-to-score")!.TextContent;
        Assert.All(["KM001", "KM002", "KM003", "KM004", "KM005", "KM006"], n => Assert.Contains(n, urbanList, StringComparison.Ordinal));
        Assert.All(["KM007", "KM008"], n => Assert.DoesNotContain(n, urbanList, StringComparison.Ordinal));
        Assert.All(["KM007", "KM008"], n => Assert.Contains(n, countyList, StringComparison.Ordinal));
        Assert.DoesNotContain("KM001", countyList, StringComparison.Ordinal);

        // The other department's manager is not found, to read or to score; nothing is saved.
        using var read = await sales.GetAsync($"/Scoring/Score?cycleId={Text(cycle)}&managerId={Text(countyManager)}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        var before = await factory.QueryAsync(db => db.PanelScores.CountAsync(s => s.CycleId == cycle && s.AccountManagerId == countyManager));
        using var posted = await sales.SubmitFormAsync(
            $"/Scoring/Score?cycleId={Text(cycle)}&managerId={Text(urbanManager)}", "#score-form", new Dictionary<string, string> { ["Items[0].Value"] = "77" },
            $"/Scoring/Score?cycleId={Text(cycle)}&managerId={Text(countyManager)}");
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(before, await factory.QueryAsync(db => db.PanelScores.CountAsync(s => s.CycleId == cycle && s.AccountManagerId == countyManager)));
    }

    [Fact]
    public async Task AMembersInboxHoldsTheirDepartmentsItemsOnly()
    {
        var countyItem = await factory.QueryAsync(db => db.VisitReports
            .Where(r => r.Kind == ReportKind.Logistics && r.Status == ReportStatus.New
                && db.Visits.Any(v => v.Id == r.VisitId && db.AccountManagers.Any(m => m.Id == v.AccountManagerId && m.District.Parent!.Code == "CTY")))
            .Select(r => new { r.Id, r.Version }).FirstAsync());
        using var urban = await factory.CreateBrowserlessClient().SignedInAsync("logistics");
        using var county = await factory.CreateBrowserlessClient().SignedInAsync("logistics2");

        var urbanInbox = await urban.GetDocumentAsync("/Inbox?page=1");
        var token = urbanInbox.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var acknowledged = await urban.PostAsync($"/Inbox/Acknowledge/{Text(countyItem.Id)}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Version"] = Text(countyItem.Version),
        }));

        Assert.Equal(HttpStatusCode.NotFound, acknowledged.StatusCode);
        Assert.Equal(ReportStatus.New, await factory.QueryAsync(db => db.VisitReports.Where(r => r.Id == countyItem.Id).Select(r => r.Status).SingleAsync()));
        Assert.Null(urbanInbox.QuerySelector($"[data-report='{Text(countyItem.Id)}']"));
        var countyIds = await factory.QueryAsync(db => db.VisitReports
            .Where(r => db.Visits.Any(v => v.Id == r.VisitId && db.AccountManagers.Any(m => m.Id == v.AccountManagerId && m.District.Parent!.Code == "CTY")))
            .Select(r => r.Id).ToListAsync());
        var countyInbox = await county.GetDocumentAsync("/Inbox");
        var shown = countyInbox.QuerySelectorAll("[data-report]").Select(i => int.Parse(i.GetAttribute("data-report")!, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, id => Assert.Contains(id, countyIds));
    }

    [Fact]
    public async Task AMemberWhoseAccountChangedSeatAnswersNothingOfTheOldSeatsDepartments()
    {
        // logistics2 holds the county's logistics seat; their account is made a call-centre representative: the
        // county's call-centre items stay callcentre2's (the seat), not theirs.
        Task SetSeatAsync(PanelRole seat) => factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "logistics2").ExecuteUpdateAsync(u => u.SetProperty(x => x.PanelRole, seat)));
        await SetSeatAsync(PanelRole.CallCentreRep);
        try
        {
            using var moved = await factory.CreateBrowserlessClient().SignedInAsync("logistics2");
            using var callCentre = await factory.CreateBrowserlessClient().SignedInAsync("callcentre2");

            var inbox = await moved.GetDocumentAsync("/Inbox");

            Assert.Equal("0", inbox.QuerySelector("#unhandled")!.TextContent.Trim());
            Assert.Empty(inbox.QuerySelectorAll("[data-report]"));
            Assert.NotEmpty((await callCentre.GetDocumentAsync("/Inbox")).QuerySelectorAll("[data-report]"));
            Assert.Empty((await moved.GetDocumentAsync("/AccountManagers")).QuerySelectorAll("main table tbody tr"));
        }
        finally
        {
            await SetSeatAsync(PanelRole.LogisticsRep);
        }
    }

    [Fact]
    public async Task APanelMemberReadsOnlyTheirDepartmentsManagersCustomersVisitsAndResults()
    {
        var countyManager = await factory.ManagerIdAsync("KM007");
        var urbanManager = await factory.ManagerIdAsync("KM001");
        var customer = await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId == countyManager).Select(c => c.Id).FirstAsync());
        var visit = await factory.QueryAsync(db => db.Visits.Where(v => v.AccountManagerId == countyManager).Select(v => v.Id).FirstAsync());
        var published = await factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Published).Select(c => c.Id).SingleAsync());
        using var sales = await factory.CreateBrowserlessClient().SignedInAsync("sales");

        foreach (var url in new[]
                 {
                     $"/AccountManagers/Details/{Text(countyManager)}", $"/Customers/Details/{Text(customer)}", $"/Visits/Details/{Text(visit)}",
                     $"/Results/Form?cycleId={Text(published)}&managerId={Text(countyManager)}",
                 })
        {
            using var response = await sales.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
        }

        using var own = await sales.GetAsync($"/AccountManagers/Details/{Text(urbanManager)}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var managers = (await sales.GetDocumentAsync("/AccountManagers?pageSize=100")).QuerySelector("main table")!.TextContent;
        Assert.Contains("KM001", managers, StringComparison.Ordinal);
        Assert.DoesNotContain("KM007", managers, StringComparison.Ordinal);
        foreach (var export in new[] { "/AccountManagers/Export?format=Csv", "/Customers/Export?format=Csv", "/Visits/Export?format=Csv&from=2020-01-01", $"/Results/Export?format=Csv&cycleId={Text(published)}" })
        {
            var csv = await sales.GetStringAsync(export);
            Assert.Contains("KM00", csv, StringComparison.Ordinal);
            Assert.DoesNotContain("KM007", csv, StringComparison.Ordinal);
            Assert.DoesNotContain("KM008", csv, StringComparison.Ordinal);
        }

        // The ranking of a closed or published cycle: their departments' managers, with company-wide ranks.
        var ranking = (await sales.GetDocumentAsync($"/Results?cycleId={Text(published)}")).QuerySelector("#ranking tbody")!.TextContent;
        Assert.Contains("KM001", ranking, StringComparison.Ordinal);
        Assert.DoesNotContain("KM007", ranking, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFormNamesTheManagersDepartmentAndItsPanel()
    {
        var published = await factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Published).Select(c => c.Id).SingleAsync());
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var county = await admin.GetDocumentAsync($"/Results/Form?cycleId={Text(published)}&managerId={Text(await factory.ManagerIdAsync("KM007"))}");
        var urban = await admin.GetDocumentAsync($"/Results/Form?cycleId={Text(published)}&managerId={Text(await factory.ManagerIdAsync("KM001"))}");

        Assert.Equal("郊县营销部", county.QuerySelector("#form-department")!.TextContent.Trim());
        var signatures = county.QuerySelector("#form-signatures")!.TextContent;
        Assert.Contains("郊县营销部评定小组", signatures, StringComparison.Ordinal);
        Assert.All(["钱卫东", "冯晓光", "蒋涛", "沈梅"], name => Assert.Contains(name, signatures, StringComparison.Ordinal));
        Assert.DoesNotContain("王建国", signatures, StringComparison.Ordinal);
        Assert.Equal("城区营销部", urban.QuerySelector("#form-department")!.TextContent.Trim());
        Assert.Contains("王建国", urban.QuerySelector("#form-signatures")!.TextContent, StringComparison.Ordinal);

        // A manager moved to the other department later: the form still names the department and the panel that
        // scored them when the cycle closed.
        var (manager, south, east) = (await factory.ManagerIdAsync("KM008"), await UnitIdAsync("CTY-S"), await UnitIdAsync("URB-E"));
        Task MoveAsync(int district) => factory.WithDbAsync(db => db.AccountManagers.Where(m => m.Id == manager).ExecuteUpdateAsync(m => m.SetProperty(x => x.DistrictId, district)));
        await MoveAsync(east);
        try
        {
            var moved = await admin.GetDocumentAsync($"/Results/Form?cycleId={Text(published)}&managerId={Text(manager)}");
            Assert.Equal("郊县营销部", moved.QuerySelector("#form-department")!.TextContent.Trim());
            Assert.Contains("钱卫东", moved.QuerySelector("#form-signatures")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await MoveAsync(south);
        }
    }

    [Fact]
    public async Task TheRankingSetsTheDepartmentsTierSharesSideBySideInAChart()
    {
        var published = await factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Published).Select(c => c.Id).SingleAsync());
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await admin.GetDocumentAsync($"/Results?cycleId={Text(published)}");
        var chart = page.QuerySelector("canvas#department-chart")!;
        var labels = JsonSerializer.Deserialize<string[]>(chart.GetAttribute("data-labels")!)!;
        var sets = JsonSerializer.Deserialize<ChartSet[]>(chart.GetAttribute("data-datasets")!)!;

        Assert.Equal(["城区营销部", "郊县营销部"], labels);
        Assert.Equal(6, sets.Length); // five tiers and "not rated"
        // Each department's shares add up to the whole department; the county's two managers are 50 % each or 100 %.
        Assert.All(Enumerable.Range(0, 2), d => Assert.InRange(sets.Sum(s => s.data[d]), 99.8m, 100.2m));
        Assert.All(sets, s => Assert.Contains(s.data[1], new[] { 0m, 50m, 100m }));
        var tableRows = page.QuerySelectorAll("#distribution-by-department tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ToList();
        Assert.Equal(labels, tableRows);
    }

    private sealed record ChartSet(string label, string color, decimal[] data);
}
