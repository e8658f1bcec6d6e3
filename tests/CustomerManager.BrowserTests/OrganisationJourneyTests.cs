using CustomerManager.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CustomerManager.BrowserTests;

/// <summary>
/// An administrator builds a department with a district in the organisation screen, places a new manager there and
/// finds them by filtering the managers on the department; the screen fits a phone in both languages.
/// </summary>
public class OrganisationJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserTheory]
    [InlineData("zh-CN", "Z")]
    [InlineData("en-US", "E")]
    public async Task AnAdministratorAddsADepartmentAndADistrictAndFiltersOnIt(string locale, string suffix)
    {
        var page = await browser.NewPageAsync(1366, 900, locale);
        await page.SignInAsync("admin");
        await page.GotoAsync("/Units");

        await page.SelectOptionAsync("#Kind", "Department");
        await page.SelectOptionAsync("#ParentId", new SelectOptionValue { Label = locale == "en-US" ? "Demo City Tobacco Company (Company)" : "示范市烟草公司 (公司)" });
        await page.FillAsync("#Code", "NEW" + suffix);
        await page.FillAsync("#Name", "新区营销部" + suffix);
        await page.FillAsync("#NameEn", "New town department " + suffix);
        await page.ClickAsync("#unit-form button[type=submit]");
        await page.Locator("main .alert-success").WaitForAsync();

        // The form comes back ready for the next unit below the one just added.
        Assert.Equal("District", await page.InputValueAsync("#Kind"));
        Assert.Contains(locale == "en-US" ? "New town department " + suffix : "新区营销部" + suffix, await page.Locator("#ParentId option:checked").InnerTextAsync(), StringComparison.Ordinal);
        await page.FillAsync("#Code", "NEW" + suffix + "-1");
        await page.FillAsync("#Name", "新区一片区" + suffix);
        await page.ClickAsync("#unit-form button[type=submit]");
        await page.Locator("main .alert-success").WaitForAsync();
        Assert.Equal(1, await page.Locator($"#units tr[data-unit='NEW{suffix}-1']").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, $"units-{locale}-desktop");

        await page.GotoAsync("/AccountManagers/Create");
        await page.FillAsync("#EmployeeNumber", "KM70" + (suffix == "Z" ? "1" : "2"));
        await page.FillAsync("#Name", "新区经理" + suffix);
        await page.SelectOptionAsync("#District", "新区一片区" + suffix);
        await page.ClickAsync("#manager-form button[type=submit]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/AccountManagers/Details/\\d+$"));

        await page.GotoAsync("/AccountManagers");
        await page.SelectOptionAsync("#district", "新区营销部" + suffix);
        // The filter's own button, the wait for the filtered list started before the click (waiting after a submit
        // from script could miss it).
        await Task.WhenAll(
            page.WaitForURLAsync(url => url.Contains("district=", StringComparison.Ordinal)),
            page.ClickAsync("#manager-filter button[type=submit]"));
        var rows = page.Locator("main table tbody tr");
        Assert.Equal(1, await rows.CountAsync());
        Assert.Contains("KM70", await rows.First.InnerTextAsync(), StringComparison.Ordinal);

        // The ranking of one department, ranked among themselves too, beside every department's tiers.
        await page.GotoAsync("/Results?district=" + Uri.EscapeDataString("城区营销部"));
        Assert.Equal(6, await page.Locator("#ranking td.unit-rank").CountAsync());
        Assert.True(await page.Locator("#distribution-by-department tbody tr").CountAsync() >= 2);
        await BrowserFixture.ScreenshotAsync(page, $"results-department-{locale}-desktop");
        await page.Context.CloseAsync();

        var phone = await browser.NewPageAsync(390, 844, locale);
        await phone.SignInAsync("admin");
        await phone.GotoAsync("/Units");
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        await BrowserFixture.ScreenshotAsync(phone, $"units-{locale}-phone");
        await phone.Locator("#units a", new PageLocatorOptions { HasTextString = locale == "en-US" ? "New town department " + suffix : "新区营销部" + suffix }).ClickAsync();
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        await BrowserFixture.ScreenshotAsync(phone, $"unit-edit-{locale}-phone");
        await phone.Context.CloseAsync();
    }
}
