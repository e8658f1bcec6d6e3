using System.Net;
using CustomerManager.Domain.AccountManagers;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

public class AccountManagersPagesTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Theory]
    [InlineData("admin", null)]
    [InlineData("monopoly", "URB")] // the urban department's panel: its managers only
    [InlineData("monopoly2", "CTY")]
    public async Task StaffSeeTheListWithCustomersAndTiers(string userName, string? department)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);
        var expected = await factory.QueryAsync(db => db.AccountManagers.Where(m => m.IsActive && (department == null || m.District.Parent!.Code == department))
            .OrderBy(m => m.EmployeeNumber).Select(m => m.EmployeeNumber).ToListAsync());

        var page = await client.GetDocumentAsync("/AccountManagers?pageSize=100");

        var rows = page.QuerySelectorAll("#managers tbody tr");
        Assert.Equal(expected, rows.Select(r => expected.FirstOrDefault(n => r.TextContent.Contains(n, StringComparison.Ordinal))).Order());
        Assert.All(rows.Where(r => r.TextContent.Contains("KM00", StringComparison.Ordinal)), r => Assert.NotNull(r.QuerySelector(".tier-badge")));
        Assert.Equal(userName == "admin", page.QuerySelector("#create-manager") is not null);
    }

    [Fact]
    public async Task AccountManagerCannotOpenTheManagerPages()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am01");

        using var list = await client.GetAsync("/AccountManagers");
        using var details = await client.GetAsync($"/AccountManagers/Details/{await factory.ManagerIdAsync("KM001")}");

        Assert.StartsWith("/Account/AccessDenied", list.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/Account/AccessDenied", details.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PanelMemberCannotCreateOrEdit()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("sales");

        using var create = await client.GetAsync("/AccountManagers/Create");
        using var edit = await client.GetAsync($"/AccountManagers/Edit/{await factory.ManagerIdAsync("KM002")}");

        Assert.StartsWith("/Account/AccessDenied", create.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/Account/AccessDenied", edit.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q=KM00", 8)]
    [InlineData("q=陈晓", 1)]
    [InlineData("district=城南片区", 2)]
    [InlineData("tier=5", 2)]
    [InlineData("tier=1", 1)]
    [InlineData("q=nobody", 0)]
    public async Task ListSearchesAndFilters(string query, int expected)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/AccountManagers?" + query);

        Assert.Equal(expected, page.QuerySelectorAll("#managers tbody tr a[data-row-target]").Length);
    }

    [Fact]
    public async Task ListSortsByCustomerCount()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/AccountManagers?sort=customers&desc=true");

        var counts = page.QuerySelectorAll("#managers tbody tr").Select(r => int.Parse(r.QuerySelectorAll("td")[4].TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(counts.OrderByDescending(c => c), counts);
        Assert.NotEqual(counts.First(), counts.Last());
    }

    [Fact]
    public async Task DetailsShowProfileTierHistoryCustomersAndVisits()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");

        var page = await client.GetDocumentAsync($"/AccountManagers/Details/{await factory.ManagerIdAsync("KM005")}");

        Assert.Contains("郑磊", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("待成长客户经理", page.QuerySelector("#tier-history .tier-badge")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll("#manager-customers tbody tr"));
        Assert.Equal(10, page.QuerySelectorAll("#recent-visits tbody tr").Length);
        Assert.Null(page.QuerySelector("#deactivate"));
    }

    [Fact]
    public async Task UnknownManagerIsNotFound()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await client.GetAsync("/AccountManagers/Details/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AdministratorCreatesAManager()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await client.SubmitFormAsync("/AccountManagers/Create", "#manager-form", new Dictionary<string, string>
        {
            ["EmployeeNumber"] = " KM100 ",
            ["Name"] = "新经理",
            ["Phone"] = "13812345678",
            ["District"] = "城北片区",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            var manager = await db.AccountManagers.Include(m => m.District).SingleAsync(m => m.EmployeeNumber == "KM100");
            Assert.Equal(("新经理", "13812345678", "城北片区", true), (manager.Name, manager.Phone, manager.District.Name, manager.IsActive));
            Assert.Equal("admin", manager.CreatedBy);
            Assert.Contains(await db.AuditEntries.Where(a => a.EntityType == nameof(AccountManager)).ToListAsync(), a => a.UserName == "admin" && a.NewValues!.Contains("KM100", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task BadInputGetsAMessagePerFieldAndSavesNothing()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var before = 0;
        await factory.WithDbAsync(async db => before = await db.AccountManagers.CountAsync());

        using var response = await client.SubmitFormAsync("/AccountManagers/Create", "#manager-form", new Dictionary<string, string>
        {
            ["EmployeeNumber"] = "KM001",
            ["Name"] = new string('长', 51),
            ["Phone"] = "12345",
            ["District"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal("该工号已被使用。", page.QuerySelector("[data-valmsg-for=EmployeeNumber]")!.TextContent.Trim());
        Assert.Equal("最多 50 个字符。", page.QuerySelector("[data-valmsg-for=Name]")!.TextContent.Trim());
        Assert.Contains("有效的电话号码", page.QuerySelector("[data-valmsg-for=Phone]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("请选择客户经理所在片区。", page.QuerySelector("[data-valmsg-for=District]")!.TextContent.Trim());
        Assert.Equal(new string('长', 51), page.QuerySelector("#Name")!.GetAttribute("value"));
        await factory.WithDbAsync(async db => Assert.Equal(before, await db.AccountManagers.CountAsync()));
    }

    [Fact]
    public async Task EditKeepsTheEmployeeNumber()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var id = await factory.ManagerIdAsync("KM007");

        using var response = await client.SubmitFormAsync($"/AccountManagers/Edit/{id}", "#manager-form", new Dictionary<string, string>
        {
            ["EmployeeNumber"] = "HACKED",
            ["Name"] = "何志强",
            ["Phone"] = "0571-88886666",
            ["District"] = "城南片区",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            var manager = await db.AccountManagers.SingleAsync(m => m.Id == id);
            Assert.Equal(("KM007", "0571-88886666"), (manager.EmployeeNumber, manager.Phone));
        });
    }

    [Fact]
    public async Task ManagerWithCustomersIsNotDeactivatedUntilTheyAreReassigned()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var id = await factory.ManagerIdAsync("KM003");
        var target = await factory.ManagerIdAsync("KM002");

        var page = await client.GetDocumentAsync($"/AccountManagers/Deactivate/{id}");
        Assert.NotNull(page.QuerySelector("#reassign-first"));
        using var refused = await client.PostAsync($"/AccountManagers/Deactivate/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        await factory.WithDbAsync(async db => Assert.True((await db.AccountManagers.SingleAsync(m => m.Id == id)).IsActive));

        using var moved = await client.SubmitFormAsync($"/AccountManagers/Deactivate/{id}", "#reassign-all", new Dictionary<string, string>
        {
            ["ToManagerId"] = target.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Reason"] = "离职交接",
        });
        Assert.Equal($"/AccountManagers/Deactivate/{id}", moved.Headers.Location!.OriginalString);

        using var deactivated = await client.SubmitFormAsync($"/AccountManagers/Deactivate/{id}", "main form[action$='Deactivate/" + id + "']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            Assert.False((await db.AccountManagers.SingleAsync(m => m.Id == id)).IsActive);
            Assert.False(await db.Customers.AnyAsync(c => c.CurrentManagerId == id));
            Assert.False((await db.Users.SingleAsync(u => u.AccountManagerId == id)).IsActive);
            var history = await db.CustomerAssignments.Where(a => a.AccountManagerId == id).ToListAsync();
            Assert.NotEmpty(history);
            Assert.All(history, a => Assert.NotNull(a.To));
        });
        using var again = factory.CreateBrowserlessClient();
        using var signIn = await again.SignInAsync("am03");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }
}
