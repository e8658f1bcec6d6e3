using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Seeding;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Web.Tests.Features;

public class HomePagesTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Fact]
    public async Task AdministratorSeesTheOrganisationAtAGlance()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/Admin");

        // The demo organisation: 8 managers in 3 districts, 150 customers of whom 4 are suspended.
        Assert.Equal("8", page.QuerySelector("#stat-managers")!.TextContent);
        Assert.Contains("3", page.QuerySelector("#stat-managers")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal("146", page.QuerySelector("#stat-customers")!.TextContent);
        var cycles = page.QuerySelectorAll("#cycles tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, cycles.Count);
        Assert.Contains("2026 Q3", cycles[0], StringComparison.Ordinal);
        Assert.Contains("评定中", cycles[0], StringComparison.Ordinal);
        Assert.Contains("2026 Q2", cycles[1], StringComparison.Ordinal);
        Assert.Contains("已发布", cycles[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoDataPublishedCycleHasAllFiveTiers()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/Admin");

        var tiers = page.QuerySelectorAll("#tiers .tier-badge").Select(b => b.TextContent).ToList();
        Assert.Equal(["五星级客户经理", "四星级客户经理", "三星级客户经理", "普通客户经理", "待成长客户经理"], tiers);
    }

    [Fact]
    public async Task PanelMemberSeesTheirProgressInTheOpenCycle()
    {
        // Demo: each department's logistics rep scored every other manager on its 3 criteria (the urban department's
        // 3 of its 6, the county's 1 of its 2); the call centre nobody. Each sees only their department's managers.
        using var logistics = await factory.CreateBrowserlessClient().SignedInAsync("logistics");
        using var countyLogistics = await factory.CreateBrowserlessClient().SignedInAsync("logistics2");
        using var callCentre = await factory.CreateBrowserlessClient().SignedInAsync("callcentre");

        var logisticsPage = await logistics.GetDocumentAsync("/Panel");
        var callCentrePage = await callCentre.GetDocumentAsync("/Panel");

        var numbers = logisticsPage.QuerySelectorAll(".open-cycle .stat-value").Select(e => e.TextContent).ToList();
        Assert.Equal(["3", "0", "3"], numbers);
        Assert.Contains("3", logisticsPage.QuerySelector(".open-cycle p")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["0", "0", "6"], callCentrePage.QuerySelectorAll(".open-cycle .stat-value").Select(e => e.TextContent));
        Assert.Equal(["1", "0", "1"], (await countyLogistics.GetDocumentAsync("/Panel")).QuerySelectorAll(".open-cycle .stat-value").Select(e => e.TextContent));
    }

    [Fact]
    public async Task AccountManagerSeesOnlyTheirOwnFigures()
    {
        int managerId = 0;
        await factory.WithDbAsync(async db =>
        {
            var manager = new AccountManager("T900", "测试经理", null, await db.DistrictAsync("测试片区"));
            db.AccountManagers.Add(manager);
            await db.SaveChangesAsync();
            managerId = manager.Id;

            var visited = Customer("990300000001", manager.Id);
            var notVisited = Customer("990300000002", manager.Id);
            var suspended = Customer("990300000003", manager.Id);
            suspended.Update(suspended.StoreName, suspended.Owner, null, suspended.Address, suspended.BusinessType, CustomerStatus.Suspended);
            db.Customers.AddRange(visited, notVisited, suspended);
            await db.SaveChangesAsync();

            var rules = DomainBuilders.VisitRulesAt(factory.LocalNow);
            db.Visits.AddRange(
                Visit.Log(manager.Id, visited, new DateTime(2026, 11, 2, 10, 0, 0), VisitKind.OnSite, new VisitContent { VolumeCartons = 10 }, rules),
                Visit.Log(manager.Id, visited, new DateTime(2026, 11, 19, 10, 0, 0), VisitKind.Phone, new VisitContent { VolumeCartons = 5 }, rules),
                Visit.Log(manager.Id, notVisited, new DateTime(2026, 10, 15, 10, 0, 0), VisitKind.OnSite, new VisitContent { VolumeCartons = 7 }, rules),
                Visit.Log(manager.Id, notVisited, new DateTime(2026, 9, 30, 10, 0, 0), VisitKind.OnSite, new VisitContent { VolumeCartons = 100 }, rules));
            await db.SaveChangesAsync();
        });
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = "t900", DisplayName = "测试经理", AccountManagerId = managerId };
            Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
            await users.AddToRoleAsync(user, AppRoles.AccountManager);
        }

        using var client = await factory.CreateBrowserlessClient().SignedInAsync("t900");
        var page = await client.GetDocumentAsync("/MyWork");

        var values = page.QuerySelectorAll(".stat-value").Select(e => e.TextContent.Trim()).ToList();
        // 2 active customers; 1 not visited since 21 Oct; 2 visits (15 cartons) in November; 1 visit (7) in October.
        Assert.Equal(["2", "1", "2", "15"], values);
        Assert.Contains("1", page.QuerySelectorAll(".stat .small")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("7", page.QuerySelectorAll(".stat .small")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("还没有已发布的评定结果", page.QuerySelector("#my-tier")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountManagerSeesTheirPublishedTier()
    {
        // am01 (KM001) is the demo's strongest manager: five-star in the published cycle.
        await factory.WithDbAsync(async db =>
        {
            var manager = await db.AccountManagers.SingleAsync(m => m.EmployeeNumber == "KM001");
            var published = await db.Cycles.SingleAsync(c => c.Status == CycleStatus.Published);
            var result = await db.Results.SingleAsync(r => r.CycleId == published.Id && r.AccountManagerId == manager.Id);
            Assert.Equal(Tier.FiveStar, result.Tier);
        });
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am01");

        var page = await client.GetDocumentAsync("/MyWork");

        Assert.Equal("五星级客户经理", page.QuerySelector("#my-tier .tier-badge")!.TextContent);
        Assert.Contains("2026 Q2", page.QuerySelector("#my-tier")!.TextContent, StringComparison.Ordinal);
    }

    private static RetailCustomer Customer(string licence, int managerId)
    {
        var customer = new RetailCustomer(licence, "测试店" + licence, "店主", null, "测试路 1 号", BusinessType.Grocery);
        customer.AssignTo(managerId, new DateOnly(2026, 1, 1), null, "test");
        return customer;
    }
}
