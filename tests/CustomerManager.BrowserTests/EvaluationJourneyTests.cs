using CustomerManager.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CustomerManager.BrowserTests;

/// <summary>
/// The whole evaluation, on an app of its own whose clock says 20 November 2026: the administrator re-weights
/// a criterion after looking at the what-if; the four panel members finish scoring last quarter (2026 Q3,
/// whose period is over); the administrator closes and publishes it and opens the current quarter (which
/// cannot close before its period ends); a manager sees their tier, the evidence the panel saw and their
/// evaluation form, printed on A4.
/// </summary>
public class EvaluationJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string LastQuarter = "2026 Q3";
    private static readonly string[] Panel = ["monopoly", "sales", "logistics", "callcentre"];
    private static readonly string[] Rated = ["KM001", "KM002", "KM003"];

    [BrowserTheory]
    [InlineData("zh-CN", "30", "2027年1月1日")]
    [InlineData("en-US", "35", "Friday, January 1, 2027")]
    public async Task AdministratorPanelAndManagerGoThroughACycle(string locale, string weight, string closesOn)
    {
        await using var app = new AppServerFixture();
        var shot = $"evaluation-{locale}";
        var admin = await browser.NewPageAsync(locale: locale, app: app);
        admin.Dialog += (_, dialog) => dialog.AcceptAsync(); // "Open the cycle?" / "Publish?"
        await admin.SignInAsync("admin");

        // 1. Re-weight the first criterion, after looking at what it would do to the latest closed cycle.
        await admin.GotoAsync("/Criteria");
        await admin.Locator("#criteria input[name='Weights[0].Weight']").FillAsync(weight);
        await admin.ClickAsync("#preview-settings");
        await admin.WaitForSelectorAsync("#what-if");
        Assert.Equal(8, await admin.Locator("#what-if tbody tr").CountAsync()); // every manager of 2026 Q2
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-1-what-if");
        await admin.ClickAsync("#save-settings");
        await admin.WaitForURLAsync("**/Criteria");
        Assert.Equal(weight, await admin.Locator("#criteria input[name='Weights[0].Weight']").InputValueAsync());

        // 2. Each panel member finishes scoring the three managers on the criteria of their seat.
        foreach (var member in Panel)
        {
            var page = await browser.NewPageAsync(locale: locale, app: app);
            await page.SignInAsync(member);
            await page.GotoAsync("/Scoring");
            Assert.Contains(LastQuarter, await page.InnerTextAsync("h1"), StringComparison.Ordinal);
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

        // 3. The administrator sees the three done by all four seats, closes (the rest are listed) and publishes.
        await admin.GotoAsync("/Cycles");
        await admin.Locator("#cycles a", new PageLocatorOptions { HasText = LastQuarter }).ClickAsync();
        await admin.WaitForSelectorAsync("#progress-board");
        foreach (var employee in Rated)
        {
            var row = admin.Locator("#progress-board tbody tr", new PageLocatorOptions { HasText = employee });
            Assert.Equal(4, await row.Locator("td.cell-done").CountAsync());
        }

        await admin.ClickAsync("#close-cycle");
        await admin.WaitForSelectorAsync("#confirm-close");
        await admin.CheckAsync("#confirmNotRated");
        await admin.ClickAsync("#confirm-close button[type=submit]");
        await admin.WaitForSelectorAsync("#publish-cycle");
        await admin.ClickAsync("#publish-cycle");
        await admin.Locator("#cycle-status.cycle-published").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-3-published");
        await admin.GotoAsync("/Results");
        Assert.Contains(LastQuarter, await admin.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Equal(8, await admin.Locator("#ranking tbody tr").CountAsync());
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-4-ranking");
        Assert.True(await admin.EvaluateAsync<bool>("() => { const t = document.querySelector('#ranking'); return t.scrollWidth <= t.parentElement.clientWidth; }"), "the ranking is wider than the page");

        // The staff's copy of the form names every panel member beside their score, and still prints on one A4 page.
        await admin.Locator("#ranking tbody tr a").First.ClickAsync();
        await admin.WaitForSelectorAsync("#evaluation-form");
        Assert.Equal(1, PdfPages(await admin.PdfAsync(new PagePdfOptions { Format = "A4" })));

        // 4. The current quarter opens with the new weight frozen; it cannot close before its period ends.
        await admin.GotoAsync("/Cycles");
        await admin.FillAsync("#Name", "2026 Q4");
        await admin.FillAsync("#PeriodStart", "2026-10-01");
        await admin.FillAsync("#PeriodEnd", "2026-12-31");
        await admin.ClickAsync("#cycle-form button[type=submit]");
        await admin.WaitForURLAsync("**/Cycles/Details/**");
        await admin.ClickAsync("#open-cycle");
        await admin.WaitForSelectorAsync("#progress-board");
        Assert.Contains(weight, await admin.InnerTextAsync("#frozen-criteria tbody tr"), StringComparison.Ordinal);
        Assert.Equal(0, await admin.Locator("#close-cycle").CountAsync());
        Assert.Contains(closesOn, await admin.InnerTextAsync("#close-when"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-5-new-quarter-open");
        await admin.Context.CloseAsync();

        // 5. The manager sees the new tier and the form with the evidence the panel saw, and prints it.
        var manager = await browser.NewPageAsync(locale: locale, app: app);
        await manager.SignInAsync("am01");
        Assert.Contains(LastQuarter, await manager.InnerTextAsync("#my-tier"), StringComparison.Ordinal);
        await manager.GotoAsync("/Results/Mine");
        await manager.Locator("#my-results a").First.ClickAsync();
        await manager.WaitForSelectorAsync("#evaluation-form");
        Assert.Contains(LastQuarter, await manager.InnerTextAsync("#evaluation-form"), StringComparison.Ordinal);
        Assert.NotEqual("—", (await manager.InnerTextAsync("#final-score")).Trim());
        Assert.NotEqual("0", (await manager.InnerTextAsync("#form-evidence [data-figure='Evidence.Visits'] .fs-5")).Trim());

        // On the phone the form fits the screen; on paper it is one A4 page, with lines to sign, without the
        // internal "recomputed and checked" note.
        await manager.SetViewportSizeAsync(390, 844);
        Assert.True(await manager.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the form is wider than the phone");
        await BrowserFixture.ScreenshotAsync(manager, $"{shot}-6-form-phone");
        await manager.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await manager.SetViewportSizeAsync(794, 1123); // A4 portrait at 96 dpi
        Assert.False(await manager.Locator("header").IsVisibleAsync());
        Assert.False(await manager.Locator("#recomputed").IsVisibleAsync());
        Assert.Equal(5, await manager.Locator("#form-signatures .signature-line").CountAsync());
        await BrowserFixture.ScreenshotAsync(manager, $"{shot}-7-form-print");
        Assert.Equal(1, PdfPages(await manager.PdfAsync(new PagePdfOptions { Format = "A4" })));
        await manager.Context.CloseAsync();
    }

    private static int PdfPages(byte[] pdf) => System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]");
}
