using CustomerManager.Domain.AccountManagers;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// Pages of a company with more managers than a page should list by name (a province has 2,000), on a factory
/// of its own: the demo's eight managers and <see cref="Added"/> more in 城南片区, none of them scored.
/// </summary>
public class ManyManagersTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private const int Added = 120;

    private Task EnsureManyManagersAsync() => factory.WithDbAsync(async db =>
    {
        if (await db.AccountManagers.AnyAsync(m => m.EmployeeNumber == "MM001"))
        {
            return;
        }

        var district = await db.DistrictAsync("城南片区");
        for (var i = 1; i <= Added; i++)
        {
            db.AccountManagers.Add(new AccountManager($"MM{i:000}", $"经理{i:000}", null, district));
        }

        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task TheCloseCheckNamesFiftyOfTheNotRatedAndCountsTheRest()
    {
        await EnsureManyManagersAsync();
        var id = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q3").Select(c => c.Id).SingleAsync());
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var check = await admin.GetDocumentAsync($"/Cycles/Close/{id}");

        // The demo's four not rated and the 120 added ones: 124, of which 50 by name.
        Assert.Contains("124", check.QuerySelector("#close-check")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(50, check.QuerySelectorAll("#not-rated li").Length);
        Assert.Contains("74", check.QuerySelector("#not-rated-more")!.TextContent, StringComparison.Ordinal);
    }
}
