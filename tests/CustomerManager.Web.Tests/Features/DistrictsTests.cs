using System.Net;
using CustomerManager.Domain.AccountManagers;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>The managed list of districts: a manager is placed in one of them, and a typo is mended, not multiplied.</summary>
public class DistrictsTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private Task<int> DistrictIdAsync(string name) => factory.QueryAsync(db => db.Districts.Where(d => d.Name == name).Select(d => d.Id).SingleAsync());

    private async Task<int> AddManagerAsync(string employeeNumber, string district)
    {
        var id = 0;
        await factory.WithDbAsync(async db =>
        {
            var manager = new AccountManager(employeeNumber, "片区测试" + employeeNumber, null, await db.DistrictAsync(district));
            db.AccountManagers.Add(manager);
            await db.SaveChangesAsync();
            id = manager.Id;
        });
        return id;
    }

    [Fact]
    public async Task TheManagerFormOffersTheListAndRefusesANameNotOnIt()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var form = await admin.GetDocumentAsync("/AccountManagers/Create");
        var offered = form.QuerySelectorAll("select#District option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();

        using var typo = await admin.SubmitFormAsync("/AccountManagers/Create", "#manager-form", new Dictionary<string, string>
        {
            ["EmployeeNumber"] = "KM300",
            ["Name"] = "错字经理",
            ["District"] = "城东片 区",
        });

        Assert.Equal(["城东片区", "城北片区", "城南片区", "城西片区"], offered.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.OK, typo.StatusCode);
        Assert.StartsWith("请从列表中选择片区", (await typo.ToDocumentAsync()).QuerySelector("[data-valmsg-for=District]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.AccountManagers.AnyAsync(m => m.EmployeeNumber == "KM300")));
        Assert.False(await factory.QueryAsync(db => db.Districts.AnyAsync(d => d.Name == "城东片 区")));
    }

    [Fact]
    public async Task AnAddedDistrictIsOfferedAndANameIsUsedOnce()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var added = await admin.SubmitFormAsync("/Districts", "#district-form", new Dictionary<string, string> { ["Name"] = " 高新片区 " });
        var duplicate = await (await admin.SubmitFormAsync("/Districts", "#district-form", new Dictionary<string, string> { ["Name"] = "高新片区" })).ToDocumentAsync();
        var empty = await (await admin.SubmitFormAsync("/Districts", "#district-form", new Dictionary<string, string> { ["Name"] = "  " })).ToDocumentAsync();
        var form = await admin.GetDocumentAsync("/AccountManagers/Create");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("已有同名片区。", duplicate.QuerySelector("[data-valmsg-for=Name]")!.TextContent.Trim());
        Assert.Equal("此项为必填。", empty.QuerySelector("[data-valmsg-for=Name]")!.TextContent.Trim());
        Assert.Contains(form.QuerySelectorAll("select#District option"), o => o.GetAttribute("value") == "高新片区");
        Assert.Equal(1, await factory.QueryAsync(db => db.Districts.CountAsync(d => d.Name == "高新片区")));
    }

    [Fact]
    public async Task RenamingADistrictRenamesItForItsManagers()
    {
        var managerId = await AddManagerAsync("KM310", "开发区片区");
        var districtId = await DistrictIdAsync("开发区片区");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var renamed = await admin.SubmitFormAsync($"/Districts/Edit/{districtId}", "#rename-form", new Dictionary<string, string> { ["Name"] = "经开片区" });
        var details = await admin.GetDocumentAsync($"/AccountManagers/Details/{managerId}");

        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Contains("经开片区", details.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.Districts.AnyAsync(d => d.Name == "开发区片区")));
    }

    [Fact]
    public async Task ATypoDistrictIsMergedIntoTheRightOneAndGoes()
    {
        var typoManager = await AddManagerAsync("KM320", "城西片 区");
        var typoId = await DistrictIdAsync("城西片 区");
        var rightId = await DistrictIdAsync("城西片区");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var dashboardBefore = await admin.GetDocumentAsync("/Admin");

        var noTarget = await (await admin.SubmitFormAsync($"/Districts/Edit/{typoId}", "#merge-form", new Dictionary<string, string>())).ToDocumentAsync();
        using var merged = await admin.SubmitFormAsync($"/Districts/Edit/{typoId}", "#merge-form", new Dictionary<string, string> { ["intoId"] = rightId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var list = await admin.GetDocumentAsync("/Districts");
        var dashboardAfter = await admin.GetDocumentAsync("/Admin");

        Assert.Equal("请选择要并入的片区。", noTarget.QuerySelector("[data-valmsg-for=intoId]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal(rightId, await factory.QueryAsync(db => db.AccountManagers.Where(m => m.Id == typoManager).Select(m => m.DistrictId).SingleAsync()));
        Assert.False(await factory.QueryAsync(db => db.Districts.AnyAsync(d => d.Id == typoId)));
        Assert.DoesNotContain(list.QuerySelectorAll("#districts td:first-child"), c => c.TextContent == "城西片 区");
        static int Districts(AngleSharp.Dom.IDocument dashboard) => int.Parse(new string([.. dashboard.QuerySelector("#stat-districts")!.TextContent.Where(char.IsAsciiDigit)]), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Districts(dashboardBefore) - 1, Districts(dashboardAfter));
    }

    [Fact]
    public async Task ADistrictWithManagersIsNotDeletedAnEmptyOneIs()
    {
        var southId = await DistrictIdAsync("城南片区");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var _ = await admin.SubmitFormAsync("/Districts", "#district-form", new Dictionary<string, string> { ["Name"] = "临时片区" });
        var emptyId = await DistrictIdAsync("临时片区");

        var withManagers = await admin.GetDocumentAsync($"/Districts/Edit/{southId}");
        using var refused = await admin.PostAsync($"/Districts/Delete/{southId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = withManagers.QuerySelector("#merge-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        var refusedPage = await admin.GetDocumentAsync(refused.Headers.Location!.OriginalString);
        using var deleted = await admin.SubmitFormAsync($"/Districts/Edit/{emptyId}", "#delete-form", new Dictionary<string, string>());

        Assert.Null(withManagers.QuerySelector("#delete-form"));
        Assert.NotNull(withManagers.QuerySelector("#cannot-delete"));
        Assert.Contains("该片区还有 2 位客户经理", refusedPage.QuerySelector("#flash-warning")!.TextContent, StringComparison.Ordinal);
        Assert.True(await factory.QueryAsync(db => db.Districts.AnyAsync(d => d.Id == southId)));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.Districts.AnyAsync(d => d.Id == emptyId)));
    }

    [Theory]
    [InlineData("am01")]
    [InlineData("sales")]
    [InlineData("monopoly")]
    public async Task OnlyAdministratorsKeepTheList(string userName)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);

        using var response = await client.GetAsync("/Districts");

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
