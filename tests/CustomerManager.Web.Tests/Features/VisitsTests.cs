using System.Globalization;
using System.Net;
using CustomerManager.Domain.Visits;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

public class VisitsTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private async Task<int> OwnCustomerAsync(string employeeNumber, int skip = 0)
    {
        var managerId = await factory.ManagerIdAsync(employeeNumber);
        return await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId == managerId).OrderBy(c => c.Id).Skip(skip).Select(c => c.Id).FirstAsync());
    }

    private string Now(int minutesAgo = 5) => factory.LocalNow.AddMinutes(-minutesAgo).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task ManagerLogsAVisitAndItsItemsReachTheirRecipients()
    {
        var customerId = await OwnCustomerAsync("KM002");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am02");

        using var response = await client.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = Now(),
            ["Kind"] = "OnSite",
            ["Brands"] = "中华",
            ["VolumeCartons"] = "25",
            ["Complaint"] = "送货晚了",
            ["ComplaintResolution"] = "当场联系物流改期",
            ["ComplaintResolvedOnSpot"] = "true",
            ["CustomerSatisfied"] = "true",
            ["ShareWithCallCentre"] = "周五前电话提醒订货",
            ["UnlicensedPlace"] = "桥头流动摊",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var visitId = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        await factory.WithDbAsync(async db =>
        {
            var visit = await db.Visits.Include(v => v.Reports).SingleAsync(v => v.Id == visitId);
            Assert.Equal((25, true, true), (visit.VolumeCartons, visit.ComplaintResolvedOnSpot, visit.CustomerSatisfied!.Value));
            Assert.Equal(["中华"], visit.BrandsRecommended);
            Assert.Equal([ReportKind.CallCentre, ReportKind.UnlicensedRetail], visit.Reports.Select(r => r.Kind).Order());
            Assert.Equal("am02", visit.CreatedBy);
        });

        using var callCentre = await factory.CreateBrowserlessClient().SignedInAsync("callcentre");
        var inbox = await callCentre.GetDocumentAsync("/Inbox?status=New");
        Assert.Contains(inbox.QuerySelectorAll(".inbox-item .message"), m => m.TextContent == "周五前电话提醒订货");
        using var logistics = await factory.CreateBrowserlessClient().SignedInAsync("logistics");
        Assert.DoesNotContain((await logistics.GetDocumentAsync("/Inbox")).QuerySelectorAll(".inbox-item .message"), m => m.TextContent == "周五前电话提醒订货");
        using var monopoly = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");
        Assert.Contains((await monopoly.GetDocumentAsync("/Inbox?status=New")).QuerySelectorAll(".inbox-item .message"), m => m.TextContent == "桥头流动摊");
    }

    [Fact]
    public async Task RecipientAcknowledgesWithAReplyAndTheManagerSeesIt()
    {
        var customerId = await OwnCustomerAsync("KM003");
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am03");
        using var logged = await manager.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = Now(),
            ["ShareWithLogistics"] = "仓库门口限高 2 米",
        });
        var visitUrl = logged.Headers.Location!.OriginalString;
        var reportId = await factory.QueryAsync(db => db.VisitReports.Where(r => r.Message == "仓库门口限高 2 米").Select(r => r.Id).SingleAsync());

        using var logistics = await factory.CreateBrowserlessClient().SignedInAsync("logistics");
        using var ack = await logistics.SubmitFormAsync("/Inbox?status=New", $"form[action='/Inbox/Acknowledge/{reportId}']", new Dictionary<string, string> { ["Reply"] = "改用小车" });

        Assert.Equal(HttpStatusCode.Redirect, ack.StatusCode);
        var page = await manager.GetDocumentAsync(visitUrl);
        var report = page.QuerySelector(".report-logistics")!.TextContent;
        Assert.Contains("已确认", report, StringComparison.Ordinal);
        Assert.Contains("改用小车", report, StringComparison.Ordinal);
        Assert.Contains("赵强", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonopolyLeaderTakesACaseInHandThenClosesIt()
    {
        // The newest waiting case of the leader's department: it comes first in the list of cases in hand once taken.
        var urban = await factory.QueryAsync(db => db.AccountManagers.Where(m => m.District.Parent!.Code == "URB").Select(m => m.Id).ToListAsync());
        var reportId = await factory.QueryAsync(db => db.VisitReports
            .Where(r => r.Kind == ReportKind.Violation && r.Status == ReportStatus.New && urban.Contains(r.AccountManagerId))
            .OrderByDescending(r => r.VisitedAt).Select(r => r.Id).FirstAsync());
        using var monopoly = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");

        using var taken = await monopoly.SubmitFormAsync("/Inbox?status=New", $"form[action='/Inbox/Acknowledge/{reportId}']", new Dictionary<string, string> { ["Reply"] = "已派稽查员" });
        Assert.Equal(ReportStatus.InHand, await factory.QueryAsync(db => db.VisitReports.Where(r => r.Id == reportId).Select(r => r.Status).SingleAsync()));
        using var closed = await monopoly.SubmitFormAsync("/Inbox?status=InHand", $"form[action='/Inbox/Close/{reportId}']", new Dictionary<string, string> { ["Reply"] = "已罚款整改" });

        var report = await factory.QueryAsync(db => db.VisitReports.SingleAsync(r => r.Id == reportId));
        Assert.Equal((ReportStatus.Closed, "已罚款整改", "monopoly"), (report.Status, report.Reply, report.HandledBy));
    }

    [Fact]
    public async Task AnotherSeatCannotHandleAnItemNotForIt()
    {
        var reportId = await factory.QueryAsync(db => db.VisitReports.Where(r => r.Kind == ReportKind.Logistics && r.Status == ReportStatus.New).Select(r => r.Id).FirstAsync());
        using var callCentre = await factory.CreateBrowserlessClient().SignedInAsync("callcentre");
        var token = (await callCentre.GetDocumentAsync("/Inbox")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var response = await callCentre.PostAsync($"/Inbox/Acknowledge/{reportId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ReportStatus.New, await factory.QueryAsync(db => db.VisitReports.Where(r => r.Id == reportId).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task ManagerCannotLogAVisitForACustomerNotTheirs()
    {
        var theirs = await OwnCustomerAsync("KM001");
        var before = await factory.QueryAsync(db => db.Visits.CountAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am04");
        var token = (await client.GetDocumentAsync("/Visits/Create")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var response = await client.PostAsync("/Visits/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["CustomerId"] = theirs.ToString(CultureInfo.InvariantCulture),
            ["VisitedAt"] = Now(),
            ["Kind"] = "OnSite",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("拜访当日该零售户不由您负责。", (await response.ToDocumentAsync()).QuerySelector("[data-valmsg-for=CustomerId]")!.TextContent.Trim());
        Assert.Equal(before, await factory.QueryAsync(db => db.Visits.CountAsync()));
    }

    [Fact]
    public async Task BadVisitInputIsExplainedAndNothingIsSaved()
    {
        var customerId = await OwnCustomerAsync("KM005");
        var before = await factory.QueryAsync(db => db.Visits.CountAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am05");

        using var response = await client.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = factory.LocalNow.AddDays(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["VolumeCartons"] = "-3",
            ["Brands"] = "不存在的牌子",
            ["ComplaintResolvedOnSpot"] = "true",
            ["ViolationDescription"] = "没写类型",
            ["NewPhone"] = "12",
            ["MarketInformation"] = new string('长', 1001),
        });

        var page = await response.ToDocumentAsync();
        string Message(string field) => page.QuerySelector($"[data-valmsg-for={field}]")!.TextContent.Trim();
        Assert.Equal("拜访时间不能晚于现在。", Message("VisitedAt"));
        Assert.Equal("请输入 0 或更大的数（不要负号）。", Message("VolumeCartons"));
        Assert.Equal("请从品牌目录中选择。", Message("Brands"));
        Assert.Equal("已现场解决的投诉需要填写处理措施。", Message("ComplaintResolution"));
        Assert.Equal("请填写违规类型。", Message("ViolationType"));
        Assert.Contains("有效的电话号码", Message("NewPhone"), StringComparison.Ordinal);
        Assert.Equal("最多 1000 个字符。", Message("MarketInformation"));
        Assert.Equal(before, await factory.QueryAsync(db => db.Visits.CountAsync()));
    }

    [Theory]
    [InlineData("8,5")]
    [InlineData("1,000")]
    [InlineData("12.5")]
    [InlineData("1e3")]
    public async Task CartonsAreAWholeNumberTypedAsIsOrRefusedWithTheTextKept(string typed)
    {
        var customerId = await OwnCustomerAsync("KM005", skip: 3);
        var before = await factory.QueryAsync(db => db.Visits.CountAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am05");

        using var response = await client.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = Now(),
            ["VolumeCartons"] = typed,
            ["MarketInformation"] = "竞品降价，需要跟进",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal("请输入整数：只能包含数字，例如 12（不要逗号、空格或小数点）。", page.QuerySelector("[data-valmsg-for=VolumeCartons]")!.TextContent.Trim());
        Assert.Equal(typed, page.QuerySelector("#VolumeCartons")!.GetAttribute("value"));
        Assert.Equal("竞品降价，需要跟进", page.QuerySelector("#MarketInformation")!.TextContent);
        Assert.Equal(before, await factory.QueryAsync(db => db.Visits.CountAsync()));
    }

    [Fact]
    public async Task DataChangeUpdatesTheCustomerRecordAndIsAudited()
    {
        var customerId = await OwnCustomerAsync("KM006");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am06");

        using var response = await client.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = Now(),
            ["NewPhone"] = "13566667777",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal("13566667777", (await db.Customers.SingleAsync(c => c.Id == customerId)).Phone);
            Assert.True(await db.Visits.AnyAsync(v => v.CustomerId == customerId && v.DataChange == "电话变更为 13566667777"));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "RetailCustomer" && a.UserName == "am06" && a.NewValues!.Contains("13566667777")));
        });
    }

    [Fact]
    public async Task AnotherManagersVisitIsNotFoundAndCannotBeEditedOrDeleted()
    {
        var km001 = await factory.ManagerIdAsync("KM001");
        var visitId = await factory.QueryAsync(db => db.Visits.Where(v => v.AccountManagerId == km001).Select(v => v.Id).FirstAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am07");
        var token = (await client.GetDocumentAsync("/Visits")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var details = await client.GetAsync($"/Visits/Details/{visitId}");
        using var edit = await client.GetAsync($"/Visits/Edit/{visitId}");
        using var delete = await client.PostAsync($"/Visits/Delete/{visitId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.True(await factory.QueryAsync(db => db.Visits.AnyAsync(v => v.Id == visitId)));
    }

    [Fact]
    public async Task OldVisitsAndVisitsInAClosedCycleCannotChange()
    {
        // The demo's visits were logged while seeding (now), but the published cycle covers last quarter.
        var km008 = await factory.ManagerIdAsync("KM008");
        var (closedId, openId) = await factory.QueryAsync(async db =>
        {
            var published = await db.Cycles.SingleAsync(c => c.Status == CustomerManager.Domain.Evaluation.CycleStatus.Published);
            var start = published.PeriodStart.ToDateTime(TimeOnly.MinValue);
            var end = published.PeriodEnd.AddDays(1).ToDateTime(TimeOnly.MinValue);
            return (await db.Visits.Where(v => v.AccountManagerId == km008 && v.VisitedAt >= start && v.VisitedAt < end).Select(v => v.Id).FirstAsync(),
                    await db.Visits.Where(v => v.AccountManagerId == km008 && v.VisitedAt >= end && !v.Reports.Any()).OrderByDescending(v => v.VisitedAt).Select(v => v.Id).FirstAsync());
        });
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am08");

        using var closed = await client.GetAsync($"/Visits/Edit/{closedId}");
        var closedPage = await client.GetDocumentAsync($"/Visits/Details/{closedId}");
        using var open = await client.GetAsync($"/Visits/Edit/{openId}");

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Contains("属于已关闭的评定周期“2026 Q2”", closedPage.QuerySelector("#locked-reason")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);

        await factory.WithDbAsync(async db =>
        {
            var eightDaysAgo = factory.Clock.GetUtcNow().UtcDateTime.AddDays(-8);
            await db.Visits.Where(v => v.Id == openId).ExecuteUpdateAsync(s => s.SetProperty(v => v.CreatedUtc, eightDaysAgo));
        });
        using var tooLate = await client.GetAsync($"/Visits/Edit/{openId}");
        Assert.Equal(HttpStatusCode.Redirect, tooLate.StatusCode);
        Assert.Contains("已超过 7 天的修改期限", (await client.GetDocumentAsync($"/Visits/Details/{openId}")).QuerySelector("#locked-reason")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorCorrectsARecentVisitAndItsUnacknowledgedItem()
    {
        var customerId = await OwnCustomerAsync("KM004", skip: 2);
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am04");
        using var logged = await client.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = Now(),
            ["VolumeCartons"] = "3",
            ["ShareWithLogistics"] = "周一送货",
        });
        var id = int.Parse(logged.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);

        using var edited = await client.SubmitFormAsync($"/Visits/Edit/{id}", "#visit-form", new Dictionary<string, string>
        {
            ["VolumeCartons"] = "30",
            ["ShareWithLogistics"] = "周二送货",
        });

        Assert.Equal($"/Visits/Details/{id}", edited.Headers.Location!.OriginalString);
        await factory.WithDbAsync(async db =>
        {
            var visit = await db.Visits.Include(v => v.Reports).SingleAsync(v => v.Id == id);
            Assert.Equal(30, visit.VolumeCartons);
            Assert.Equal("周二送货", visit.Reports.Single().Message);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Visit) && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.UserName == "am04"));
        });
    }

    [Fact]
    public async Task AuthorDeletesARecentVisit()
    {
        var customerId = await OwnCustomerAsync("KM004", skip: 1);
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am04");
        using var logged = await client.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", new Dictionary<string, string> { ["VisitedAt"] = Now() });
        var id = int.Parse(logged.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);

        using var deleted = await client.SubmitFormAsync($"/Visits/Details/{id}", $"form[action='/Visits/Delete/{id}']", new Dictionary<string, string>());

        Assert.Equal("/Visits", deleted.Headers.Location!.OriginalString);
        Assert.False(await factory.QueryAsync(db => db.Visits.AnyAsync(v => v.Id == id)));
    }

    [Fact]
    public async Task TheVisitsExportSaysEverythingTheVisitSays()
    {
        var customerId = await OwnCustomerAsync("KM007", skip: 4);
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am07");
        using var logged = await manager.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = Now(),
            ["Brands"] = "玉溪",
            ["CustomerFeedback"] = "希望多送细支烟",
            ["Complaint"] = "送货晚了",
            ["ComplaintResolution"] = "当场改约",
            ["ComplaintResolvedOnSpot"] = "true",
            ["CustomerSatisfied"] = "true",
        });

        using var export = await manager.GetAsync("/Visits/Export?format=Csv");

        var table = CustomerManager.Web.Features.CustomerImport.TableFileReader.Read(await export.Content.ReadAsByteArrayAsync());
        var row = table.Rows.Single(r => r.Cells.Contains("希望多送细支烟"));
        string Cell(string header) => row.Cells[table.Headers.ToList().IndexOf(header)];
        Assert.Equal("玉溪", Cell("推荐品牌"));
        Assert.Equal("送货晚了", Cell("投诉"));
        Assert.Equal("当场改约", Cell("处理措施"));
    }

    [Theory]
    [InlineData("content=Complaints", "投诉")]
    [InlineData("content=Violations", "违规")]
    [InlineData("content=Shared", "信息共享")]
    public async Task StaffFilterVisitsByContent(string query, string flag)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("sales");

        var page = await client.GetDocumentAsync("/Visits?" + query);

        var rows = page.QuerySelectorAll("#visits tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(flag, r.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManagerSeesOnlyTheirOwnVisitsAndExportsThem()
    {
        var km002 = await factory.ManagerIdAsync("KM002");
        var own = await factory.QueryAsync(db => db.Visits.CountAsync(v => v.AccountManagerId == km002));
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am02");

        var page = await client.GetDocumentAsync("/Visits?managerId=1");
        using var export = await client.GetAsync("/Visits/Export?format=Csv");

        Assert.Contains(own.ToString(CultureInfo.InvariantCulture), page.QuerySelector("#pager-summary")!.TextContent, StringComparison.Ordinal);
        var table = CustomerManager.Web.Features.CustomerImport.TableFileReader.Read(await export.Content.ReadAsByteArrayAsync());
        Assert.Equal(own, table.Rows.Count);
        Assert.All(table.Rows, r => Assert.Equal("KM002", r.Cells[2]));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("monopoly")]
    public async Task OnlyAccountManagersLogVisits(string userName)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);

        using var response = await client.GetAsync("/Visits/Create");

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PanelHomeCountsTheSeatsUnhandledItems()
    {
        // Each department's logistics rep has the items of their own department's managers.
        Task<int> NewItemsAsync(string department) => factory.QueryAsync(db => db.VisitReports.CountAsync(r => r.Kind == ReportKind.Logistics && r.Status == ReportStatus.New
            && db.Visits.Any(v => v.Id == r.VisitId && db.AccountManagers.Any(m => m.Id == v.AccountManagerId && m.District.Parent!.Code == department))));
        var all = await factory.QueryAsync(db => db.VisitReports.CountAsync(r => r.Kind == ReportKind.Logistics && r.Status == ReportStatus.New));
        var (urban, county) = (await NewItemsAsync("URB"), await NewItemsAsync("CTY"));
        Assert.True(urban > 0 && county > 0 && urban + county == all, $"{urban} + {county} of {all}");
        foreach (var (userName, expected) in new[] { ("logistics", urban), ("logistics2", county) })
        {
            using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);

            var home = await client.GetDocumentAsync("/Panel");
            var inbox = await client.GetDocumentAsync("/Inbox");

            Assert.Contains($"收件箱中有 {expected} 项待处理", home.QuerySelector("#inbox-summary")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), inbox.QuerySelector("#unhandled")!.TextContent);
        }
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("am01")]
    public async Task OnlyPanelMembersHaveAnInbox(string userName)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);

        using var response = await client.GetAsync("/Inbox");

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
