using CustomerManager.BrowserTests.Infrastructure;

namespace CustomerManager.BrowserTests;

/// <summary>
/// The paged lists as people page through them: jumping to a page, choosing how many rows a page shows, and
/// search boxes whose hint can be read whole, on a desktop and on a phone, where no list is wider than the screen.
/// </summary>
public class PagingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserTheory]
    [InlineData("zh-CN", "第 76–100 条，共 150 条", "第 1–50 条，共 150 条", "第 101–150 条，共 150 条")]
    [InlineData("en-US", "76–100 of 150", "1–50 of 150", "101–150 of 150")]
    public async Task ThePagerJumpsToAPageAndChangesHowManyRowsAPageShows(string locale, string fourth, string firstOfFifty, string lastOfFifty)
    {
        var page = await browser.NewPageAsync(1366, 900, locale);
        await page.SignInAsync("admin");
        await page.GotoAsync("/Customers?sort=store");

        // On the first page "previous" is not a link (it used to point to page 0).
        Assert.Equal(0, await page.Locator("nav.pager a[rel=prev]").CountAsync());
        Assert.Equal("true", await page.Locator("nav.pager .page-item.disabled .page-link").GetAttributeAsync("aria-disabled"));

        await page.FillAsync("#pager-page", "4");
        await page.ClickAsync("#pager-jump button[type=submit]");
        await page.WaitForURLAsync("**/Customers?sort=store&page=4");
        Assert.Equal(fourth, (await page.InnerTextAsync("#pager-summary")).Trim());
        Assert.Equal("▲", (await page.InnerTextAsync("th[aria-sort=ascending]")).Trim()[^1..]); // the sort went along
        await BrowserFixture.ScreenshotAsync(page, $"list-{locale}-1-pager-desktop");

        // Choosing a size applies at once (no button to press) and starts again at the first page.
        Assert.True(await page.Locator("#pager-size-form button[type=submit]").IsHiddenAsync());
        // Listening for the navigation before choosing: the change submits the form at once, and on a busy machine the
        // new page could arrive before a wait started afterwards has subscribed.
        var resized = page.WaitForURLAsync("**/Customers?sort=store&pageSize=50");
        await page.SelectOptionAsync("#pager-size", "50");
        await resized;
        Assert.Equal(firstOfFifty, (await page.InnerTextAsync("#pager-summary")).Trim());
        Assert.Equal(50, await page.Locator("#customers tbody tr").CountAsync());

        // The jump keeps the size.
        await page.FillAsync("#pager-page", "3");
        await page.PressAsync("#pager-page", "Enter");
        await page.WaitForURLAsync("**/Customers?sort=store&pageSize=50&page=3");
        Assert.Equal(lastOfFifty, (await page.InnerTextAsync("#pager-summary")).Trim());
        Assert.Equal(0, await page.Locator("nav.pager a[rel=next]").CountAsync());
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("zh-CN", 1366, 900)]
    [InlineData("en-US", 1366, 900)]
    [InlineData("zh-CN", 390, 844)]
    [InlineData("en-US", 390, 844)]
    public async Task EverySearchHintCanBeReadWholeAndNoListIsWiderThanTheScreen(string locale, int width, int height)
    {
        var page = await browser.NewPageAsync(width, height, locale);
        await page.SignInAsync("admin");
        var device = width < 768 ? "phone" : "desktop";
        foreach (var list in new[] { "/Customers", "/AccountManagers", "/Visits", "/Users", "/Audit" })
        {
            await page.GotoAsync(list);
            var cut = await page.EvaluateAsync<string[]>(
                """
                () => {
                    const canvas = document.createElement('canvas').getContext('2d');
                    return [...document.querySelectorAll('main input[placeholder]')].filter(input => {
                        const style = getComputedStyle(input);
                        canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
                        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                        return canvas.measureText(input.placeholder).width > room;
                    }).map(input => `${input.id}: "${input.placeholder}" (${input.clientWidth}px)`);
                }
                """);
            Assert.True(cut.Length == 0, $"{list} ({locale}, {width}px): hints cut off: {string.Join("; ", cut)}");
            var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(pageWidth <= width, $"{list} is {pageWidth}px wide on a {width}px screen ({locale})");
            await BrowserFixture.ScreenshotAsync(page, $"list-{locale}-{list.Trim('/').ToLowerInvariant()}-{device}");
        }

        // Pages with tables of their own: none is wider than the screen. The criteria's weights fit whole; the manager's
        // page may let its long lists scroll sideways in their cards, but not its tier history.
        foreach (var (screen, tables) in new[] { ("/Criteria", "#criteria"), ("/AccountManagers/Details/1", "main table:not(.table-responsive table)") })
        {
            await page.GotoAsync(screen);
            var wide = await page.EvaluateAsync<string[]>("selector => [...document.querySelectorAll(selector)].filter(t => t.scrollWidth > t.parentElement.clientWidth + 1).map(t => `${t.id || t.className}: ${t.scrollWidth}px in ${t.parentElement.clientWidth}px`)", tables);
            var screenWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            var beyond = await page.EvaluateAsync<string[]>(
                """
                width => [...document.querySelectorAll('body *')].filter(e => {
                    if (e.getBoundingClientRect().right <= width + 0.5) return false;
                    for (let a = e.parentElement; a; a = a.parentElement) {
                        if (['auto', 'hidden', 'scroll'].includes(getComputedStyle(a).overflowX)) return false;
                    }
                    return true;
                }).slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 30)}"`)
                """, width);
            Assert.True(wide.Length == 0 && screenWidth <= width, $"{screen} ({locale}, {width}px) is {screenWidth}px wide: {string.Join("; ", wide.Concat(beyond))}");
        }

        await page.Context.CloseAsync();
    }
}
