using System.Globalization;
using System.Net;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// A unit supervisor (the demo's head of 城区营销部, managers KM001–KM006) reads their unit and everything below it:
/// its managers, their customers, visits, evidence and published results, on every list, detail and export; another
/// unit's ids are not found; nothing can be changed.
/// </summary>
public class SupervisorTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private static readonly string[] Mine = ["KM001", "KM002", "KM003", "KM004", "KM005", "KM006"];
    private static readonly string[] NotMine = ["KM007", "KM008"];

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<HttpClient> SupervisorAsync() => factory.CreateBrowserlessClient().SignedInAsync("supervisor");

    private Task<int> CustomerOfAsync(string employeeNumber) => factory.QueryAsync(db =>
        db.Customers.Where(c => c.CurrentManagerId == db.AccountManagers.Where(m => m.EmployeeNumber == employeeNumber).Select(m => m.Id).Single()).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

    private Task<int> VisitOfAsync(string employeeNumber) => factory.QueryAsync(db =>
        db.Visits.Where(v => v.AccountManagerId == db.AccountManagers.Where(m => m.EmployeeNumber == employeeNumber).Select(m => m.Id).Single()).OrderBy(v => v.Id).Select(v => v.Id).FirstAsync());

    [Fact]
    public async Task TheSupervisorLandsOnTheirUnitsManagersAndSeesNoOneElse()
    {
        using var client = await SupervisorAsync();

        using var home = await client.GetAsync("/");
        var managers = await client.GetDocumentAsync("/AccountManagers?pageSize=100");
        var text = managers.QuerySelector("main table")!.TextContent;
        var units = managers.QuerySelectorAll("select#district option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();

        Assert.Equal("/AccountManagers", home.Headers.Location?.OriginalString);
        Assert.All(Mine, n => Assert.Contains(n, text, StringComparison.Ordinal));
        Assert.All(NotMine, n => Assert.DoesNotContain(n, text, StringComparison.Ordinal));
        Assert.Equal(["城区营销部", "城东片区", "城西片区"], units);
    }

    [Fact]
    public async Task AnotherUnitsManagerCustomerVisitAndFormAreNotFound()
    {
        using var client = await SupervisorAsync();
        var cycle = await factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Published).Select(c => c.Id).SingleAsync());
        var (mine, other) = (await factory.ManagerIdAsync("KM001"), await factory.ManagerIdAsync("KM007"));
        var pages = new (string Url, HttpStatusCode Expected)[]
        {
            ($"/AccountManagers/Details/{mine}", HttpStatusCode.OK),
            ($"/AccountManagers/Details/{other}", HttpStatusCode.NotFound),
            ($"/Customers/Details/{await CustomerOfAsync("KM002")}", HttpStatusCode.OK),
            ($"/Customers/Details/{await CustomerOfAsync("KM008")}", HttpStatusCode.NotFound),
            ($"/Visits/Details/{await VisitOfAsync("KM003")}", HttpStatusCode.OK),
            ($"/Visits/Details/{await VisitOfAsync("KM007")}", HttpStatusCode.NotFound),
            ($"/Results/Form?cycleId={cycle}&managerId={mine}", HttpStatusCode.OK),
            ($"/Results/Form?cycleId={cycle}&managerId={other}", HttpStatusCode.NotFound),
        };

        foreach (var (url, expected) in pages)
        {
            using var response = await client.GetAsync(url);
            Assert.True(expected == response.StatusCode, $"{url}: {response.StatusCode}, expected {expected}");
        }
    }

    [Theory]
    [InlineData("/Customers/Export?format=Csv")]
    [InlineData("/Visits/Export?format=Csv&from=2020-01-01")]
    [InlineData("/AccountManagers/Export?format=Csv")]
    [InlineData("/Results/Export?format=Csv")]
    public async Task ExportsHoldOnlyTheUnitsRecords(string url)
    {
        using var client = await SupervisorAsync();

        using var response = await client.GetAsync(url);
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Mine, n => csv.Contains(n, StringComparison.Ordinal));
        Assert.All(NotMine, n => Assert.DoesNotContain(n, csv, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListsAndSuggestionsShowOnlyTheUnitsManagers()
    {
        using var client = await SupervisorAsync();

        var customers = await client.GetDocumentAsync("/Customers?pageSize=100");
        var visits = await client.GetDocumentAsync("/Visits?from=2020-01-01&pageSize=100");
        var ranking = await client.GetDocumentAsync("/Results");
        var suggestions = await client.GetStringAsync("/AccountManagers/Lookup?q=KM00");
        var otherUnit = await client.GetDocumentAsync("/Customers?district=" + Uri.EscapeDataString("郊县营销部"));

        foreach (var page in new[] { customers, visits, ranking })
        {
            var text = page.QuerySelector("main")!.TextContent;
            Assert.All(NotMine, n => Assert.DoesNotContain(n, text, StringComparison.Ordinal));
        }

        Assert.NotEmpty(customers.QuerySelectorAll("#customers tbody tr"));
        Assert.Equal(6, ranking.QuerySelectorAll("#ranking tbody tr").Length);
        Assert.Contains("KM001", suggestions, StringComparison.Ordinal);
        Assert.All(NotMine, n => Assert.DoesNotContain(n, suggestions, StringComparison.Ordinal));
        Assert.Empty(otherUnit.QuerySelectorAll("#customers tbody tr"));
    }

    [Fact]
    public async Task AnotherUnitsManagerIdRevealsNothingAndPanelFlagsStayWithThePanel()
    {
        using var client = await SupervisorAsync();
        var other = await factory.ManagerIdAsync("KM007");

        var customers = await client.GetDocumentAsync($"/Customers?managerId={other}");
        var visits = await client.GetDocumentAsync($"/Visits?managerId={other}");
        var ranking = await client.GetDocumentAsync("/Results");
        var csv = await client.GetStringAsync("/Results/Export?format=Csv");
        using var staff = await factory.CreateBrowserlessClient().SignedInAsync("sales");
        var staffRanking = await staff.GetDocumentAsync("/Results");

        Assert.Equal(string.Empty, customers.QuerySelector("input#manager")?.GetAttribute("value") ?? string.Empty);
        Assert.Equal(string.Empty, visits.QuerySelector("input#manager")?.GetAttribute("value") ?? string.Empty);
        Assert.Empty(customers.QuerySelectorAll("#customers tbody tr"));
        Assert.DoesNotContain(ranking.QuerySelectorAll("#ranking thead th"), th => th.TextContent.Trim() == "分歧");
        Assert.Contains(staffRanking.QuerySelectorAll("#ranking thead th"), th => th.TextContent.Trim() == "分歧");
        Assert.DoesNotContain("分歧", csv, StringComparison.Ordinal);
        Assert.Null(customers.QuerySelector("#unassigned"));
    }

    [Fact]
    public async Task ASupervisorSeesPublishedResultsOnly()
    {
        using var client = await SupervisorAsync();
        var closed = await factory.QueryAsync(db => db.Cycles.Where(c => c.Status != CycleStatus.Published).Select(c => c.Id).ToListAsync());
        var manager = await factory.ManagerIdAsync("KM001");

        var ranking = await client.GetDocumentAsync("/Results");
        var offered = ranking.QuerySelectorAll("select#cycleId option, select[name=cycleId] option").Select(o => o.GetAttribute("value")).ToList();

        Assert.All(closed, id => Assert.DoesNotContain(Text(id), offered));
        foreach (var id in closed)
        {
            using var form = await client.GetAsync($"/Results/Form?cycleId={id}&managerId={manager}");
            Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        }
    }

    [Theory]
    [InlineData("/Admin")]
    [InlineData("/Units")]
    [InlineData("/Cycles")]
    [InlineData("/Users")]
    [InlineData("/Panel")]
    [InlineData("/Scoring")]
    [InlineData("/Inbox")]
    [InlineData("/MyWork")]
    [InlineData("/Customers/Create")]
    [InlineData("/Visits/Create")]
    [InlineData("/AccountManagers/Create")]
    [InlineData("/CustomerImport")]
    [InlineData("/Assignments/Reassign")]
    public async Task ASupervisorChangesNothing(string url)
    {
        using var client = await SupervisorAsync();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministratorMakesASupervisorOfAUnit()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var county = await factory.QueryAsync(db => db.OrgUnits.Where(u => u.Code == "CTY").Select(u => u.Id).SingleAsync());
        var fields = new Dictionary<string, string>
        {
            ["UserName"] = "cty-head",
            ["DisplayName"] = "郊县主任",
            ["Role"] = "Supervisor",
            ["TemporaryPassword"] = "Start#2026x",
        };

        var noUnit = await (await admin.SubmitFormAsync("/Users/Create", "#user-form", fields)).ToDocumentAsync();
        fields["SupervisedUnitId"] = Text(county);
        using var created = await admin.SubmitFormAsync("/Users/Create", "#user-form", fields);

        Assert.Equal("请选择该负责人负责的在用机构。", noUnit.QuerySelector("[data-valmsg-for=SupervisedUnitId]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal((int?)county, await factory.QueryAsync(db => db.Users.Where(u => u.UserName == "cty-head").Select(u => u.SupervisedUnitId).SingleAsync()));
    }
}
