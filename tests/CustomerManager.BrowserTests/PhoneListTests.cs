using System.Text.RegularExpressions;
using CustomerManager.BrowserTests.Infrastructure;

namespace CustomerManager.BrowserTests;

/// <summary>
/// Lists on a phone: visits as cards, rows that open their record wherever they are tapped (on a desktop too),
/// phone numbers that dial, and a visit time field shown whole.
/// </summary>
public partial class PhoneListTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex(@"/Customers/Details/\d+$")]
    private static partial Regex CustomerDetails();

    [GeneratedRegex(@"/Visits/Details/\d+$")]
    private static partial Regex VisitDetails();

    [BrowserTheory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task OnAPhoneVisitsAreCardsThatOpenTheVisitAndCustomersDialAndOpenWhenTapped(string locale)
    {
        var phone = await browser.NewPageAsync(390, 844, locale);
        await phone.SignInAsync("am02");

        await phone.GotoAsync("/Visits");
        Assert.True(await phone.Locator("#visit-cards").IsVisibleAsync());
        Assert.True(await phone.Locator("#visits").IsHiddenAsync());
        Assert.Equal(25, await phone.Locator("#visit-cards > a").CountAsync());
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        await BrowserFixture.ScreenshotAsync(phone, $"list-{locale}-2-visits-phone");
        await phone.Locator("#visit-cards > a").First.ClickAsync();
        await phone.WaitForURLAsync(VisitDetails());

        await phone.GotoAsync("/Customers");
        var firstRow = phone.Locator("#customers tbody tr").First;
        var tel = await firstRow.Locator("a[href^='tel:']").First.GetAttributeAsync("href");
        Assert.Matches(@"^tel:\+?\d+$", tel);
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        await BrowserFixture.ScreenshotAsync(phone, $"list-{locale}-3-customers-phone");

        // A tap on the row beside the name (here on the status) opens the customer.
        await firstRow.Locator("td").Last.ClickAsync();
        await phone.WaitForURLAsync(CustomerDetails());

        // The visit time field shows the whole date and time.
        await phone.GotoAsync("/Visits/Create");
        await phone.FillAsync("#VisitedAt", "2026-11-19T10:30");
        var field = await phone.EvaluateAsync<int[]>("() => { const f = document.getElementById('VisitedAt'); const r = f.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.right), f.scrollWidth, f.clientWidth]; }");
        Assert.True(field[0] >= 0 && field[1] <= 390, $"the visit time field spans {field[0]}–{field[1]}px on a 390px screen");
        Assert.True(field[2] <= field[3], $"the visit time field's text needs {field[2]}px and has {field[3]}px");
        await BrowserFixture.ScreenshotAsync(phone, $"list-{locale}-4-visit-time-phone");
        await phone.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task OnADesktopAVisitRowOpensTheVisitWhereverItIsClicked()
    {
        var page = await browser.NewPageAsync(1366, 900);
        await page.SignInAsync("monopoly");
        await page.GotoAsync("/Visits");
        Assert.True(await page.Locator("#visit-cards").IsHiddenAsync());

        await page.Locator("#visits tbody tr").Nth(2).Locator("td.text-end").ClickAsync();

        await page.WaitForURLAsync(VisitDetails());
        await page.Context.CloseAsync();
    }
}
