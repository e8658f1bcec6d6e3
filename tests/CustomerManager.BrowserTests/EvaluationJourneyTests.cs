using CustomerManager.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CustomerManager.BrowserTests;

/// <summary>
/// The whole evaluation: the administrator re-weights a criterion after looking at the what-if, opens a
/// cycle, the four panel members score three managers, the administrator closes and publishes, and a
/// manager sees their tier and their evaluation form, printed on A4.
/// </summary>
public class EvaluationJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Panel = ["monopoly", "sales", "logistics", "callcentre"];
    private static readonly string[] Rated = ["KM001", "KM002", "KM003"];

    [BrowserTheory]
    [InlineData("zh-CN", "2027 Q1", "2027-01-01", "2027-03-31", "30")]
    [InlineData("en-US", "2027 Q2", "2027-04-01", "2027-06-30", "35")]
    public async Task AdministratorPanelAndManagerGoThroughACycle(string locale, string cycleName, string start, string end, string weight)
    {
        var shot = $"evaluation-{locale}";
        var admin = await browser.NewPageAsync(locale: locale);
        admin.Dialog += (_, dialog) => dialog.AcceptAsync(); // "Open the cycle?" / "Publish?"
        await admin.SignInAsync("admin");

        // 1. Re-weight the first criterion, after looking at what it would do to the latest closed cycle.
        await admin.GotoAsync("/Criteria");
        await admin.Locator("#criteria input[name='Weights[0].Weight']").FillAsync(weight);
        await admin.ClickAsync("#preview-settings");
        await admin.WaitForSelectorAsync("#what-if");
        Assert.True(await admin.Locator("#what-if tbody tr").CountAsync() >= Rated.Length); // every manager the panel scored
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-1-what-if");
        await admin.ClickAsync("#save-settings");
        await admin.WaitForURLAsync("**/Criteria");
        Assert.Equal(weight, await admin.Locator("#criteria input[name='Weights[0].Weight']").InputValueAsync());

        // 2. Finish whatever cycle is still open, then create and open the new one.
        await admin.GotoAsync("/Cycles");
        var openLink = admin.Locator("#cycles tbody tr", new PageLocatorOptions { Has = admin.Locator(".cycle-open") }).Locator("a");
        if (await openLink.CountAsync() > 0)
        {
            await openLink.First.ClickAsync();
            await CloseAndPublishAsync(admin);
        }

        await admin.GotoAsync("/Cycles");
        await admin.FillAsync("#Name", cycleName);
        await admin.FillAsync("#PeriodStart", start);
        await admin.FillAsync("#PeriodEnd", end);
        await admin.ClickAsync("#cycle-form button[type=submit]");
        await admin.WaitForURLAsync("**/Cycles/Details/**");
        var cycleUrl = admin.Url;
        await admin.ClickAsync("#open-cycle");
        await admin.WaitForSelectorAsync("#progress-board");
        Assert.Contains(weight, await admin.InnerTextAsync("#frozen-criteria tbody tr"), StringComparison.Ordinal);

        // 3. Each panel member scores the three managers on the criteria of their seat.
        foreach (var member in Panel)
        {
            var page = await browser.NewPageAsync(locale: locale);
            await page.SignInAsync(member);
            await page.GotoAsync("/Scoring");
            await page.Locator("#managers-to-score a", new PageLocatorOptions { HasText = Rated[0] }).First.ClickAsync();
            foreach (var (employee, i) in Rated.Select((e, i) => (e, i)))
            {
                await page.Locator("h1", new PageLocatorOptions { HasText = employee }).WaitForAsync();
                var inputs = page.Locator(".score-input");
                for (var c = 0; c < await inputs.CountAsync(); c++)
                {
                    await inputs.Nth(c).FillAsync((88 - (i * 9) + c).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                if (member == "monopoly" && i == 0)
                {
                    await BrowserFixture.ScreenshotAsync(page, $"{shot}-2-scoring");
                }

                await page.ClickAsync("#save");
                await page.Locator(".alert-success").WaitForAsync();
                if (i < Rated.Length - 1)
                {
                    await page.GotoAsync("/Scoring");
                    await page.Locator("#managers-to-score a", new PageLocatorOptions { HasText = Rated[i + 1] }).First.ClickAsync();
                }
            }

            await page.Context.CloseAsync();
        }

        // 4. The administrator closes (five managers stay not rated) and publishes.
        await admin.GotoAsync(cycleUrl);
        Assert.Equal(3 * 4, await admin.Locator("#progress-board td.cell-done").CountAsync());
        await CloseAndPublishAsync(admin);
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-3-published");
        await admin.GotoAsync("/Results");
        Assert.Contains(cycleName, await admin.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Equal(8, await admin.Locator("#ranking tbody tr").CountAsync());
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-4-ranking");
        await admin.Context.CloseAsync();

        // 5. The manager sees the new tier and the form, and prints it.
        var manager = await browser.NewPageAsync(locale: locale);
        await manager.SignInAsync("am01");
        Assert.Contains(cycleName, await manager.InnerTextAsync("#my-tier"), StringComparison.Ordinal);
        await manager.GotoAsync("/Results/Mine");
        await manager.Locator("#my-results a").First.ClickAsync();
        await manager.WaitForSelectorAsync("#evaluation-form");
        Assert.Contains(cycleName, await manager.InnerTextAsync("#evaluation-form"), StringComparison.Ordinal);
        Assert.NotEqual("—", (await manager.InnerTextAsync("#final-score")).Trim());
        await manager.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await manager.SetViewportSizeAsync(794, 1123); // A4 portrait at 96 dpi
        Assert.False(await manager.Locator("header").IsVisibleAsync());
        await BrowserFixture.ScreenshotAsync(manager, $"{shot}-5-form-print");
        var pdf = await manager.PdfAsync(new PagePdfOptions { Format = "A4" });
        Assert.True(pdf.Length > 1000);
        await manager.Context.CloseAsync();
    }

    private static async Task CloseAndPublishAsync(IPage admin)
    {
        await admin.ClickAsync("#close-cycle");
        await admin.WaitForSelectorAsync("#confirm-close");
        if (await admin.Locator("#confirmNotRated").CountAsync() > 0)
        {
            await admin.CheckAsync("#confirmNotRated");
        }

        await admin.ClickAsync("#confirm-close button[type=submit]");
        await admin.WaitForSelectorAsync("#publish-cycle");
        await admin.ClickAsync("#publish-cycle");
        await admin.Locator("#cycle-status.cycle-published").WaitForAsync();
    }
}
