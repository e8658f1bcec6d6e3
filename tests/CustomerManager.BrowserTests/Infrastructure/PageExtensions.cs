using CustomerManager.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace CustomerManager.BrowserTests.Infrastructure;

public static class PageExtensions
{
    /// <summary>Signs in through the real form, as a person would.</summary>
    public static async Task SignInAsync(this IPage page, string userName, string password = DemoAccounts.Password)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.Locator("input[name=UserName]").FillAsync(userName);
        await page.Locator("input[name=Password]").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
