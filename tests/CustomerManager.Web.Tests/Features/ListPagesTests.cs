using System.Security.Claims;
using CustomerManager.Domain.AccountManagers;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Seeding;
using CustomerManager.Web.Features.Visits;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Security;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// The lists: what an empty one says, sortable headers that tell assistive technology the sort, phone numbers that
/// dial, visits as cards on phones.
/// </summary>
public class ListPagesTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Fact]
    public async Task AFilterThatMatchesNothingSaysSoWithoutAnEmptyTableOrZeroOfZero()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        foreach (var list in new[] { "/Customers?q=zzzz", "/AccountManagers?q=zzzz", "/Users?q=zzzz", "/Visits?from=2001-01-01&to=2001-01-02" })
        {
            var page = await client.GetDocumentAsync(list);

            var empty = page.QuerySelector("#empty-state");
            Assert.True(empty is not null, $"{list} has no empty state");
            Assert.Contains("没有符合筛选条件的记录", empty.TextContent, StringComparison.Ordinal);
            Assert.Equal(new Uri(list, UriKind.Relative).OriginalString.Split('?')[0], empty.QuerySelector("a")!.GetAttribute("href"));
            Assert.Null(page.QuerySelector("#pager-summary"));
            Assert.Null(page.QuerySelector("main table"));
        }
    }

    [Fact]
    public async Task ANewManagerWithNoCustomersIsToldWhatHappensNext()
    {
        await CreateManagerWithLoginAsync("KM960", "am960");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am960");

        var home = await client.GetDocumentAsync("/MyWork");
        var customers = await client.GetDocumentAsync("/Customers");
        var visits = await client.GetDocumentAsync("/Visits");

        Assert.Contains("零售户由管理员分配给您", home.QuerySelector("#empty-state")!.TextContent, StringComparison.Ordinal);
        Assert.Null(home.QuerySelector("#log-visit"));
        Assert.Null(home.QuerySelector("#stat-customers"));
        Assert.Contains("您名下还没有零售户", customers.QuerySelector("#empty-state")!.TextContent, StringComparison.Ordinal);
        Assert.Null(customers.QuerySelector("#pager-summary"));
        Assert.Contains("管理员为您分配零售户后", visits.QuerySelector("#empty-state")!.TextContent, StringComparison.Ordinal);
        Assert.Null(visits.QuerySelector("#log-visit"));
        Assert.Null(visits.QuerySelector("#pager-summary"));
    }

    [Fact]
    public async Task AManagerWithCustomersButNoVisitsIsOfferedToLogOne()
    {
        var managerId = await CreateManagerWithLoginAsync("KM961", "am961");
        await factory.WithDbAsync(async db =>
        {
            var customer = await db.Customers.Include(c => c.Assignments).OrderBy(c => c.Id).FirstAsync();
            customer.AssignTo(managerId, factory.Today, "test", "admin");
            await db.SaveChangesAsync();
        });
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am961");

        var visits = await client.GetDocumentAsync("/Visits");

        var empty = visits.QuerySelector("#empty-state")!;
        Assert.Contains("您还没有登记拜访", empty.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Visits/Create", empty.QuerySelector("a.btn-primary")!.GetAttribute("href"));
        Assert.NotNull(visits.QuerySelector("#log-visit"));
    }

    [Fact]
    public async Task TheVisitListAsksNothingMoreOfTheDatabaseWhenItHasRows()
    {
        var managerId = await factory.ManagerIdAsync("KM001");
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, AppRoles.AccountManager), new Claim(AppClaims.AccountManagerId, managerId.ToString(System.Globalization.CultureInfo.InvariantCulture))], "test"));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        using var log = SqlLog.Of(db);

        var list = await scope.ServiceProvider.GetRequiredService<VisitListQuery>().RunAsync(new VisitListFilter(), user, CancellationToken.None);

        Assert.True(list.Page.TotalCount > 0);
        Assert.True(list.HasCustomers);
        Assert.Equal(3, log.Commands.Count); // the bounded count, the page's ids, their rows: no question about customers, nothing per row
    }

    [Fact]
    public async Task TheSortedColumnHeaderSaysHowItIsSorted()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var customers = await client.GetDocumentAsync("/Customers?sort=store&desc=true");
        var managers = await client.GetDocumentAsync("/AccountManagers?sort=name");

        var sorted = customers.QuerySelectorAll("#customers th[aria-sort]");
        Assert.Equal("descending", Assert.Single(sorted).GetAttribute("aria-sort"));
        Assert.Contains("店名", sorted[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(customers.QuerySelectorAll("a[aria-sort]"));
        Assert.Contains("姓名", Assert.Single(managers.QuerySelectorAll("#managers th[aria-sort=ascending]")).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomerPhoneNumbersDialAndRowsNameTheRecordTheyOpen()
    {
        var phone = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440103100001").Select(c => c.Phone!).SingleAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/Customers?q=440103100001");

        var row = Assert.Single(page.QuerySelectorAll("#customers tbody tr.row-link"));
        Assert.All(row.QuerySelectorAll("a[href^='tel:']"), a => Assert.Equal("tel:" + phone, a.GetAttribute("href")));
        Assert.Equal(2, row.QuerySelectorAll("a[href^='tel:']").Length); // the column from lg up, under the name below
        Assert.StartsWith("/Customers/Details/", row.QuerySelector("a[data-row-target]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("店名、负责人、地址、许可证号、电话", page.QuerySelector("#q")!.GetAttribute("placeholder"));
    }

    [Fact]
    public async Task TheCustomerAndManagerPagesDialTheirPhoneNumbers()
    {
        var customer = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440103100001").Select(c => new { c.Id, c.Phone }).SingleAsync());
        var manager = await factory.QueryAsync(db => db.AccountManagers.Where(m => m.EmployeeNumber == "KM001").Select(m => new { m.Id, m.Phone }).SingleAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var customerPage = await client.GetDocumentAsync($"/Customers/Details/{customer.Id}");
        var managerPage = await client.GetDocumentAsync($"/AccountManagers/Details/{manager.Id}");

        Assert.Equal("tel:" + customer.Phone, customerPage.QuerySelector("#customer-phone a")!.GetAttribute("href"));
        Assert.Equal(customer.Phone, customerPage.QuerySelector("#customer-phone a")!.TextContent);
        Assert.Contains(managerPage.QuerySelectorAll("main a[href^='tel:']"), a => a.GetAttribute("href") == "tel:" + manager.Phone);
    }

    [Fact]
    public async Task EachVisitIsACardForPhonesAndARowThatOpensItFromMdUp()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am02");

        var page = await client.GetDocumentAsync("/Visits");

        var cards = page.QuerySelectorAll("#visit-cards > a").Select(a => a.GetAttribute("href")).ToList();
        var rows = page.QuerySelectorAll("#visits tbody tr.row-link a[data-row-target]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(25, cards.Count);
        Assert.Equal(rows, cards);
        Assert.All(cards, href => Assert.StartsWith("/Visits/Details/", href, StringComparison.Ordinal));
        Assert.Contains("d-md-none", page.QuerySelector("#visit-cards")!.ClassList);
        Assert.Contains("d-none", page.QuerySelector("#visits")!.ParentElement!.ClassList);
    }

    [Theory]
    [InlineData("13800001111", "tel:13800001111")]
    [InlineData("020-8123 4567", "tel:02081234567")]
    [InlineData(" +86 138 0000 1111 ", "tel:+8613800001111")]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("无", null)]
    public void APhoneNumberDialsItsDigits(string? phone, string? href) => Assert.Equal(href, PhoneLinks.TelHref(phone));

    private async Task<int> CreateManagerWithLoginAsync(string employeeNumber, string userName)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var manager = new AccountManager(employeeNumber, "新人" + employeeNumber[^2..], null, await db.DistrictAsync("城北片区"));
        db.AccountManagers.Add(manager);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = manager.Name, EmailConfirmed = true, AccountManagerId = manager.Id };
        Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
        await users.AddToRoleAsync(user, AppRoles.AccountManager);
        return manager.Id;
    }
}
