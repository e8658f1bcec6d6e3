using System.Text;
using CustomerManager.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CustomerManager.BrowserTests;

/// <summary>
/// An administrator sets up a manager and their customers from a file, as a real office would: a first file
/// with mistakes, the corrected file, then ten customers handed to the new manager, who sees exactly those.
/// </summary>
public class CustomerSetupJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string CsvFile(string prefix, bool withMistakes, bool englishHeaders)
    {
        var csv = new StringBuilder(withMistakes || englishHeaders ? "Licence number,Store name,Owner,Phone,Address,Business type,Status\n" : "许可证号,店名,负责人,电话,地址,业态,状态\n");
        for (var i = 1; i <= 50; i++)
        {
            var licence = $"{prefix}{i:000000}";
            var phone = $"1380000{i:0000}";
            var type = "便利店";
            if (withMistakes && i == 7)
            {
                licence = $"{prefix}-{i:000000}";
            }
            else if (withMistakes && i == 21)
            {
                phone = "12345";
            }
            else if (withMistakes && i == 40)
            {
                type = "宇宙飞船";
            }

            csv.Append(CultureInvariant($"{licence},旅程店{i},店主{i},{phone},幸福路{i}号,{type},营业\n"));
        }

        var path = Path.Combine(Path.GetTempPath(), $"journey-{prefix}-{(withMistakes ? "bad" : "good")}.csv");
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(true));
        return path;
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    [BrowserTheory]
    [InlineData("zh-CN", "990800", "KM901", "am901")]
    [InlineData("en-US", "990900", "KM902", "am902")]
    public async Task AdministratorImportsFixesAndReassignsAndTheManagerSeesExactlyThose(string locale, string prefix, string employeeNumber, string userName)
    {
        var shot = $"journey-{locale}";
        var page = await browser.NewPageAsync(locale: locale);
        await page.SignInAsync("admin");

        // 1. A new account manager and their login.
        await page.GotoAsync("/AccountManagers/Create");
        await page.FillAsync("#EmployeeNumber", employeeNumber);
        await page.FillAsync("#Name", "旅程经理" + employeeNumber[^1]);
        await page.FillAsync("#Phone", "13900009999");
        await page.SelectOptionAsync("#District", "城北片区");
        await page.ClickAsync("#manager-form button[type=submit]");
        await page.WaitForURLAsync("**/AccountManagers/Details/**");

        await page.GotoAsync("/Users/Create");
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#DisplayName", "旅程经理" + employeeNumber[^1]);
        await page.SelectOptionAsync("#Role", "AccountManager");
        await page.SelectOptionAsync("#AccountManagerId", new SelectOptionValue { Label = $"旅程经理{employeeNumber[^1]} ({employeeNumber}, 城北片区)" });
        await page.FillAsync("#TemporaryPassword", "Journey#2026");
        await page.ClickAsync("#user-form button[type=submit]");
        await page.WaitForURLAsync("**/Users/Edit/**");

        // 2. The first file has three bad rows: the preview names them and offers nothing to confirm.
        await page.GotoAsync("/CustomerImport");
        await page.SetInputFilesAsync("#file", CsvFile(prefix, withMistakes: true, englishHeaders: locale == "en-US"));
        await page.ClickAsync("#preview");
        await page.WaitForSelectorAsync("#import-errors");
        await BrowserFixture.ScreenshotAsync(page, $"{shot}-1-import-errors");
        var errorRows = await page.Locator("#import-errors tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Equal(["8", "22", "41"], errorRows.Select(r => r.Trim()));
        Assert.Equal("47", await page.InnerTextAsync("#count-new"));
        Assert.Equal(0, await page.Locator("#confirm").CountAsync());

        // 3. The corrected file imports all 50.
        await page.ClickAsync("#upload-again");
        await page.SetInputFilesAsync("#file", CsvFile(prefix, withMistakes: false, englishHeaders: locale == "en-US"));
        await page.ClickAsync("#preview");
        await page.WaitForSelectorAsync("#confirm");
        Assert.Equal("50", await page.InnerTextAsync("#count-new"));
        await BrowserFixture.ScreenshotAsync(page, $"{shot}-2-import-preview");
        await page.ClickAsync("#confirm");
        await page.WaitForURLAsync("**/Customers");
        await BrowserFixture.ScreenshotAsync(page, $"{shot}-3-imported");

        // 4. Ten of them go to the new manager.
        await page.GotoAsync($"/Customers?q={prefix}&pageSize=100&sort=licence");
        Assert.Contains("50", await page.InnerTextAsync("#pager-summary"), StringComparison.Ordinal);
        var boxes = page.Locator("#customers input[name=ids]");
        var chosen = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            await boxes.Nth(i * 3).CheckAsync();
            chosen.Add((await page.Locator("#customers tbody tr").Nth(i * 3).Locator("td").Nth(1).InnerTextAsync()).Trim());
        }

        await page.ClickAsync("#bulk-reassign");
        await page.WaitForURLAsync("**/Assignments/Bulk**");
        Assert.Equal(10, await page.Locator("#selected-customers tbody tr").CountAsync());
        await page.SelectOptionAsync("#ToManagerId", new SelectOptionValue { Label = $"旅程经理{employeeNumber[^1]} ({employeeNumber}, 城北片区)" });
        await page.FillAsync("#Reason", "新客户经理接管");
        await BrowserFixture.ScreenshotAsync(page, $"{shot}-4-reassign");
        await page.ClickAsync("#assign");
        await page.WaitForURLAsync("**/Customers?managerId=**");
        Assert.Equal(10, await page.Locator("#customers tbody tr").CountAsync());
        await page.Context.CloseAsync();

        // 5. The manager signs in (first changing the temporary password) and sees exactly those ten.
        var manager = await browser.NewPageAsync(390, 844, locale);
        await manager.SignInAsync(userName, "Journey#2026");
        Assert.EndsWith("/Account/ChangePassword", new Uri(manager.Url).AbsolutePath, StringComparison.Ordinal);
        await manager.FillAsync("#CurrentPassword", "Journey#2026");
        await manager.FillAsync("#NewPassword", "Mine#2026ok");
        await manager.FillAsync("#ConfirmPassword", "Mine#2026ok");
        await manager.ClickAsync("main form button[type=submit]");
        await manager.WaitForURLAsync("**/MyWork");
        await manager.GotoAsync("/Customers?pageSize=100");
        var seen = await manager.Locator("#customers tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Equal(chosen.Order(), seen.Select(s => s.Trim()).Order());
        await BrowserFixture.ScreenshotAsync(manager, $"{shot}-5-manager-customers-phone");
        await manager.Context.CloseAsync();
    }
}
