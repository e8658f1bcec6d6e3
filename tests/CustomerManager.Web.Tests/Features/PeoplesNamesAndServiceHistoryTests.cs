using System.Globalization;
using System.Net;
using CustomerManager.Domain.Visits;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>People are named by their names, not their logins (inbox replies, visit footers, service history).</summary>
public class PeoplesNamesAndServiceHistoryTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
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
}
