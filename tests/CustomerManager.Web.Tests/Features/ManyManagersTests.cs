using System.Globalization;
using System.Net;
using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Web.Features.Scoring;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// Pages of a company with more managers than a page should list by name (a province has 2,000), on a factory
/// of its own: the demo's eight managers and <see cref="Added"/> more in 城南片区, none of them scored (the last two
/// with the same name).
/// </summary>
public class ManyManagersTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private const int Added = 120;

    private Task EnsureManyManagersAsync() => factory.WithDbAsync(async db =>
    {
        if (await db.AccountManagers.AnyAsync(m => m.EmployeeNumber == "MM001"))
        {
            return;
        }

        var district = await db.DistrictAsync("城南片区");
        for (var i = 1; i <= Added; i++)
        {
            db.AccountManagers.Add(new AccountManager($"MM{i:000}", i > Added - 2 ? "同名经理" : $"经理{i:000}", null, district));
        }

        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task TheCloseCheckNamesFiftyOfTheNotRatedAndCountsTheRest()
    {
        await EnsureManyManagersAsync();
        var id = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q3").Select(c => c.Id).SingleAsync());
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var check = await admin.GetDocumentAsync($"/Cycles/Close/{id}");

        // The demo's four not rated and the 120 added ones: 124, of which 50 by name.
        Assert.Contains("124", check.QuerySelector("#close-check")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(50, check.QuerySelectorAll("#not-rated li").Length);
        Assert.Contains("74", check.QuerySelector("#not-rated-more")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormsOfferATypedBoxWithSuggestionsInsteadOfEveryManager()
    {
        await EnsureManyManagersAsync();
        var customer = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440103100010").Select(c => new { c.Id, c.CurrentManagerId }).SingleAsync());
        var km001 = await factory.ManagerIdAsync("KM001");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        foreach (var (url, box) in new[]
        {
            ($"/Assignments/Reassign?customerId={customer.Id}", "ToManager"),
            ($"/AccountManagers/Deactivate/{km001}", "ToManager"),
            ("/Customers/Create", "Manager"),
            ("/Users/Create", "AccountManager"),
        })
        {
            var page = await admin.GetDocumentAsync(url);
            Assert.True(page.QuerySelector($"input[name={box}][data-manager-lookup]") is not null, url);
            Assert.True(page.QuerySelectorAll("option").Length < 20, url);
        }

        // The suggestions leave out the customer's current manager.
        var current = await factory.QueryAsync(db => db.AccountManagers.Where(m => m.Id == customer.CurrentManagerId).Select(m => m.EmployeeNumber).SingleAsync());
        var reassign = await admin.GetDocumentAsync($"/Assignments/Reassign?customerId={customer.Id}");
        var lookup = reassign.QuerySelector("input[name=ToManager]")!.GetAttribute("data-manager-lookup")!;
        var suggested = await admin.GetStringAsync(lookup + "&q=" + Uri.EscapeDataString(current));
        Assert.DoesNotContain(current, suggested, StringComparison.Ordinal);
        Assert.Contains("KM00", await admin.GetStringAsync("/AccountManagers/Lookup?q=KM00"), StringComparison.Ordinal);

        // A number's suggestions come in number order; a new login's only offer managers without one (am01 is KM001's).
        var numbers = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("/AccountManagers/Lookup?q=MM")).RootElement.EnumerateArray().Select(e => e.GetProperty("value").GetString()).ToList();
        Assert.Equal(numbers.Order(StringComparer.Ordinal), numbers);
        Assert.Equal("MM001", numbers[0]);
        var login = (await admin.GetDocumentAsync("/Users/Create")).QuerySelector("input[name=AccountManager]")!.GetAttribute("data-manager-lookup")!;
        Assert.DoesNotContain("KM001", await admin.GetStringAsync(login + "&q=KM"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MM005", "MM005")]
    [InlineData(" mm006 ", "MM006")]
    [InlineData("经理007", "MM007")]
    [InlineData("KM002", "KM002")]
    public async Task AManagerTypedByEmployeeNumberOrNameIsTheOneAssigned(string typed, string expected)
    {
        await EnsureManyManagersAsync();
        var customerId = await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId != null).OrderBy(c => c.Id).Skip(1).Select(c => c.Id).FirstAsync());
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await admin.SubmitFormAsync($"/Assignments/Reassign?customerId={customerId}", "#assignment-form", new Dictionary<string, string>
        {
            ["ToManager"] = typed,
            ["Reason"] = "片区调整",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(await factory.ManagerIdAsync(expected), await factory.QueryAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.CurrentManagerId).SingleAsync()));
    }

    [Theory]
    [InlineData("无此人")]
    [InlineData("同名经理")]
    public async Task AManagerNobodyOrSeveralAreCalledIsRefusedWithWhatWasTypedAndNothingChanges(string typed)
    {
        await EnsureManyManagersAsync();
        var customer = await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId != null).OrderBy(c => c.Id).Skip(2).Select(c => new { c.Id, c.CurrentManagerId }).FirstAsync());
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await admin.SubmitFormAsync($"/Assignments/Reassign?customerId={customer.Id}", "#assignment-form", new Dictionary<string, string>
        {
            ["ToManager"] = typed,
            ["Reason"] = "片区调整",
        });
        using var created = await admin.SubmitFormAsync("/Customers/Create", "#customer-form", new Dictionary<string, string>
        {
            ["LicenceNumber"] = typed == "无此人" ? "440109765432" : "440109765433",
            ["StoreName"] = "新开超市",
            ["Owner"] = "赵六",
            ["Address"] = "解放路 9 号",
            ["BusinessType"] = "Supermarket",
            ["Manager"] = "ZZ999",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal($"“{typed}”不是某一位在岗客户经理的工号或姓名（查无此人，或有重名）：请输入工号，或从提示中选择。", page.QuerySelector("[data-valmsg-for=ToManagerId]")!.TextContent.Trim());
        var box = page.QuerySelector("input[name=ToManager]")!;
        Assert.Equal(typed, box.GetAttribute("value"));
        Assert.Contains("is-invalid", box.ClassName, StringComparison.Ordinal);
        Assert.Equal("ToManagerId-error", box.GetAttribute("aria-describedby"));
        Assert.NotNull(page.QuerySelector("#form-has-errors"));
        Assert.Equal(customer.CurrentManagerId, await factory.QueryAsync(db => db.Customers.Where(c => c.Id == customer.Id).Select(c => c.CurrentManagerId).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("ZZ999", (await created.ToDocumentAsync()).QuerySelector("[data-valmsg-for=ManagerId]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.Customers.AnyAsync(c => c.LicenceNumber == "440109765432" || c.LicenceNumber == "440109765433")));
    }

    [Fact]
    public async Task ANewCustomerAndANewLoginTakeTheManagerTyped()
    {
        await EnsureManyManagersAsync();
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var customer = await admin.SubmitFormAsync("/Customers/Create", "#customer-form", new Dictionary<string, string>
        {
            ["LicenceNumber"] = "440109765431",
            ["StoreName"] = "河畔便利店",
            ["Owner"] = "钱七",
            ["Address"] = "河畔路 1 号",
            ["BusinessType"] = "ConvenienceStore",
            ["Manager"] = "MM010",
        });
        using var login = await admin.SubmitFormAsync("/Users/Create", "#user-form", new Dictionary<string, string>
        {
            ["UserName"] = "mm011",
            ["DisplayName"] = "经理011",
            ["Role"] = AppRoles.AccountManager,
            ["AccountManager"] = "MM011",
            ["TemporaryPassword"] = "Temp#2026a",
        });

        Assert.Equal(HttpStatusCode.Redirect, customer.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(await factory.ManagerIdAsync("MM010"), await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440109765431").Select(c => c.CurrentManagerId).SingleAsync()));
        Assert.Equal(await factory.ManagerIdAsync("MM011"), await factory.QueryAsync(db => db.Users.Where(u => u.UserName == "mm011").Select(u => u.AccountManagerId).SingleAsync()));
    }

    [Fact]
    public async Task TheCloseCheckAndTheBoardFollowEveryNewOrChangedScore()
    {
        await EnsureManyManagersAsync();
        var id = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q3").Select(c => c.Id).SingleAsync());
        var manager = await factory.ManagerIdAsync("MM050");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var (departmentId, department) = await factory.QueryAsync(db => db.AccountManagers.Where(m => m.Id == manager).Select(m => new ValueTuple<int, string>(m.District.ParentId!.Value, m.District.Parent!.Name)).SingleAsync());
        async Task<string[]> CallCentreWorkAsync()
        {
            var check = await admin.GetDocumentAsync($"/Cycles/Close/{id}");
            return [.. check.QuerySelector($"#seat-work tr[data-seat=CallCentreRep][data-department={department}]")!.QuerySelectorAll("td").Skip(2).Select(t => t.TextContent.Trim())];
        }

        async Task<string> SouthBoardAsync() =>
            (await admin.GetDocumentAsync($"/Cycles/Details/{id}")).QuerySelectorAll("#progress-board tr").Single(r => r.TextContent.Contains("城南片区", StringComparison.Ordinal)).TextContent;

        var before = await CallCentreWorkAsync();
        var boardBefore = await SouthBoardAsync();

        // Two seats score one more manager on a criterion they share, alike, as the scoring page saves; then one of
        // them changes their score.
        async Task<IReadOnlyList<ScoreProblem>?> ScoreAsync(int criterion, PanelRole seat, string member, string value, int version)
        {
            using var scope = factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ScoreRecorder>()
                .SaveAsync(id, manager, member, seat, [new ScoreItem { CycleCriterionId = criterion, Value = value, Version = version }], CancellationToken.None);
        }

        var (shared, other, members) = await factory.QueryAsync(async db =>
        {
            var cycle = await db.Cycles.Include(c => c.Criteria).SingleAsync(c => c.Id == id);
            var criterion = cycle.Criteria.First(c => c.IsScoredBy(PanelRole.CallCentreRep) && Enum.GetValues<PanelRole>().Count(c.IsScoredBy) > 1);
            var second = Enum.GetValues<PanelRole>().First(r => r != PanelRole.CallCentreRep && criterion.IsScoredBy(r));
            // The panel of the manager's department scores them.
            return (criterion.Id, second, await db.DepartmentSeats.Where(s => s.UnitId == departmentId).ToDictionaryAsync(s => s.Role, s => s.UserId));
        });
        Assert.Empty((await ScoreAsync(shared, PanelRole.CallCentreRep, members[PanelRole.CallCentreRep], "80", 0))!);
        Assert.Empty((await ScoreAsync(shared, other, members[other], "80", 0))!);
        var after = await CallCentreWorkAsync();
        var boardAfter = await SouthBoardAsync();
        var flagsAlike = (await admin.GetDocumentAsync($"/Cycles/Close/{id}")).QuerySelector("#flags")?.TextContent ?? string.Empty;
        Assert.Empty((await ScoreAsync(shared, PanelRole.CallCentreRep, members[PanelRole.CallCentreRep], "40", 1))!);
        var flagsApart = (await admin.GetDocumentAsync($"/Cycles/Close/{id}")).QuerySelector("#flags")?.TextContent ?? string.Empty;

        Assert.Equal(int.Parse(before[2], CultureInfo.InvariantCulture) - 1, int.Parse(after[2], CultureInfo.InvariantCulture));
        Assert.NotEqual(boardBefore, boardAfter);
        Assert.DoesNotContain("经理050", flagsAlike, StringComparison.Ordinal);
        Assert.Contains("经理050", flagsApart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRankingShowsAManagerAsTheyAreNow()
    {
        var id = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q2").Select(c => c.Id).SingleAsync());
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        Assert.Contains("陈晓东", (await admin.GetDocumentAsync($"/Results?cycleId={id}")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        await factory.WithDbAsync(async db =>
        {
            var manager = await db.AccountManagers.Include(m => m.District).SingleAsync(m => m.EmployeeNumber == "KM001");
            manager.UpdateProfile("陈晓冬", manager.Phone, manager.District);
            await db.SaveChangesAsync();
        });

        var ranking = (await admin.GetDocumentAsync($"/Results?cycleId={id}")).QuerySelector("main")!.TextContent;
        Assert.Contains("陈晓冬", ranking, StringComparison.Ordinal);
        Assert.DoesNotContain("陈晓东", ranking, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBoardOfALargeCompanyShowsTheDistrictAskedFor()
    {
        await EnsureManyManagersAsync();
        var id = await factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q3").Select(c => c.Id).SingleAsync());
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var whole = await admin.GetDocumentAsync($"/Cycles/Details/{id}");
        var south = await admin.GetDocumentAsync($"/Cycles/Details/{id}?district={Uri.EscapeDataString("城南片区")}");
        var east = await admin.GetDocumentAsync($"/Cycles/Details/{id}?district={Uri.EscapeDataString("城东片区")}");
        var unknown = await admin.GetDocumentAsync($"/Cycles/Details/{id}?district=nowhere");

        // 128 managers: no district chosen, no rows (the summary by district only); a district, its managers.
        Assert.Empty(whole.QuerySelectorAll("table.progress-board tbody tr"));
        Assert.NotNull(whole.QuerySelector("#progress-pick-district"));
        Assert.True(south.QuerySelectorAll("table.progress-board tbody tr").Length >= Added);
        Assert.Contains("经理001", south.QuerySelector("table.progress-board")!.TextContent, StringComparison.Ordinal);
        var eastRows = east.QuerySelectorAll("table.progress-board tbody tr");
        Assert.InRange(eastRows.Length, 1, 8);
        Assert.DoesNotContain("经理001", east.QuerySelector("table.progress-board")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(unknown.QuerySelectorAll("table.progress-board tbody tr"));
    }

    [Fact]
    public async Task ABoxFilledFarBeyondItsLengthIsRefusedWithoutEchoingItAll()
    {
        await EnsureManyManagersAsync();
        var customerId = await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId != null).OrderBy(c => c.Id).Skip(3).Select(c => c.Id).FirstAsync());
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await admin.SubmitFormAsync($"/Assignments/Reassign?customerId={customerId}", "#assignment-form", new Dictionary<string, string>
        {
            ["ToManager"] = new string('x', 5_000),
            ["Reason"] = "片区调整",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = (await response.ToDocumentAsync()).QuerySelector("[data-valmsg-for=ToManagerId]")!.TextContent;
        Assert.Contains(new string('x', 50) + "…", message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 51), message, StringComparison.Ordinal);
    }
}
