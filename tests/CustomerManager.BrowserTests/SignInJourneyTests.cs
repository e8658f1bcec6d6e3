using CustomerManager.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CustomerManager.BrowserTests;

public class SignInJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserTheory]
    [InlineData("admin", "/Admin", "管理首页")]
    [InlineData("monopoly", "/Panel", "评定工作台")]
    [InlineData("am01", "/MyWork", "您好，陈晓东")]
    public async Task EachRoleSignsInThroughTheFormAndSeesItsHome(string userName, string home, string heading)
    {
        var page = await browser.NewPageAsync();

        await page.SignInAsync(userName);

        Assert.EndsWith(home, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(heading, (await page.Locator("main h1").InnerTextAsync()).Trim());
        await BrowserFixture.ScreenshotAsync(page, $"home-{userName}-desktop");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task WrongPasswordShowsTheMessageOnTheForm()
    {
        var page = await browser.NewPageAsync();

        await page.SignInAsync("am02", "Wrong#Password1");

        Assert.Contains("用户名或密码不正确", await page.Locator(".validation-summary-errors").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task LanguageSwitchChangesThePageTextAndIsRemembered()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin");
        Assert.Equal("管理首页", (await page.Locator("main h1").InnerTextAsync()).Trim());

        await page.Locator("#language-switch button[value=en]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal("Dashboard", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.Contains("Active account managers", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "home-admin-desktop-en");

        await page.GotoAsync("/Admin");
        Assert.Equal("Dashboard", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task PagesAreStyledByBootstrapAndTheSiteStylesheet()
    {
        var page = await browser.NewPageAsync();
        var cspViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                cspViolations.Add(message.Text);
            }
        };

        await page.SignInAsync("am03");

        // The site's darker blue on the navbar (white links on Bootstrap's own blue failed WCAG AA), and .btn on the
        // buttons, the site's own background on the body.
        var navbarBackground = await page.Locator("nav.navbar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var bodyBackground = await page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var statWeight = await page.Locator(".stat-value").First.EvaluateAsync<string>("e => getComputedStyle(e).fontWeight");
        Assert.Equal("rgb(10, 88, 202)", navbarBackground);
        Assert.Equal("rgb(245, 247, 250)", bodyBackground);
        Assert.Equal("600", statWeight);
        Assert.Empty(cspViolations);
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("am04", "/MyWork")]
    [InlineData("sales", "/Panel")]
    [InlineData("admin", "/Admin")]
    public async Task PhoneSizedScreenCollapsesTheMenuAndStillWorks(string userName, string home)
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.SignInAsync(userName);
        await BrowserFixture.ScreenshotAsync(page, $"home-{userName}-phone");

        var toggler = page.Locator(".navbar-toggler");
        Assert.True(await toggler.IsVisibleAsync());
        Assert.False(await page.Locator("#user-menu").IsVisibleAsync());

        await toggler.ClickAsync();
        await page.Locator("#main-nav.show").WaitForAsync(); // Bootstrap adds "show" once the menu has opened
        await page.Locator("#user-menu").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await page.Locator("#user-menu").ClickAsync();
        await page.Locator("#sign-out").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await BrowserFixture.ScreenshotAsync(page, $"menu-{userName}-phone");

        // Nothing is wider than the phone's screen.
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"{home} is {scrollWidth}px wide on a 390px screen");

        await page.Locator("#sign-out").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.EndsWith("/Account/SignIn", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("en", 1200)]
    [InlineData("en", 1366)]
    [InlineData("zh-CN", 1200)]
    [InlineData("zh-CN", 1366)]
    public async Task TheAdministratorsMenuFitsOneLineOnADesktop(string locale, int width)
    {
        var page = await browser.NewPageAsync(width, 800, locale);
        await page.SignInAsync("admin");
        await page.GotoAsync("/Units");

        var bar = await page.Locator("nav.navbar").BoundingBoxAsync();
        Assert.True(bar!.Height < 70, $"the navigation bar is {bar.Height}px high at {width}px in {locale}: it wrapped");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"the page is {scrollWidth}px wide on a {width}px screen in {locale}");

        // The settings pages sit in one menu, which says which of them is open.
        Assert.Contains("active", await page.Locator("#settings-menu").GetAttributeAsync("class"));
        await page.Locator("#settings-menu").ClickAsync();
        var districts = page.Locator("[aria-labelledby=settings-menu] a[href='/Units']");
        await districts.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Equal("page", await districts.GetAttributeAsync("aria-current"));
        var menu = await page.Locator("[aria-labelledby=settings-menu]").BoundingBoxAsync();
        Assert.True(menu!.X >= 0 && menu.X + menu.Width <= width, $"the settings menu spans {menu.X}–{menu.X + menu.Width}px on a {width}px screen");
        await BrowserFixture.ScreenshotAsync(page, $"menu-admin-{locale}-{width}");
        await page.Context.CloseAsync();
    }
}
