using System.Globalization;
using System.Text.RegularExpressions;
using CustomerManager.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CustomerManager.BrowserTests;

/// <summary>
/// Two departments, each with its own panel, through a whole cycle, on an app of its own: the administrator builds
/// 江北营销部 and 江南营销部 with a district and a manager each, fills their panels (江南's call-centre seat left
/// vacant, so opening asks for a confirmation), opens a cycle for a past quarter; each panel scores only its own
/// department's manager; the supervisor, moved to 江北, sees only 江北; the cycle closes with the work missing per
/// department and seat and publishes with a ranking per department beside the departments' tier chart.
/// </summary>
public class DepartmentPanelsJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly (string Code, string Name, string NameEn, string Manager, string ManagerName, string[] Panel)[] Departments =
    [
        ("JB", "江北营销部", "Jiangbei department", "KM801", "江北经理", ["monopoly", "sales", "logistics", "callcentre"]),
        ("JN", "江南营销部", "Jiangnan department", "KM802", "江南经理", ["monopoly2", "sales2", "logistics2"]),
    ];

    private static readonly string[] Seats = ["MonopolyLeader", "SalesLeader", "LogisticsRep", "CallCentreRep"];

    [BrowserTheory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task TwoDepartmentsPanelsScoreTheirOwnManagersThroughACycle(string locale)
    {
        await using var app = new AppServerFixture();
        var english = locale == "en-US";
        var shot = $"departments-{locale}";
        var admin = await browser.NewPageAsync(1366, 900, locale, app);
        admin.Dialog += (_, dialog) => dialog.AcceptAsync(); // "Open the cycle?" / "Publish?"
        await admin.SignInAsync("admin");

        // 1. Two departments, each with a district, a manager and its panel.
        foreach (var (code, name, nameEn, manager, managerName, panel) in Departments)
        {
            await admin.GotoAsync("/Units");
            await admin.SelectOptionAsync("#Kind", "Department");
            await admin.SelectOptionAsync("#ParentId", new SelectOptionValue { Label = english ? "Demo City Tobacco Company (Company)" : "示范市烟草公司 (公司)" });
            await admin.FillAsync("#Code", code);
            await admin.FillAsync("#Name", name);
            await admin.FillAsync("#NameEn", nameEn);
            await admin.ClickAsync("#unit-form button[type=submit]");
            await admin.Locator("main .alert-success").WaitForAsync();
            await admin.FillAsync("#Code", code + "-1");
            await admin.FillAsync("#Name", name[..2] + "一片区");
            await admin.ClickAsync("#unit-form button[type=submit]");
            await admin.Locator("main .alert-success").WaitForAsync();

            await admin.GotoAsync("/AccountManagers/Create");
            await admin.FillAsync("#EmployeeNumber", manager);
            await admin.FillAsync("#Name", managerName);
            await admin.SelectOptionAsync("#District", name[..2] + "一片区");
            await admin.ClickAsync("#manager-form button[type=submit]");
            await admin.WaitForURLAsync(new Regex("/AccountManagers/Details/\\d+$"));

            await admin.GotoAsync("/Units");
            await admin.Locator($"#units tr[data-unit='{code}'] a").First.ClickAsync();
            await admin.WaitForSelectorAsync("#panel-form");
            Assert.Equal(1, await admin.Locator("#panel-incomplete").CountAsync());
            foreach (var (member, seat) in panel.Zip(Seats))
            {
                var option = admin.Locator($"#seat-{seat} option", new PageLocatorOptions { HasTextString = $"({member})" });
                await admin.SelectOptionAsync($"#seat-{seat}", (await option.GetAttributeAsync("value"))!);
            }

            await admin.ClickAsync("#panel-form button[type=submit]");
            await admin.Locator("main .alert-success").WaitForAsync();
            Assert.Equal(panel.Length == 4 ? 0 : 1, await admin.Locator("#panel-incomplete").CountAsync());
            if (code == "JN")
            {
                await BrowserFixture.ScreenshotAsync(admin, $"{shot}-1-panel");
            }
        }

        // 2. A cycle for a quarter that is over: 江南's vacant seat is listed and opening needs the tick.
        await admin.GotoAsync("/Cycles");
        await admin.FillAsync("#Name", "2026 Q1");
        await admin.FillAsync("#PeriodStart", "2026-01-01");
        await admin.FillAsync("#PeriodEnd", "2026-03-31");
        await admin.ClickAsync("#cycle-form button[type=submit]");
        await admin.WaitForURLAsync("**/Cycles/Details/**");
        var cycleId = int.Parse(admin.Url[(admin.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        var vacancies = await admin.InnerTextAsync("#panel-vacancies");
        Assert.Contains(english ? "Jiangnan department: call-centre" : "江南营销部：呼叫代表", vacancies, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(english ? "Jiangbei" : "江北", vacancies, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-2-vacancies");
        await admin.ClickAsync("#open-cycle");
        await admin.Locator("#flash-warning").WaitForAsync();
        Assert.Equal(0, await admin.Locator("#progress-board").CountAsync());
        await admin.CheckAsync("#confirmIncomplete");
        await admin.ClickAsync("#open-cycle");
        await admin.WaitForSelectorAsync("#progress-board");

        // 3. Each panel lists and scores its own department's manager only; the other's is not found.
        foreach (var (_, _, _, manager, _, panel) in Departments)
        {
            var other = Departments.Single(d => d.Manager != manager).Manager;
            foreach (var member in panel)
            {
                var page = await browser.NewPageAsync(390, 844, locale, app);
                await page.SignInAsync(member);
                await page.GotoAsync($"/Scoring?cycleId={cycleId}&pageSize=100");
                var list = await page.InnerTextAsync("#managers-to-score");
                Assert.Contains(manager, list, StringComparison.Ordinal);
                Assert.DoesNotContain(other, list, StringComparison.Ordinal);
                if (member == "sales")
                {
                    Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
                    await BrowserFixture.ScreenshotAsync(page, $"{shot}-3-scoring-list-phone");
                }

                await page.Locator("#managers-to-score a", new PageLocatorOptions { HasText = manager }).ClickAsync();
                await page.Locator("h1", new PageLocatorOptions { HasText = manager }).WaitForAsync();
                var otherId = await OtherManagerIdAsync(admin, other);
                var response = await page.GotoAsync($"/Scoring/Score?cycleId={cycleId}&managerId={otherId}");
                Assert.Equal(404, response!.Status);
                await page.GoBackAsync();
                var inputs = page.Locator(".score-input");
                for (var c = 0; c < await inputs.CountAsync(); c++)
                {
                    await inputs.Nth(c).FillAsync(manager == "KM801" ? "92" : "71");
                }

                await page.ClickAsync("#save");
                await page.Locator(".alert-success").WaitForAsync();
                await page.Context.CloseAsync();
            }
        }

        // 4. The board groups by department; each department's manager is done by each seat it has.
        await admin.GotoAsync($"/Cycles/Details/{cycleId}");
        var sections = admin.Locator("#progress-board .department-progress");
        var north = sections.Filter(new LocatorFilterOptions { HasText = english ? "Jiangbei" : "江北" });
        var south = sections.Filter(new LocatorFilterOptions { HasText = english ? "Jiangnan" : "江南" });
        Assert.Equal(4, await north.Locator("tr", new LocatorLocatorOptions { HasText = "KM801" }).Locator("td.cell-done").CountAsync());
        Assert.Equal(3, await south.Locator("tr", new LocatorLocatorOptions { HasText = "KM802" }).Locator("td.cell-done").CountAsync());
        Assert.Equal(1, await south.Locator(".vacant-seats").CountAsync());
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-4-board");

        // 5. The supervisor, now of 江北, sees 江北 only.
        await admin.GotoAsync("/Users");
        await admin.Locator("#users tbody tr", new PageLocatorOptions { HasText = "supervisor" }).Locator("a").First.ClickAsync();
        var unit = await admin.Locator("#SupervisedUnitId option", new PageLocatorOptions { HasText = english ? "Jiangbei" : "江北营销部" }).GetAttributeAsync("value");
        await admin.SelectOptionAsync("#SupervisedUnitId", unit!);
        await admin.ClickAsync("#user-form button[type=submit]");
        await admin.Locator("main .alert-success").WaitForAsync();

        // 6. Close (the work missing per department and seat is listed), publish, rank within each department.
        await admin.GotoAsync($"/Cycles/Close/{cycleId}");
        await admin.WaitForSelectorAsync("#confirm-close");
        Assert.Equal(0, int.Parse(await admin.InnerTextAsync("#seat-work tr[data-department='江北营销部'][data-seat=MonopolyLeader] td:nth-child(5)"), CultureInfo.InvariantCulture));
        Assert.Contains(english ? "vacant" : "空缺", await admin.InnerTextAsync("#seat-work tr[data-department='江南营销部'][data-seat=CallCentreRep]"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-5-close-check");
        await admin.CheckAsync("#confirmNotRated");
        await admin.ClickAsync("#confirm-close button[type=submit]");
        await admin.WaitForSelectorAsync("#publish-cycle");
        await admin.ClickAsync("#publish-cycle");
        await admin.Locator("#cycle-status.cycle-published").WaitForAsync();

        foreach (var (_, name, _, manager, _, _) in Departments)
        {
            await admin.GotoAsync($"/Results?cycleId={cycleId}&district={Uri.EscapeDataString(name)}");
            var rows = admin.Locator("#ranking tbody tr");
            Assert.Equal(1, await rows.CountAsync());
            Assert.Contains(manager, await rows.First.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("1", (await rows.First.Locator("td.unit-rank").InnerTextAsync()).Trim());
        }

        await admin.GotoAsync($"/Results?cycleId={cycleId}");
        Assert.True(await admin.Locator("#department-chart").IsVisibleAsync());
        Assert.Equal(4, await admin.Locator("#distribution-by-department tbody tr").CountAsync());
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-6-ranking");
        await admin.Context.CloseAsync();

        var supervisor = await browser.NewPageAsync(390, 844, locale, app);
        await supervisor.SignInAsync("supervisor");
        var managers = await supervisor.InnerTextAsync("main table tbody");
        Assert.Contains("KM801", managers, StringComparison.Ordinal);
        Assert.DoesNotContain("KM802", managers, StringComparison.Ordinal);
        Assert.DoesNotContain("KM001", managers, StringComparison.Ordinal);
        await supervisor.GotoAsync($"/Results?cycleId={cycleId}");
        var ranking = await supervisor.InnerTextAsync("#ranking tbody");
        Assert.Contains("KM801", ranking, StringComparison.Ordinal);
        Assert.DoesNotContain("KM802", ranking, StringComparison.Ordinal);
        Assert.True(await supervisor.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        await BrowserFixture.ScreenshotAsync(supervisor, $"{shot}-7-supervisor-phone");
        await supervisor.Context.CloseAsync();
    }

    /// <summary>The id of a manager, read from the administrator's list (the browser knows no ids).</summary>
    private static async Task<string> OtherManagerIdAsync(IPage admin, string employeeNumber)
    {
        var link = await admin.Context.NewPageAsync();
        await link.GotoAsync($"/AccountManagers?q={employeeNumber}");
        var href = await link.Locator("main table tbody tr a").First.GetAttributeAsync("href") ?? throw new InvalidOperationException($"No manager {employeeNumber}");
        await link.CloseAsync();
        return href[(href.LastIndexOf('/') + 1)..];
    }
}
