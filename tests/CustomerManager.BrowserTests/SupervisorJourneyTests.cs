using CustomerManager.BrowserTests.Infrastructure;

namespace CustomerManager.BrowserTests;

/// <summary>
/// The head of a marketing department signs in and reads their unit: its managers, a manager's customers and the
/// published ranking, with the menu of a reader (no settings, no scoring); on a desktop and a phone, in both languages.
/// </summary>
public class SupervisorJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserTheory]
    [InlineData("zh-CN", 1366, 900)]
    [InlineData("en-US", 390, 844)]
    public async Task ASupervisorReadsTheirDepartmentOnly(string locale, int width, int height)
    {
        var page = await browser.NewPageAsync(width, height, locale);
        await page.SignInAsync("supervisor");

        Assert.EndsWith("/AccountManagers", page.Url, StringComparison.Ordinal);
        var managers = await page.Locator("main table tbody tr").AllInnerTextsAsync();
        Assert.Equal(6, managers.Count);
        Assert.DoesNotContain(managers, r => r.Contains("KM007", StringComparison.Ordinal) || r.Contains("KM008", StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("#settings-menu").CountAsync());
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width);
        await BrowserFixture.ScreenshotAsync(page, $"supervisor-{locale}-{width}-managers");

        await page.GotoAsync("/Customers");
        Assert.True(await page.Locator("#customers tbody tr").CountAsync() > 0);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width);
        await BrowserFixture.ScreenshotAsync(page, $"supervisor-{locale}-{width}-customers");

        await page.GotoAsync("/Results");
        Assert.Equal(6, await page.Locator("#ranking tbody tr").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, $"supervisor-{locale}-{width}-results");
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task ChoosingTheSupervisorRoleAsksForTheUnit(string locale)
    {
        var phone = await browser.NewPageAsync(390, 844, locale);
        await phone.SignInAsync("admin");
        await phone.GotoAsync("/Users/Create");

        Assert.False(await phone.Locator("#SupervisedUnitId").IsVisibleAsync());
        await phone.SelectOptionAsync("#Role", "Supervisor");

        Assert.True(await phone.Locator("#SupervisedUnitId").IsVisibleAsync());
        Assert.False(await phone.Locator("#PanelRole").IsVisibleAsync());
        Assert.True(await phone.Locator("#SupervisedUnitId option").CountAsync() >= 8);
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        await BrowserFixture.ScreenshotAsync(phone, $"user-supervisor-{locale}-phone");
        await phone.Context.CloseAsync();
    }
}
