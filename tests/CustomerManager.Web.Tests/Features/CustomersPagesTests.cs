using System.Globalization;
using System.Net;
using CustomerManager.Domain.Customers;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

public class CustomersPagesTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private static string Summary(AngleSharp.Dom.IDocument page) => page.QuerySelector("#pager-summary")!.TextContent;

    [Fact]
    public async Task AdministratorSeesEveryCustomerPagedInTwentyFives()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/Customers");

        Assert.Equal(25, page.QuerySelectorAll("#customers tbody tr").Length);
        Assert.Equal("第 1–25 条，共 150 条", Summary(page));
        Assert.Equal("440103100001", page.QuerySelector("#customers tbody tr td:nth-child(2)")!.TextContent);
    }

    [Fact]
    public async Task PagingPastTheEndShowsTheLastPage()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var second = await client.GetDocumentAsync("/Customers?pageSize=10&page=2");
        var beyond = await client.GetDocumentAsync("/Customers?pageSize=100&page=99");

        Assert.Equal("第 11–20 条，共 150 条", Summary(second));
        Assert.Equal("第 101–150 条，共 150 条", Summary(beyond));
    }

    [Theory]
    [InlineData("q=440103100001", 1)]
    [InlineData("q=440103", 50)]
    [InlineData("q=好又多", 13)]
    [InlineData("status=Suspended", 4)]
    [InlineData("businessType=Other", 30)]
    [InlineData("district=城南片区", 35)] // KM007 and KM008 start with 18 each; one of KM008's moved to KM001
    [InlineData("q=zzz", 0)]
    public async Task ListSearchesAndFiltersInTheDatabase(string query, int expected)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/Customers?pageSize=100&" + query);

        Assert.Equal(expected, page.QuerySelectorAll("#customers tbody tr a[data-row-target]").Length);
    }

    [Fact]
    public async Task SearchFindsByOwnerAndPhoneToo()
    {
        var first = await factory.QueryAsync(db => db.Customers.OrderBy(c => c.Id).Select(c => new { c.Owner, Phone = c.Phone!, c.LicenceNumber }).FirstAsync());
        var (owner, phone, licence) = (first.Owner, first.Phone, first.LicenceNumber);
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var byOwner = await client.GetDocumentAsync("/Customers?pageSize=100&q=" + Uri.EscapeDataString(owner));
        var byPhone = await client.GetDocumentAsync("/Customers?q=" + phone);

        Assert.Contains(licence, byOwner.QuerySelectorAll("#customers tbody tr td:nth-child(2)").Select(t => t.TextContent));
        Assert.Equal([licence], byPhone.QuerySelectorAll("#customers tbody tr td:nth-child(2)").Select(t => t.TextContent));
    }

    [Fact]
    public async Task AccountManagerSeesOnlyTheirOwnCustomersWhateverTheFilter()
    {
        var own = await factory.QueryAsync(async db =>
        {
            var id = await db.AccountManagers.Where(m => m.EmployeeNumber == "KM004").Select(m => m.Id).SingleAsync();
            return await db.Customers.Where(c => c.CurrentManagerId == id).Select(c => c.LicenceNumber).OrderBy(l => l).ToListAsync();
        });
        var someoneElses = await factory.QueryAsync(db => db.AccountManagers.Where(m => m.EmployeeNumber == "KM001").Select(m => m.Id).SingleAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am04");

        var page = await client.GetDocumentAsync($"/Customers?pageSize=100&managerId={someoneElses}");

        Assert.Equal(own, page.QuerySelectorAll("#customers tbody tr td:nth-child(1)").Select(t => t.TextContent).Order());
        Assert.Null(page.QuerySelector("#managerId"));
        Assert.Null(page.QuerySelector("#bulk-reassign"));
        Assert.Equal("我的零售户", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task AnotherManagersCustomerIsNotFoundForAnAccountManager()
    {
        var (mine, theirs) = await factory.QueryAsync(async db =>
        {
            var me = await db.AccountManagers.Where(m => m.EmployeeNumber == "KM004").Select(m => m.Id).SingleAsync();
            return (await db.Customers.Where(c => c.CurrentManagerId == me).Select(c => c.Id).FirstAsync(),
                    await db.Customers.Where(c => c.CurrentManagerId != me).Select(c => c.Id).FirstAsync());
        });
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am04");

        using var own = await client.GetAsync($"/Customers/Details/{mine}");
        using var other = await client.GetAsync($"/Customers/Details/{theirs}");
        using var edit = await client.GetAsync($"/Customers/Edit/{mine}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", edit.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailsShowTheRecordHistoryAndVisits()
    {
        // Demo: the customer at index 7 moved from its first manager to the next a year ago.
        var id = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440104100008").Select(c => c.Id).SingleAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("sales");

        var page = await client.GetDocumentAsync($"/Customers/Details/{id}");

        var history = page.QuerySelectorAll("#assignment-history tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, history.Count);
        Assert.Contains("至今", history[0], StringComparison.Ordinal);
        Assert.Contains("片区调整", history[0], StringComparison.Ordinal);
        Assert.Contains("初始分配", history[1], StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("#customer-visits tbody tr"));
        Assert.Null(page.QuerySelector("#reassign"));
    }

    [Fact]
    public async Task AManagerSeesOnlyTheirOwnVisitsOfACustomerHandedToThemNotThePredecessorsNotes()
    {
        // KM001's customer moves to KM002 today: its visits so far are KM001's.
        var (customerId, km001, km002) = await factory.QueryAsync(async db =>
        {
            var first = await db.AccountManagers.Where(m => m.EmployeeNumber == "KM001").Select(m => m.Id).SingleAsync();
            var second = await db.AccountManagers.Where(m => m.EmployeeNumber == "KM002").Select(m => m.Id).SingleAsync();
            var id = await db.Customers.Where(c => c.CurrentManagerId == first && db.Visits.Any(v => v.CustomerId == c.Id)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            return (id, first, second);
        });
        var predecessors = await factory.QueryAsync(db => db.Visits.CountAsync(v => v.CustomerId == customerId && v.AccountManagerId == km001));
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var moved = await admin.SubmitFormAsync($"/Assignments/Reassign?customerId={customerId}", "#assignment-form", new Dictionary<string, string>
        {
            ["ToManagerId"] = km002.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Reason"] = "交接",
        });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        using var successor = await factory.CreateBrowserlessClient().SignedInAsync("am02");

        var theirView = await successor.GetDocumentAsync($"/Customers/Details/{customerId}");
        var staffView = await admin.GetDocumentAsync($"/Customers/Details/{customerId}");

        Assert.True(predecessors > 0);
        Assert.Empty(theirView.QuerySelectorAll("#customer-visits tbody tr"));
        Assert.Equal(Math.Min(predecessors, 20), staffView.QuerySelectorAll("#customer-visits tbody tr").Length);
    }

    [Fact]
    public async Task AdministratorCreatesACustomerWithItsFirstManager()
    {
        var managerId = await factory.QueryAsync(db => db.AccountManagers.Where(m => m.EmployeeNumber == "KM006").Select(m => m.Id).SingleAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await client.SubmitFormAsync("/Customers/Create", "#customer-form", new Dictionary<string, string>
        {
            ["LicenceNumber"] = "  ４４０１０９１２３４５６ ",
            ["StoreName"] = "新开便利店",
            ["Owner"] = "王五",
            ["Phone"] = "13700001111",
            ["Address"] = "解放路 8 号",
            ["BusinessType"] = "ConvenienceStore",
            ["ManagerId"] = managerId.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            var customer = await db.Customers.Include(c => c.Assignments).SingleAsync(c => c.LicenceNumber == "440109123456");
            Assert.Equal(managerId, customer.CurrentManagerId);
            Assert.Equal(CustomerStatus.Active, customer.Status);
            Assert.Equal("admin", Assert.Single(customer.Assignments).ChangedBy);
        });
    }

    [Fact]
    public async Task BadCustomerInputIsExplainedAndNothingIsSaved()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var before = await factory.QueryAsync(db => db.Customers.CountAsync());

        using var duplicate = await client.SubmitFormAsync("/Customers/Create", "#customer-form", new Dictionary<string, string>
        {
            ["LicenceNumber"] = "440103100001",
            ["StoreName"] = "",
            ["Owner"] = "x",
            ["Address"] = "y",
            ["BusinessType"] = "NotAType",
        });
        var page = await duplicate.ToDocumentAsync();
        using var malformed = await client.SubmitFormAsync("/Customers/Create", "#customer-form", new Dictionary<string, string>
        {
            ["LicenceNumber"] = "ABC123",
            ["StoreName"] = "店",
            ["Owner"] = "x",
            ["Address"] = "y",
            ["BusinessType"] = "Grocery",
            ["Phone"] = "abc",
        });
        var malformedPage = await malformed.ToDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal("该许可证号已存在。", page.QuerySelector("[data-valmsg-for=LicenceNumber]")!.TextContent.Trim());
        Assert.Equal("此项为必填。", page.QuerySelector("[data-valmsg-for=StoreName]")!.TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for=BusinessType]")!.TextContent));
        Assert.Equal("许可证号应为 12 位数字（与许可证上一致），例如 440106200001。", malformedPage.QuerySelector("[data-valmsg-for=LicenceNumber]")!.TextContent.Trim());
        Assert.Contains("有效的电话号码", malformedPage.QuerySelector("[data-valmsg-for=Phone]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task ClosingACustomerKeepsItsHistoryAndVisits()
    {
        var (id, assignments, visits) = await factory.QueryAsync(async db =>
        {
            var c = await db.Customers.Where(x => x.LicenceNumber == "440105100003").SingleAsync();
            return (c.Id, await db.CustomerAssignments.CountAsync(a => a.CustomerId == c.Id), await db.Visits.CountAsync(v => v.CustomerId == c.Id));
        });
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await client.SubmitFormAsync($"/Customers/Edit/{id}", "#customer-form", new Dictionary<string, string> { ["Status"] = "Closed" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(CustomerStatus.Closed, (await db.Customers.SingleAsync(c => c.Id == id)).Status);
            Assert.Equal(assignments, await db.CustomerAssignments.CountAsync(a => a.CustomerId == id));
            Assert.Equal(visits, await db.Visits.CountAsync(v => v.CustomerId == id));
        });
    }
}
