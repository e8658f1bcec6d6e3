using System.Globalization;
using CustomerManager.BrowserTests.Infrastructure;
using CustomerManager.Domain.Customers;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace CustomerManager.BrowserTests;

/// <summary>
/// Market monitoring (卷烟市场信息采集) on an app of its own (20 November 2026): the administrator adds a specification,
/// raises a guide price and makes a store a collection point; the manager, on a 390×844 phone, records five brands there,
/// one above the guide price; the monopoly leader finds the flag in the inbox and acknowledges it; the market page shows
/// the figures and the weekly chart, and its XLSX export holds what the page shows.
/// </summary>
public class MarketJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserTheory]
    [InlineData("zh-CN", "am01", "KM001", "monopoly", "高于指导价")]
    [InlineData("en-US", "am07", "KM007", "monopoly2", "Price above guide")]
    public async Task AdministratorSetsUpManagerCollectsAndTheMarketPageAndExportShowIt(string locale, string userName, string employeeNumber, string monopolyLeader, string flagKind)
    {
        await using var app = new AppServerFixture();
        var shot = $"market-{locale}";
        var (managerId, store, storeName, district) = await PrepareAsync(app, employeeNumber);

        // 1. The administrator adds a specification and raises a guide price from today.
        var admin = await browser.NewPageAsync(locale: locale, app: app);
        admin.Dialog += (_, dialog) => dialog.AcceptAsync();
        await admin.SignInAsync("admin");
        await admin.GotoAsync("/Brands");
        await admin.SelectOptionAsync("#Spec_BrandId", new SelectOptionValue { Label = "利群" });
        await admin.FillAsync("#Spec_Name", "软长嘴");
        await admin.FillAsync("#Spec_PackPrice", "16.5");
        await admin.FillAsync("#Spec_CartonPrice", "165");
        await admin.ClickAsync("#add-spec");
        await admin.Locator("#brands li[data-spec='软长嘴']").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-1-brands");
        await admin.ClickAsync("#brands tr[data-brand='中华'] li[data-spec='硬'] a");
        await admin.FillAsync("#PackPrice", "46");
        await admin.FillAsync("#CartonPrice", "460");
        await admin.ClickAsync("#set-guide");
        await admin.Locator("#guide-prices tbody tr").Nth(1).WaitForAsync();
        Assert.Equal(2, await admin.Locator("#guide-prices tbody tr").CountAsync());
        Assert.Contains("46", await admin.InnerTextAsync("#guide-prices tbody tr:first-child"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-2-guide-price");

        // 2. ...and makes one of the manager's stores a collection point, from the manager's route plan.
        await admin.GotoAsync($"/VisitPlans?managerId={managerId}");
        await admin.CheckAsync($"#plan-table tr[data-customer-id='{store}'] input[name=ids]");
        await admin.SelectOptionAsync("#bulk-collection-point", "mark");
        await admin.ClickAsync("#bulk-apply");
        await admin.Locator($"#plan-table tr[data-customer-id='{store}'] .collection-point-badge").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-3-collection-point");

        // 3. The manager, on the phone, sees the point on the home and records five brands, one above the guide price.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = locale });
        var phone = await context.NewPageAsync();
        await phone.SignInAsync(userName);
        var point = phone.Locator($"#collection-points .collection-point[data-customer-id='{store}']");
        await point.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(phone, $"{shot}-4-home-phone");
        await point.Locator("a.btn").ClickAsync();
        await phone.WaitForURLAsync($"**/Visits/Create?customerId={store}");
        var grid = phone.Locator("#market-section");
        await grid.WaitForAsync();
        async Task TypeAsync(string spec, string field, string value) =>
            await phone.Locator($"#market-section .market-row[data-spec='{spec}'] input[name$='.{field}']").FillAsync(value);
        await TypeAsync("中华 硬", "PackPrice", "50");
        await TypeAsync("中华 硬", "StockCartons", "4");
        await TypeAsync("利群 软长嘴", "PackPrice", "16.5");
        await TypeAsync("玉溪 软", "PackPrice", "23");
        await TypeAsync("玉溪 软", "StockCartons", "10");
        await TypeAsync("芙蓉王 硬", "StockCartons", "0");
        await TypeAsync("芙蓉王 硬", "DaysOutOfStock", "2");
        await TypeAsync("白沙 精品", "CartonPrice", "100");
        Assert.Equal(1, await phone.Locator("#market-section input.above-guide").CountAsync());
        Assert.Equal("decimal", await phone.Locator("#market-section .market-row[data-spec='中华 硬'] input[name$='.PackPrice']").GetAttributeAsync("inputmode"));
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the visit form is wider than the phone");
        await phone.Locator("#market-section .market-row[data-spec='中华 硬']").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(phone, $"{shot}-5-grid-phone");
        await Task.WhenAll(phone.WaitForURLAsync("**/Visits/Details/**"), phone.ClickAsync("#save-visit"));
        var visitId = phone.Url[(phone.Url.LastIndexOf('/') + 1)..];
        Assert.Equal(5, await phone.Locator("#market-figures tbody tr").CountAsync());
        Assert.Equal(1, await phone.Locator("#market-figures tr.table-warning").CountAsync());
        Assert.Contains("中华 硬 50.00 > 46.00", await phone.InnerTextAsync(".report-priceaboveguide"), StringComparison.Ordinal);
        await phone.Locator("#market-figures").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(phone, $"{shot}-6-visit-phone");
        await context.CloseAsync();

        // 4. The monopoly leader of the manager's department sees the flag and acknowledges it.
        var monopoly = await browser.NewPageAsync(locale: locale, app: app);
        await monopoly.SignInAsync(monopolyLeader);
        await monopoly.GotoAsync("/Inbox");
        var item = monopoly.Locator(".inbox-item", new PageLocatorOptions { HasText = "中华 硬 50.00 > 46.00" });
        Assert.Contains(flagKind, await item.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await item.Locator($"a[href='/Visits/Details/{visitId}']").CountAsync());
        await BrowserFixture.ScreenshotAsync(monopoly, $"{shot}-7-inbox");
        await item.Locator("input[name=Reply]").FillAsync(locale == "zh-CN" ? "已约谈零售户" : "Spoke to the retailer");
        await item.Locator("form[action^='/Inbox/Acknowledge'] button[type=submit]").ClickAsync();
        await monopoly.Locator(".alert-success").WaitForAsync();

        // 5. The market page: the district's figures, the chart by week, the collection point; the export holds the same.
        await monopoly.GotoAsync($"/Market?unit={district}");
        var row = monopoly.Locator("#market-specs tr[data-spec='中华 硬']");
        Assert.Equal("46.00", (await row.Locator("[data-figure=guide]").InnerTextAsync()).Trim());
        Assert.Equal("50.00", (await row.Locator("[data-figure=min-max-pack]").InnerTextAsync()).Split('–')[1].Trim());
        Assert.True(await monopoly.EvaluateAsync<bool>("() => !!window.Chart && !!window.Chart.getChart(document.getElementById('market-chart'))"), "the chart was not drawn");
        Assert.Equal(1, await monopoly.Locator($"#market-points tr[data-customer-id='{store}']").CountAsync());
        Assert.Contains(storeName, await monopoly.InnerTextAsync("#market-points"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(monopoly, $"{shot}-8-market");
        var shown = await monopoly.Locator("#market-specs tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('th').innerText.trim(), r.querySelector('[data-figure=observations]').innerText.replace(/[,\\s]/g, ''), r.querySelector('[data-figure=avg-pack]').innerText.trim(), r.querySelector('[data-figure=above-guide]').innerText.replace('%', '').trim()])");
        var download = await monopoly.RunAndWaitForDownloadAsync(() => monopoly.ClickAsync("#market-export"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        await using var file = File.OpenRead(await download.PathAsync());
        var sheet = file.GetSheetNames()[0];
        var rows = file.Query(useHeaderRow: true, sheetName: sheet, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        static string Text(object? value, string format) => value switch
        {
            null => "—",
            double d => d.ToString(format, CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        };
        Assert.Equal(shown, rows.Select(r => new[] { Text(r.Values.ElementAt(0), "0"), Text(r.Values.ElementAt(3), "0"), Text(r.Values.ElementAt(4), "0.00"), Text(r.Values.ElementAt(10), "0.0") }).ToArray());

        var wide = await browser.NewPageAsync(width: 390, height: 844, locale: locale, app: app);
        await wide.SignInAsync(monopolyLeader);
        await wide.GotoAsync($"/Market?unit={district}");
        await BrowserFixture.ScreenshotAsync(wide, $"{shot}-9-market-phone");
        await wide.Context.CloseAsync();
        await monopoly.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    /// <summary>A trading store of the manager that is not a collection point yet, its name, and the manager's district code.</summary>
    private static async Task<(int ManagerId, int Store, string StoreName, string District)> PrepareAsync(AppServerFixture app, string employeeNumber)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var manager = await db.AccountManagers.Where(m => m.EmployeeNumber == employeeNumber).Select(m => new { m.Id, m.District.Code }).SingleAsync();
        var store = await db.Customers.Where(c => c.CurrentManagerId == manager.Id && c.Status == CustomerStatus.Active && !c.IsCollectionPoint).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.StoreName }).FirstAsync();
        return (manager.Id, store.Id, store.StoreName, manager.Code);
    }
}
