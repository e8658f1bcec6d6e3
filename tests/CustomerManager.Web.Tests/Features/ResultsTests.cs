using System.Net;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

public class ResultsTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private Task<int> PublishedAsync() => factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Published).Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task EveryPublishedResultRecomputesFromWhatTheCycleFroze()
    {
        await factory.WithDbAsync(async db =>
        {
            foreach (var cycle in await db.Cycles.Include(c => c.Criteria).Where(c => c.Status == CycleStatus.Published).ToListAsync())
            {
                var scores = await db.PanelScores.Where(s => s.CycleId == cycle.Id).ToListAsync();
                var results = await db.Results.Where(r => r.CycleId == cycle.Id).ToListAsync();
                Assert.NotEmpty(results);
                foreach (var result in results)
                {
                    var again = cycle.Rate(scores.Where(s => s.AccountManagerId == result.AccountManagerId));
                    Assert.Equal((result.IsRated, result.FinalScore, result.Tier), (again.IsRated, again.FinalScore, again.Tier));
                }
            }
        });
    }

    [Fact]
    public async Task RankingOrdersByScoreWithTiersAndFilters()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/Results");
        var fourStar = await client.GetDocumentAsync("/Results?tier=FourStar");

        var scores = page.QuerySelectorAll("#ranking tbody tr td.final-score").Select(t => decimal.Parse(t.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(8, scores.Count);
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Equal(5, page.QuerySelectorAll("#distribution tr").Length);
        // One of eight managers is 12.5 %, shown rounded half away from zero like every score: 13 %, not 12 %.
        Assert.Equal(2, page.QuerySelectorAll("#distribution tr").Count(tr => tr.TextContent.Contains("13%", StringComparison.Ordinal)));
        Assert.NotNull(page.QuerySelector("canvas#tier-chart[data-values]"));
        Assert.All(fourStar.QuerySelectorAll("#ranking tbody tr td.tier > .tier-badge").Select(b => b.TextContent), t => Assert.Equal("四星级客户经理", t));
    }

    [Theory]
    [InlineData("城区营销部")]
    [InlineData("URB")]
    public async Task ARankingFilteredOnADepartmentRanksItsManagersAmongThemselvesToo(string unit)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var whole = await client.GetDocumentAsync("/Results");
        var department = await client.GetDocumentAsync("/Results?district=" + Uri.EscapeDataString(unit));

        var rows = department.QuerySelectorAll("#ranking tbody tr").Select(r => r.QuerySelectorAll("td")).ToList();
        Assert.Equal(6, rows.Count);
        var companyRanks = rows.Select(r => int.Parse(r[0].TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(companyRanks.Order(), companyRanks);
        Assert.Equal(["1", "2", "3", "4", "5", "6"], rows.Select(r => r[1].TextContent.Trim()));
        Assert.Empty(whole.QuerySelectorAll("#ranking td.unit-rank"));

        // Each department's managers over the tiers, side by side: 城区 has six, 郊县 two.
        var byDepartment = whole.QuerySelectorAll("#distribution-by-department tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelectorAll("td")[^1].TextContent.Trim())).ToList();
        Assert.Equal([("城区营销部", "6"), ("郊县营销部", "2")], byDepartment);
    }

    [Fact]
    public async Task StaffSeeWhoGaveEachScoreOnTheForm()
    {
        var cycle = await PublishedAsync();
        var manager = await factory.ManagerIdAsync("KM002");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync($"/Results/Form?cycleId={cycle}&managerId={manager}");

        Assert.Contains("王建国", page.QuerySelector("#form-criteria")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("四星级客户经理", page.QuerySelector("#form-tier .tier-badge")!.TextContent);
        Assert.Contains("结果一致", page.QuerySelector("#recomputed")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManagerSeesTheirOwnPublishedFormWithoutWhoScoredWhat()
    {
        var cycle = await PublishedAsync();
        var own = await factory.ManagerIdAsync("KM002");
        var other = await factory.ManagerIdAsync("KM001");
        var open = await factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Open).Select(c => c.Id).SingleAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am02");

        using var mine = await client.GetAsync($"/Results/Form?cycleId={cycle}&managerId={own}");
        using var theirs = await client.GetAsync($"/Results/Form?cycleId={cycle}&managerId={other}");
        using var unpublished = await client.GetAsync($"/Results/Form?cycleId={open}&managerId={own}");
        using var ranking = await client.GetAsync("/Results");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var text = (await mine.ToDocumentAsync()).QuerySelector("#form-criteria")!.TextContent;
        Assert.DoesNotContain("王建国", text, StringComparison.Ordinal);
        Assert.DoesNotContain("专卖分管领导", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unpublished.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", ranking.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var history = await client.GetDocumentAsync("/Results/Mine");
        Assert.Single(history.QuerySelectorAll("#my-results a"));
    }

    [Fact]
    public async Task CriterionScoresInTheXlsxAreNumbersASpreadsheetCanSum()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var first = await factory.QueryAsync(db => db.CycleCriteria.Where(c => db.Cycles.Any(y => y.Id == c.CycleId && y.Status == CustomerManager.Domain.Evaluation.CycleStatus.Published)).OrderBy(c => c.SortOrder).Select(c => c.NameZh).FirstAsync());

        using var response = await client.GetAsync("/Results/Export?format=Xlsx");

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, excelType: MiniExcelLibs.ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(8, rows.Count);
        Assert.All(rows, r => Assert.IsType<double>(r[first]));
        Assert.All(rows, r => Assert.Equal(Math.Round((double)r[first], 2), (double)r[first]));
        Assert.IsType<double>(rows[0]["综合得分"]);
    }

    [Fact]
    public async Task RankingExportsWithCriterionColumns()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await client.GetAsync("/Results/Export?format=Csv");

        var table = CustomerManager.Web.Features.CustomerImport.TableFileReader.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(8, table.Rows.Count);
        Assert.Equal("名次", table.Headers[0]);
        Assert.Equal(8 + 5 + 3 + 1, table.Headers.Count); // 8 about the manager, 5 criteria, 3 evidence, flags
        Assert.Equal("1", table.Rows[0].Cells[0]);
    }
}
