using CustomerManager.BrowserTests.Infrastructure;
using CustomerManager.Domain.AccountManagers;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CustomerManager.BrowserTests;

/// <summary>
/// A manager on their first day, with no customers yet: each of their pages says what will happen and what to do,
/// instead of empty cards and "0–0 of 0"; a filter that matches nothing says so and offers to clear it. These pages
/// pass the accessibility scan too.
/// </summary>
public class EmptyStateTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string UserName = "am-new";

    public async Task InitializeAsync()
    {
        if (BrowserSettings.SkipReason is not null)
        {
            return;
        }

        using var scope = browser.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(UserName) is not null)
        {
            return;
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var manager = new AccountManager("KM990", "新来的", "13900009990", await db.OrgUnits.SingleAsync(d => d.Name == "城北片区"));
        db.AccountManagers.Add(manager);
        await db.SaveChangesAsync();
        var user = new AppUser { UserName = UserName, DisplayName = "新来的", EmailConfirmed = true, AccountManagerId = manager.Id };
        Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
        await users.AddToRoleAsync(user, AppRoles.AccountManager);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [BrowserTheory]
    [InlineData("zh-CN", 390, 844, "您名下还没有零售户", "您还没有登记拜访")]
    [InlineData("en-US", 390, 844, "You have no customers yet", "You have not logged any visits yet")]
    [InlineData("zh-CN", 1366, 900, "您名下还没有零售户", "您还没有登记拜访")]
    [InlineData("en-US", 1366, 900, "You have no customers yet", "You have not logged any visits yet")]
    public async Task ANewManagerIsToldWhatHappensNextOnEveryPage(string locale, int width, int height, string noCustomers, string noVisits)
    {
        var device = width < 768 ? "phone" : "desktop";
        var page = await browser.NewPageAsync(width, height, locale);
        await Axe.InjectAsync(page.Context);
        await page.SignInAsync(UserName);
        var failures = new List<string>();

        Assert.EndsWith("/MyWork", page.Url, StringComparison.Ordinal);
        Assert.Contains(noCustomers, await page.InnerTextAsync("#empty-state"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#log-visit").CountAsync()); // nobody to visit yet
        Assert.Equal(0, await page.Locator("#todays-route").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, $"empty-{locale}-1-mywork-{device}");
        failures.AddRange(await SeriousViolationsAsync(page, "/MyWork"));

        await page.GotoAsync("/Customers");
        Assert.Contains(noCustomers, await page.InnerTextAsync("#empty-state"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#customers").CountAsync());
        Assert.Equal(0, await page.Locator("#pager-summary").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, $"empty-{locale}-2-customers-{device}");
        failures.AddRange(await SeriousViolationsAsync(page, "/Customers"));

        await page.GotoAsync("/Visits");
        Assert.Contains(noVisits, await page.InnerTextAsync("#empty-state"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#pager-summary").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, $"empty-{locale}-3-visits-{device}");
        failures.AddRange(await SeriousViolationsAsync(page, "/Visits"));

        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("zh-CN", "没有符合筛选条件的记录")]
    [InlineData("en-US", "Nothing matches these filters")]
    public async Task AFilterThatMatchesNothingSaysSoAndOffersToClearIt(string locale, string nothing)
    {
        var page = await browser.NewPageAsync(1366, 900, locale);
        await page.SignInAsync("admin");
        await page.GotoAsync("/Customers?q=zzzz-nothing");

        Assert.Contains(nothing, await page.InnerTextAsync("#empty-state"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#pager-summary").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, $"empty-{locale}-4-no-match-desktop");
        await page.Locator("#empty-state a").ClickAsync();
        await page.WaitForURLAsync("**/Customers");
        Assert.Equal(25, await page.Locator("#customers tbody tr").CountAsync());
        await page.Context.CloseAsync();
    }

    private async Task<IEnumerable<string>> SeriousViolationsAsync(IPage page, string screen)
    {
        var violations = await Axe.RunAsync(page);
        foreach (var minor in violations.Where(v => !v.IsSeriousOrWorse))
        {
            output.WriteLine("(not failing) " + minor.Describe(screen));
        }

        return violations.Where(v => v.IsSeriousOrWorse).Select(v => v.Describe(screen));
    }
}
