using System.Globalization;
using System.Net;
using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Organisation;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// The company's structure: the company, its departments and their districts. A manager is placed in an active district;
/// a unit is added, renamed, moved, retired and deleted by its rules; lists filter on a unit and everything below it.
/// </summary>
public class UnitsTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private Task<int> UnitIdAsync(string name) => factory.QueryAsync(db => db.OrgUnits.Where(d => d.Name == name).Select(d => d.Id).SingleAsync());

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<int> AddManagerAsync(string employeeNumber, string district)
    {
        var id = 0;
        await factory.WithDbAsync(async db =>
        {
            var manager = new AccountManager(employeeNumber, "机构测试" + employeeNumber, null, await db.DistrictAsync(district));
            db.AccountManagers.Add(manager);
            await db.SaveChangesAsync();
            id = manager.Id;
        });
        return id;
    }

    private static async Task<HttpResponseMessage> AddUnitAsync(HttpClient admin, UnitKind kind, int? parentId, string code, string name, string nameEn = "") =>
        await admin.SubmitFormAsync("/Units", "#unit-form", new Dictionary<string, string>
        {
            ["Kind"] = kind.ToString(),
            ["ParentId"] = parentId is { } p ? Text(p) : string.Empty,
            ["Code"] = code,
            ["Name"] = name,
            ["NameEn"] = nameEn,
        });

    [Fact]
    public async Task TheDemoCompanyHasTwoDepartmentsEachWithItsDistricts()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await admin.GetDocumentAsync("/Units");
        var rows = page.QuerySelectorAll("#units tbody tr").Select(r => (r.GetAttribute("data-unit"), r.QuerySelectorAll("td")[2].TextContent.Trim())).ToList();

        // In the tree's order, by pinyin: 城区 (chéngqū) before 郊县 (jiāoxiàn); units other tests add are left out.
        Assert.Equal(
            [("HQ", "公司"), ("URB", "营销部"), ("URB-E", "片区"), ("URB-W", "片区"), ("CTY", "营销部"), ("CTY-N", "片区"), ("CTY-S", "片区")],
            rows.Where(r => !r.Item1!.StartsWith("T-", StringComparison.Ordinal) && !r.Item1.StartsWith('X')).ToList());
    }

    [Fact]
    public async Task TheManagerFormOffersActiveDistrictsOnlyAndRefusesANameNotOnIt()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var form = await admin.GetDocumentAsync("/AccountManagers/Create");
        var offered = form.QuerySelectorAll("select#District option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();

        using var department = await admin.SubmitFormAsync("/AccountManagers/Create", "#manager-form", new Dictionary<string, string>
        {
            ["EmployeeNumber"] = "KM300",
            ["Name"] = "错字经理",
            ["District"] = "城区营销部",
        });

        Assert.Contains("城东片区", offered);
        Assert.DoesNotContain("城区营销部", offered);
        Assert.DoesNotContain("示范市烟草公司", offered);
        Assert.Equal(HttpStatusCode.OK, department.StatusCode);
        Assert.StartsWith("请从列表中选择在用的片区", (await department.ToDocumentAsync()).QuerySelector("[data-valmsg-for=District]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.AccountManagers.AnyAsync(m => m.EmployeeNumber == "KM300")));
    }

    [Fact]
    public async Task AnAddedDistrictIsOfferedAndNamesAndCodesAreUsedOnce()
    {
        var urban = await UnitIdAsync("城区营销部");
        var company = await UnitIdAsync("示范市烟草公司");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var added = await AddUnitAsync(admin, UnitKind.District, urban, "X-HT", " 高新片区 ", "Hi-tech district");
        var sameName = await (await AddUnitAsync(admin, UnitKind.District, urban, "X-HT2", "高新片区")).ToDocumentAsync();
        var sameCode = await (await AddUnitAsync(admin, UnitKind.District, urban, "X-HT", "高新二片区")).ToDocumentAsync();
        var badCode = await (await AddUnitAsync(admin, UnitKind.District, urban, "高新", "高新三片区")).ToDocumentAsync();
        var noParent = await (await AddUnitAsync(admin, UnitKind.District, null, "X-HT4", "高新四片区")).ToDocumentAsync();
        var wrongLevel = await (await AddUnitAsync(admin, UnitKind.District, company, "X-HT5", "高新五片区")).ToDocumentAsync();
        var empty = await (await AddUnitAsync(admin, UnitKind.District, urban, "X-HT6", "  ")).ToDocumentAsync();
        var form = await admin.GetDocumentAsync("/AccountManagers/Create");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("已有同名机构。", sameName.QuerySelector("[data-valmsg-for=Name]")!.TextContent.Trim());
        Assert.Equal("已有使用此编码的机构。", sameCode.QuerySelector("[data-valmsg-for=Code]")!.TextContent.Trim());
        Assert.Equal("编码只能由字母、数字、“-”和“_”组成。", badCode.QuerySelector("[data-valmsg-for=Code]")!.TextContent.Trim());
        Assert.Equal("请选择上级机构。", noParent.QuerySelector("[data-valmsg-for=ParentId]")!.TextContent.Trim());
        Assert.Equal("请选择上级机构：片区隶属于营销部，营销部隶属于公司。", wrongLevel.QuerySelector("[data-valmsg-for=ParentId]")!.TextContent.Trim());
        Assert.Equal("此项为必填。", empty.QuerySelector("[data-valmsg-for=Name]")!.TextContent.Trim());
        Assert.Contains(form.QuerySelectorAll("select#District option"), o => o.GetAttribute("value") == "高新片区");
        var unit = await factory.QueryAsync(db => db.OrgUnits.AsNoTracking().SingleAsync(u => u.Name == "高新片区"));
        Assert.Equal(("X-HT", "Hi-tech district", UnitKind.District, (int?)urban, true), (unit.Code, unit.NameEn, unit.Kind, unit.ParentId, unit.IsActive));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(OrgUnit) && a.EntityId == Text(unit.Id))));
    }

    [Fact]
    public async Task RenamingAndMovingADistrictShowsForItsManagersAndInTheFilters()
    {
        var managerId = await AddManagerAsync("KM310", "开发区片区");
        var districtId = await UnitIdAsync("开发区片区");
        var county = await UnitIdAsync("郊县营销部");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var before = await admin.GetDocumentAsync("/AccountManagers?district=郊县营销部");

        using var renamed = await admin.SubmitFormAsync($"/Units/Edit/{districtId}", "#edit-form", new Dictionary<string, string>
        {
            ["Name"] = "经开片区",
            ["Code"] = "X-JK",
            ["ParentId"] = Text(county),
        });
        var details = await admin.GetDocumentAsync($"/AccountManagers/Details/{managerId}");
        var after = await admin.GetDocumentAsync("/AccountManagers?district=郊县营销部");

        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Contains("经开片区", details.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("KM310", before.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("KM310", after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.OrgUnits.AnyAsync(d => d.Name == "开发区片区")));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(OrgUnit) && a.EntityId == Text(districtId) && a.Action == "Updated")));
    }

    [Theory]
    [InlineData("城区营销部")] // a department's name: its districts' managers
    [InlineData("URB")] // or its code
    public async Task AListFilteredOnADepartmentShowsEveryDistrictBelowIt(string unit)
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var managers = await admin.GetDocumentAsync($"/AccountManagers?district={Uri.EscapeDataString(unit)}&pageSize=100");
        var customers = await admin.GetDocumentAsync($"/Customers?district={Uri.EscapeDataString(unit)}");
        var district = await admin.GetDocumentAsync("/Customers?district=城东片区");
        var all = await admin.GetDocumentAsync("/Customers");

        var numbers = managers.QuerySelectorAll("main tbody tr").Select(r => r.TextContent).ToList();
        foreach (var n in new[] { "KM001", "KM002", "KM003", "KM004", "KM005", "KM006" })
        {
            Assert.Contains(numbers, r => r.Contains(n, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(numbers, r => r.Contains("KM007", StringComparison.Ordinal) || r.Contains("KM008", StringComparison.Ordinal));
        static int Total(AngleSharp.Dom.IDocument page) =>
            int.Parse(System.Text.RegularExpressions.Regex.Matches(page.QuerySelector("#pager-summary")!.TextContent, "[0-9]+")[^1].Value, CultureInfo.InvariantCulture);
        Assert.True(Total(district) < Total(customers));
        Assert.True(Total(customers) < Total(all));
    }

    [Fact]
    public async Task ATypoDistrictIsMergedIntoTheRightOneAndGoes()
    {
        var typoManager = await AddManagerAsync("KM320", "城西片 区");
        var typoId = await UnitIdAsync("城西片 区");
        var rightId = await UnitIdAsync("城西片区");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var noTarget = await (await admin.SubmitFormAsync($"/Units/Edit/{typoId}", "#merge-form", new Dictionary<string, string>())).ToDocumentAsync();
        using var merged = await admin.SubmitFormAsync($"/Units/Edit/{typoId}", "#merge-form", new Dictionary<string, string> { ["intoId"] = Text(rightId) });
        var list = await admin.GetDocumentAsync("/Units");

        Assert.Equal("请选择要并入的片区。", noTarget.QuerySelector("[data-valmsg-for=intoId]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal(rightId, await factory.QueryAsync(db => db.AccountManagers.Where(m => m.Id == typoManager).Select(m => m.DistrictId).SingleAsync()));
        Assert.False(await factory.QueryAsync(db => db.OrgUnits.AnyAsync(d => d.Id == typoId)));
        Assert.DoesNotContain(list.QuerySelectorAll("#units td:first-child a"), c => c.TextContent == "城西片 区");
    }

    [Fact]
    public async Task AUnitWithManagersOrActiveUnitsBelowIsNotRetiredAnEmptyOneIsAndComesBack()
    {
        var southId = await UnitIdAsync("城南片区");
        var companyId = await UnitIdAsync("示范市烟草公司");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using (await AddUnitAsync(admin, UnitKind.Department, companyId, "X-NEWDEP", "新区营销部"))
        {
        }

        var departmentId = await UnitIdAsync("新区营销部");
        using (await AddUnitAsync(admin, UnitKind.District, departmentId, "X-TMP", "临时片区"))
        {
        }

        var emptyId = await UnitIdAsync("临时片区");

        using var refused = await admin.SubmitFormAsync($"/Units/Edit/{southId}", "#retire-form", new Dictionary<string, string>());
        var refusedPage = await admin.GetDocumentAsync(refused.Headers.Location!.OriginalString);
        using var departmentRefused = await admin.SubmitFormAsync($"/Units/Edit/{departmentId}", "#retire-form", new Dictionary<string, string>());
        var departmentPage = await admin.GetDocumentAsync(departmentRefused.Headers.Location!.OriginalString);
        using var retired = await admin.SubmitFormAsync($"/Units/Edit/{emptyId}", "#retire-form", new Dictionary<string, string>());
        var form = await admin.GetDocumentAsync("/AccountManagers/Create");
        var filter = await admin.GetDocumentAsync("/Customers");

        Assert.Matches("该机构下还有 2 位客户经理（及其 \\d+ 户客户）", refusedPage.QuerySelector("#flash-warning")!.TextContent);
        Assert.Equal("该机构下还有 1 个在用的下级机构：请先停用或调整它们。", departmentPage.QuerySelector("#flash-warning")!.TextContent.Trim());
        Assert.True(await factory.QueryAsync(db => db.OrgUnits.Where(u => u.Id == southId || u.Id == departmentId).AllAsync(u => u.IsActive)));
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.OrgUnits.Where(u => u.Id == emptyId).Select(u => u.IsActive).SingleAsync()));
        Assert.DoesNotContain(form.QuerySelectorAll("select#District option"), o => o.GetAttribute("value") == "临时片区");
        Assert.DoesNotContain(filter.QuerySelectorAll("select#district option"), o => o.GetAttribute("value") == "临时片区");

        using var back = await admin.SubmitFormAsync($"/Units/Edit/{emptyId}", "#reactivate-form", new Dictionary<string, string>());
        Assert.True(await factory.QueryAsync(db => db.OrgUnits.Where(u => u.Id == emptyId).Select(u => u.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task AUnitWithManagersIsNotDeletedAnEmptyOneIs()
    {
        var southId = await UnitIdAsync("城南片区");
        var countyId = await UnitIdAsync("郊县营销部");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using (await AddUnitAsync(admin, UnitKind.District, countyId, "X-DEL", "待删片区"))
        {
        }

        var emptyId = await UnitIdAsync("待删片区");

        var withManagers = await admin.GetDocumentAsync($"/Units/Edit/{southId}");
        using var refused = await admin.PostAsync($"/Units/Delete/{southId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = withManagers.QuerySelector("#merge-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        var refusedPage = await admin.GetDocumentAsync(refused.Headers.Location!.OriginalString);
        using var deleted = await admin.SubmitFormAsync($"/Units/Edit/{emptyId}", "#delete-form", new Dictionary<string, string>());

        Assert.Null(withManagers.QuerySelector("#delete-form"));
        Assert.NotNull(withManagers.QuerySelector("#cannot-delete"));
        Assert.Contains("该机构下还有 2 位客户经理", refusedPage.QuerySelector("#flash-warning")!.TextContent, StringComparison.Ordinal);
        Assert.True(await factory.QueryAsync(db => db.OrgUnits.AnyAsync(d => d.Id == southId)));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.OrgUnits.AnyAsync(d => d.Id == emptyId)));
    }

    [Fact]
    public async Task BadUnitFormsGetMessagesAndSaveNothing()
    {
        var urban = await UnitIdAsync("城区营销部");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var before = await factory.QueryAsync(db => db.OrgUnits.CountAsync());

        var missingParent = await (await AddUnitAsync(admin, UnitKind.District, 999_999, "X-BAD1", "无上级片区")).ToDocumentAsync();
        var longCode = await (await AddUnitAsync(admin, UnitKind.District, urban, new string('A', 21), "长编码片区")).ToDocumentAsync();
        var longName = await (await AddUnitAsync(admin, UnitKind.District, urban, "X-BAD3", new string('片', 51))).ToDocumentAsync();
        using var oddKind = await admin.SubmitFormAsync("/Units", "#unit-form", new Dictionary<string, string>
        {
            ["Kind"] = "7",
            ["ParentId"] = Text(urban),
            ["Code"] = "X-BAD4",
            ["Name"] = "怪类型",
        });
        using var noToken = await admin.PostAsync("/Units/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Kind"] = "District",
            ["ParentId"] = Text(urban),
            ["Code"] = "X-BAD5",
            ["Name"] = "无令牌片区",
        }));

        Assert.Equal("请选择上级机构：片区隶属于营销部，营销部隶属于公司。", missingParent.QuerySelector("[data-valmsg-for=ParentId]")!.TextContent.Trim());
        Assert.NotEmpty(longCode.QuerySelector("[data-valmsg-for=Code]")!.TextContent.Trim());
        Assert.NotEmpty(longName.QuerySelector("[data-valmsg-for=Name]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, oddKind.StatusCode);
        Assert.NotEmpty((await oddKind.ToDocumentAsync()).QuerySelector("[data-valmsg-for=Kind]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(before, await factory.QueryAsync(db => db.OrgUnits.CountAsync()));
    }

    [Theory]
    [InlineData("am01")]
    [InlineData("sales")]
    [InlineData("monopoly")]
    public async Task OnlyAdministratorsKeepTheStructure(string userName)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);

        using var response = await client.GetAsync("/Units");

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
