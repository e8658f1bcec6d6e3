using System.Globalization;
using System.Net;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Visits;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// People are named by their names, not their logins (inbox replies, visit footers, service history), and the
/// service history's dates agree with its words.
/// </summary>
public class PeoplesNamesAndServiceHistoryTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private static readonly CultureInfo Chinese = new("zh-CN");
    private static readonly CultureInfo English = new("en");

    private async Task<HttpClient> SignedInAsync(string userName, string language = "zh-CN")
    {
        var client = factory.CreateBrowserlessClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return await client.SignedInAsync(userName);
    }

    private static string Squeeze(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>KM005 logs a visit reporting unlicensed retail; the monopoly leader takes it in hand with a reply.</summary>
    private async Task<(int VisitId, int ReportId)> UnlicensedRetailTakenInHandAsync(string place)
    {
        var managerId = await factory.ManagerIdAsync("KM005");
        var customerId = await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId == managerId).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        using var manager = await SignedInAsync("am05");
        using var logged = await manager.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = factory.LocalNow.AddMinutes(-10).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["UnlicensedPlace"] = place,
        });
        var visitId = int.Parse(logged.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var reportId = await factory.QueryAsync(db => db.VisitReports.Where(r => r.VisitId == visitId && r.Kind == ReportKind.UnlicensedRetail).Select(r => r.Id).SingleAsync());
        using var monopoly = await SignedInAsync("monopoly");
        using var taken = await monopoly.SubmitFormAsync("/Inbox?status=New", $"form[action='/Inbox/Acknowledge/{reportId}']", new Dictionary<string, string> { ["Reply"] = "明天去现场" });
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        return (visitId, reportId);
    }

    [Fact]
    public async Task AnInboxReplyNamesWhoRepliedByTheirNameInBothLanguages()
    {
        var (_, reportId) = await UnlicensedRetailTakenInHandAsync("东门夜市流动摊");
        using var chinese = await SignedInAsync("monopoly");
        using var english = await SignedInAsync("monopoly", "en");

        var zh = (await chinese.GetDocumentAsync("/Inbox?status=InHand")).QuerySelector($"[data-report='{reportId}'] .reply")!;
        var en = (await english.GetDocumentAsync("/Inbox?status=InHand")).QuerySelector($"[data-report='{reportId}'] .reply")!;

        Assert.Equal("（王建国）", zh.QuerySelector(".handled-by")!.TextContent);
        Assert.Equal("(王建国)", en.QuerySelector(".handled-by")!.TextContent);
        Assert.DoesNotContain("monopoly", zh.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheVisitFooterNamesWhoHandledAnItemAndAdministratorsCanSeeTheLogin()
    {
        var (visitId, _) = await UnlicensedRetailTakenInHandAsync("南桥下流动摊");
        using var manager = await SignedInAsync("am05", "en");
        using var admin = await SignedInAsync("admin");

        var seenByManager = (await manager.GetDocumentAsync($"/Visits/Details/{visitId}")).QuerySelector(".report-unlicensedretail")!;
        var seenByAdmin = (await admin.GetDocumentAsync($"/Visits/Details/{visitId}")).QuerySelector(".report-unlicensedretail .handled-by")!;

        Assert.Equal("王建国", seenByManager.QuerySelector(".handled-by")!.TextContent);
        Assert.DoesNotContain("monopoly", seenByManager.TextContent, StringComparison.Ordinal);
        Assert.Equal(("王建国", "monopoly"), (seenByAdmin.TextContent, seenByAdmin.GetAttribute("title")));
    }

    [Fact]
    public async Task TheServiceHistoryShowsTheLastDayAManagerServedAndWhoChangedItByName()
    {
        // Demo: the customer 440104100008 moved from its first manager to the next a year ago.
        var id = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440104100008").Select(c => c.Id).SingleAsync());
        var handedOver = await factory.QueryAsync(db => db.CustomerAssignments.Where(a => a.CustomerId == id && a.To != null).Select(a => a.To!.Value).SingleAsync());
        using var chinese = await SignedInAsync("admin");
        using var english = await SignedInAsync("sales", "en");

        var zh = (await chinese.GetDocumentAsync($"/Customers/Details/{id}")).QuerySelector("#assignment-history")!;
        var en = (await english.GetDocumentAsync($"/Customers/Details/{id}")).QuerySelector("#assignment-history")!;

        var rows = zh.QuerySelectorAll("tbody tr");
        Assert.Equal("至今", Squeeze(rows[0].QuerySelector(".served-until")!.TextContent));
        Assert.Equal(handedOver.ToString("d", Chinese), Squeeze(rows[0].QuerySelector(".served-from")!.TextContent));
        Assert.Equal(handedOver.AddDays(-1).ToString("d", Chinese), Squeeze(rows[1].QuerySelector(".served-until")!.TextContent));
        Assert.Equal("最后服务日", Squeeze(zh.QuerySelectorAll("thead th")[2].TextContent));
        Assert.Equal(("系统管理员", "admin"), (Squeeze(rows[0].QuerySelector(".changed-by")!.TextContent), rows[0].QuerySelector(".changed-by")!.GetAttribute("title")));
        var enRows = en.QuerySelectorAll("tbody tr");
        Assert.Equal("to date", Squeeze(enRows[0].QuerySelector(".served-until")!.TextContent));
        Assert.Equal(handedOver.AddDays(-1).ToString("d", English), Squeeze(enRows[1].QuerySelector(".served-until")!.TextContent));
        Assert.Equal("Last day served", Squeeze(en.QuerySelectorAll("thead th")[2].TextContent));
        Assert.Equal("系统管理员", Squeeze(enRows[0].QuerySelector(".changed-by")!.TextContent));
        Assert.Null(enRows[0].QuerySelector(".changed-by")!.GetAttribute("title"));
    }

    [Fact]
    public async Task ASpanCorrectedTheDayItBeganReadsAsNeverServed()
    {
        var (first, wrong, right) = (await factory.ManagerIdAsync("KM006"), await factory.ManagerIdAsync("KM007"), await factory.ManagerIdAsync("KM008"));
        var today = factory.Today;
        var id = 0;
        await factory.WithDbAsync(async db =>
        {
            var customer = new RetailCustomer("440199900001", "更正测试店", "钱七", null, "和平街 9 号", BusinessType.Grocery);
            customer.AssignTo(first, today.AddDays(-30), "新开户", "admin");
            customer.AssignTo(right, today, "片区调整", "admin");
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            id = customer.Id;

            // Today's assignment to the wrong manager, corrected the same day: a span from today to today.
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"CustomerAssignments\" (\"CustomerId\", \"AccountManagerId\", \"From\", \"To\", \"Reason\", \"ChangedBy\") VALUES ({id}, {wrong}, {today}, {today}, '选错经理', 'admin')");
        });
        using var chinese = await SignedInAsync("admin");
        using var english = await SignedInAsync("admin", "en");

        var zh = (await chinese.GetDocumentAsync($"/Customers/Details/{id}")).QuerySelectorAll("#assignment-history tbody tr");
        var en = (await english.GetDocumentAsync($"/Customers/Details/{id}")).QuerySelectorAll("#assignment-history tbody tr");

        Assert.Equal(3, zh.Length);
        Assert.Equal("至今", Squeeze(zh[0].QuerySelector(".served-until")!.TextContent));
        var corrected = Assert.Single(zh, r => r.ClassList.Contains("same-day-correction"));
        Assert.Contains("何志强", corrected.TextContent, StringComparison.Ordinal);
        Assert.Equal("无：当日已更正", Squeeze(corrected.QuerySelector(".served-until")!.TextContent));
        Assert.Equal(today.AddDays(-1).ToString("d", Chinese), Squeeze(zh[2].QuerySelector(".served-until")!.TextContent));
        Assert.Equal("none: corrected the same day", Squeeze(Assert.Single(en, r => r.ClassList.Contains("same-day-correction")).QuerySelector(".served-until")!.TextContent));
    }
}
