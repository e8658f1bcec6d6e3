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
        using var retired = await admin.SubmitFormAsync("/Criteria", $"#retire-{id}", new Dictionary<string, string>());

        Assert.Equal("至少选择一个评分身份。", noSeat.QuerySelector("[data-valmsg-for=ScoredBy]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.True(await factory.QueryAsync(db => db.Criteria.Where(c => c.Id == id).Select(c => c.IsRetired).SingleAsync()));
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
