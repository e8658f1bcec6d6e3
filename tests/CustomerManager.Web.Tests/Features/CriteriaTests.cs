using System.Globalization;
using System.Net;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

public class CriteriaTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Fact]
    public async Task PreviewShowsTheEffectOnTheLatestClosedCycleAndSavesNothing()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        // Bounds raised by 5: several managers fall a tier, none rises.
        using var preview = await admin.SubmitFormAsync("/Criteria", "#settings-form", new Dictionary<string, string>
        {
            ["FiveStar"] = "95",
            ["FourStar"] = "85",
            ["ThreeStar"] = "75",
            ["Ordinary"] = "65",
        }, action: "/Criteria/Preview");
        var page = await preview.ToDocumentAsync();

        Assert.Contains("2026", page.QuerySelector("#what-if h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(8, page.QuerySelectorAll("#what-if tbody tr").Length);
        Assert.Contains("0", page.QuerySelector("#moving-up")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 ", " " + page.QuerySelector("#moving-down")!.TextContent + " ", StringComparison.Ordinal);
        Assert.Equal(90m, (await factory.QueryAsync(db => db.RatingSettings.SingleAsync())).Bounds.FiveStar);
    }

    [Theory]
    [InlineData("zh-CN", "Weights[0].Weight", "8,5", "请输入数字：只能包含数字和一个小数点，例如 85 或 85.5（不要逗号、空格或其他符号）。")]
    [InlineData("zh-CN", "FiveStar", "abc", "请输入数字：只能包含数字和一个小数点，例如 85 或 85.5（不要逗号、空格或其他符号）。")]
    [InlineData("zh-CN", "FourStar", "1,00", "请输入数字：只能包含数字和一个小数点，例如 85 或 85.5（不要逗号、空格或其他符号）。")]
    [InlineData("zh-CN", "Weights[1].Weight", "12.345", "权重最多保留 2 位小数，例如 12.5。")]
    [InlineData("zh-CN", "Ordinary", "60.005", "等级分数线最多保留 2 位小数（与最终得分一致）。")]
    [InlineData("en", "FiveStar", "abc", "Type the number with digits and at most one decimal point, for example 85 or 85.5 (no commas, spaces or other signs).")]
    [InlineData("en", "Weights[0].Weight", "2,5", "Type the number with digits and at most one decimal point, for example 85 or 85.5 (no commas, spaces or other signs).")]
    public async Task AWeightOrBoundThatIsNotAPlainNumberGetsAMessageInTheUsersLanguageAndStaysTyped(string culture, string field, string typed, string message)
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var _ = await admin.SubmitFormAsync("/Admin", "#language-switch", new Dictionary<string, string> { ["culture"] = culture });
        var before = await factory.QueryAsync(async db => (await db.Criteria.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Weight).ToListAsync(), (await db.RatingSettings.AsNoTracking().SingleAsync()).Bounds));

        using var response = await admin.SubmitFormAsync("/Criteria", "#settings-form", new Dictionary<string, string> { [field] = typed });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.Trim());
        Assert.Equal(typed, page.QuerySelector($"input[name='{field}']")!.GetAttribute("value"));
        var after = await factory.QueryAsync(async db => (await db.Criteria.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Weight).ToListAsync(), (await db.RatingSettings.AsNoTracking().SingleAsync()).Bounds));
        Assert.Equal(before.Item1, after.Item1);
        Assert.Equal(before.Bounds, after.Bounds);
    }

    [Fact]
    public async Task AWeightTypedWithAFullWidthPointIsTheSameNumber()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var last = await factory.QueryAsync(db => db.Criteria.Where(c => !c.IsRetired).OrderByDescending(c => c.SortOrder).Select(c => c.Id).FirstAsync());
        var count = await factory.QueryAsync(db => db.Criteria.CountAsync(c => !c.IsRetired));

        using var saved = await admin.SubmitFormAsync("/Criteria", "#settings-form", new Dictionary<string, string> { [$"Weights[{count - 1}].Weight"] = "１５．５" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(15.5m, await factory.QueryAsync(db => db.Criteria.Where(c => c.Id == last).Select(c => c.Weight).SingleAsync()));
    }

    [Fact]
    public async Task SavedWeightsAndBoundsApplyLaterAndLeaveOpenCyclesAlone()
    {
        var openCycle = await factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Open).Select(c => c.Id).SingleAsync());
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var first = await factory.QueryAsync(db => db.Criteria.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync());

        using var saved = await admin.SubmitFormAsync("/Criteria", "#settings-form", new Dictionary<string, string>
        {
            ["Weights[0].Weight"] = "40",
            ["FiveStar"] = "92",
            ["FourStar"] = "82",
            ["ThreeStar"] = "72",
            ["Ordinary"] = "62",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(40m, (await db.Criteria.SingleAsync(c => c.Id == first)).Weight);
            Assert.Equal(92m, (await db.RatingSettings.SingleAsync()).Bounds.FiveStar);
            var cycle = await db.Cycles.Include(c => c.Criteria).SingleAsync(c => c.Id == openCycle);
            Assert.Equal(25m, cycle.Criteria.Single(c => c.CriterionId == first).Weight);
            Assert.Equal(90m, cycle.Bounds!.FiveStar);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Criterion) && a.UserName == "admin" && a.OldValues!.Contains("25")));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(RatingSettings) && a.NewValues!.Contains("92")));
        });
    }

    [Fact]
    public async Task BadWeightsAndBoundsAreExplainedAndNothingChanges()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var before = await factory.QueryAsync(db => db.Criteria.Select(c => c.Weight).ToListAsync());

        var zero = await (await admin.SubmitFormAsync("/Criteria", "#settings-form", new Dictionary<string, string> { ["Weights[1].Weight"] = "0" })).ToDocumentAsync();
        var order = await (await admin.SubmitFormAsync("/Criteria", "#settings-form", new Dictionary<string, string>
        {
            ["FiveStar"] = "80",
            ["FourStar"] = "85",
        })).ToDocumentAsync();
        var range = await (await admin.SubmitFormAsync("/Criteria", "#settings-form", new Dictionary<string, string> { ["FiveStar"] = "120" }, action: "/Criteria/Preview")).ToDocumentAsync();

        Assert.Equal("权重须大于 0 且不超过 1000。", zero.QuerySelector("[data-valmsg-for='Weights[1].Weight']")!.TextContent.Trim());
        Assert.Equal("等级分数线须从高到低严格递减。", order.QuerySelector("[data-valmsg-for=FiveStar]")!.TextContent.Trim());
        Assert.Equal("等级分数线须在 0 到 100 之间。", range.QuerySelector("[data-valmsg-for=FiveStar]")!.TextContent.Trim());
        Assert.Null(range.QuerySelector("#what-if"));
        Assert.Equal(before, await factory.QueryAsync(db => db.Criteria.Select(c => c.Weight).ToListAsync()));
    }

    [Fact]
    public async Task AFormThatRepeatsACriterionIsRefusedNotA500()
    {
        // Found by the fault script: the page posts each criterion once; a form repeating one crashed the redisplay.
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var before = await factory.QueryAsync(db => db.Criteria.Select(c => c.Weight).ToListAsync());
        var first = await factory.QueryAsync(db => db.Criteria.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync());

        foreach (var action in new[] { "/Criteria/Save", "/Criteria/Preview" })
        {
            using var response = await admin.SubmitFormAsync("/Criteria", "#settings-form", new Dictionary<string, string> { ["Weights[1].CriterionId"] = first.ToString(CultureInfo.InvariantCulture) }, action);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("提交的表单与页面不一致，请刷新页面后重试。", (await response.ToDocumentAsync()).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(before, await factory.QueryAsync(db => db.Criteria.Select(c => c.Weight).ToListAsync()));
    }

    [Fact]
    public async Task CriteriaAreAddedAndRetiredNeverDeleted()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var noSeat = await (await admin.SubmitFormAsync("/Criteria/Create", "#criterion-form", new Dictionary<string, string>
        {
            ["NameZh"] = "服务态度",
            ["NameEn"] = "Service attitude",
            ["Weight"] = "10",
        })).ToDocumentAsync();
        using var created = await admin.SubmitFormAsync("/Criteria/Create", "#criterion-form", new Dictionary<string, string>
        {
            ["NameZh"] = "服务态度",
            ["NameEn"] = "Service attitude",
            ["Weight"] = "10",
            ["ScoredBy"] = "SalesLeader",
        });
        var id = await factory.QueryAsync(db => db.Criteria.Where(c => c.NameZh == "服务态度").Select(c => c.Id).SingleAsync());
        var page = await admin.GetDocumentAsync("/Criteria");
        var retireForm = page.QuerySelector($"#retire-{id}")!;
        using var retired = await admin.SubmitFormAsync("/Criteria", $"#retire-{id}", new Dictionary<string, string>());
        var after = await admin.GetDocumentAsync(retired.Headers.Location!.OriginalString);

        Assert.Equal("至少选择一个评分身份。", noSeat.QuerySelector("[data-valmsg-for=ScoredBy]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("停用评定项“服务态度”？", retireForm.GetAttribute("data-confirm"), StringComparison.Ordinal);
        Assert.Equal("settings-form", retireForm.GetAttribute("data-confirm-dirty"));
        Assert.Contains("会保留在页面上", retireForm.GetAttribute("data-confirm-dirty-text"), StringComparison.Ordinal);
        Assert.Contains("将会丢失", retireForm.GetAttribute("data-confirm-dirty-lost-text"), StringComparison.Ordinal);
        Assert.Contains("评定项“服务态度”已停用", after.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("已停用", after.QuerySelector($"tr[data-criterion='{id}'] .badge")!.TextContent.Trim());
        Assert.Equal("criteria", after.QuerySelector("#settings-form")!.GetAttribute("data-keep-typed"));
        Assert.True(await factory.QueryAsync(db => db.Criteria.Where(c => c.Id == id).Select(c => c.IsRetired).SingleAsync()));

        // The audit log names the new state in a word, not with the flash message's sentence and its placeholder.
        var audit = (await admin.GetDocumentAsync($"/Audit?entityType=Criterion&entityId={id}")).QuerySelector("main")!.TextContent;
        Assert.Contains("已停用", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("{0}", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePreviewShowsTheSharesOfTheWeightsTyped()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var active = await factory.QueryAsync(db => db.Criteria.Where(c => !c.IsRetired).OrderBy(c => c.SortOrder).Select(c => new { c.Id, c.Weight }).ToListAsync());
        var others = active.Skip(1).Sum(c => c.Weight);

        using var preview = await admin.SubmitFormAsync("/Criteria", "#settings-form", new Dictionary<string, string> { ["Weights[0].Weight"] = Format(others) }, action: "/Criteria/Preview");

        var page = await preview.ToDocumentAsync();
        Assert.Equal("50.0%", page.QuerySelector($"[data-share-of='{active[0].Id}']")!.TextContent.Trim());
        Assert.Equal(active[0].Weight, await factory.QueryAsync(db => db.Criteria.Where(c => c.Id == active[0].Id).Select(c => c.Weight).SingleAsync()));

        static string Format(decimal d) => d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData("monopoly")]
    [InlineData("am01")]
    public async Task OnlyAdministratorsChangeCriteria(string userName)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);

        using var response = await client.GetAsync("/Criteria");

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
