using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// Issue 10: lists that a province makes long (millions of visits, hundreds of thousands of items and customers,
/// 2,000 managers) count only so far, page on their own keys, start from a window, and never send every row.
/// </summary>
public class LongListsTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Fact]
    public async Task ALongListIsCountedOnlyUpToItsLimitAndStillPagesOnUntilItEnds()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var customers = db.Customers.AsNoTracking();
        var all = await customers.OrderBy(c => c.LicenceNumber).Select(c => c.Id).ToListAsync();
        Assert.True(all.Count > 30, "the demo has enough customers for this test");
        Task<PagedList<Row>> PageAsync(int page) => customers.ToBoundedPagedListAsync(
            c => c.OrderBy(x => x.LicenceNumber).Select(x => x.Id),
            ids => db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new Row(c.Id, c.LicenceNumber)),
            r => r.Id,
            page,
            5,
            CancellationToken.None,
            countLimit: 20);

        var first = await PageAsync(1);
        var beyondTheCount = await PageAsync(6);
        var pastTheEnd = await PageAsync(1000);

        Assert.True(first.TotalIsAtLeast);
        Assert.Equal(20, first.TotalCount);
        Assert.Equal(all.Take(5), first.Items.Select(r => r.Id));
        Assert.True(first.HasNext);

        // Page 6 lies beyond the 20 rows counted: it is there all the same, in the list's order.
        Assert.Equal(6, beyondTheCount.Page);
        Assert.Equal(all.Skip(25).Take(5), beyondTheCount.Items.Select(r => r.Id));
        Assert.Equal(26, beyondTheCount.FirstItem);
        Assert.Equal(30, beyondTheCount.LastItem);

        // A jump past the end is the one time the list is counted whole: it shows the real last page.
        Assert.False(pastTheEnd.TotalIsAtLeast);
        Assert.Equal(all.Count, pastTheEnd.TotalCount);
        Assert.Equal((all.Count + 4) / 5, pastTheEnd.Page);
        Assert.Equal(all.Skip((pastTheEnd.Page - 1) * 5), pastTheEnd.Items.Select(r => r.Id));
        Assert.False(pastTheEnd.HasNext);
    }

    [Fact]
    public async Task EveryonesVisitsStartWithTheLastThirtyDaysAndTheDatesGoFurtherBack()
    {
        var since = factory.Today.AddDays(-30);
        var (recent, older) = await factory.QueryAsync(async db =>
        {
            var start = since.ToDateTime(TimeOnly.MinValue);
            return (await db.Visits.CountAsync(v => v.VisitedAt >= start), await db.Visits.CountAsync(v => v.VisitedAt < start));
        });
        Assert.True(older > 0, "the demo has visits older than 30 days");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/Visits");
        var wider = await client.GetDocumentAsync("/Visits?from=2000-01-01");

        Assert.Equal(since.ToString("yyyy-MM-dd", Invariant), page.QuerySelector("#from")!.GetAttribute("value"));
        Assert.Contains("显示最近 30 天的拜访", page.QuerySelector("#default-window")!.TextContent, StringComparison.Ordinal);
        Assert.EndsWith($"共 {recent:N0} 条", page.QuerySelector("#pager-summary")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.EndsWith($"共 {recent + older:N0} 条", wider.QuerySelector("#pager-summary")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(wider.QuerySelector("#default-window"));
    }

    [Fact]
    public async Task AManagerIsFoundByEmployeeNumberOrNameWithSuggestionsNotAListOfEveryone()
    {
        var (chen, chenVisits, chenCustomers) = await factory.QueryAsync(async db =>
        {
            var m = await db.AccountManagers.SingleAsync(x => x.EmployeeNumber == "KM001");
            return (m.Name, await db.Visits.CountAsync(v => v.AccountManagerId == m.Id), await db.Customers.CountAsync(c => c.CurrentManagerId == m.Id));
        });
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var visits = await client.GetDocumentAsync("/Visits?manager=km001&from=2000-01-01");
        var customers = await client.GetDocumentAsync($"/Customers?manager={Uri.EscapeDataString(chen)}");
        var suggestions = await client.GetFromJsonAsync<List<Suggestion>>("/AccountManagers/Lookup?q=KM00");

        Assert.Empty(visits.QuerySelectorAll("#managerId option"));
        Assert.Equal("km001", visits.QuerySelector("input#manager")!.GetAttribute("value"));
        Assert.EndsWith($"共 {chenVisits:N0} 条", visits.QuerySelector("#pager-summary")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.EndsWith($"共 {chenCustomers:N0} 条", customers.QuerySelector("#pager-summary")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.All(customers.QuerySelectorAll("#customers tbody tr"), row => Assert.Contains(chen, row.TextContent, StringComparison.Ordinal));
        Assert.Contains(suggestions!, s => s.Value == "KM001" && s.Label.StartsWith(chen, StringComparison.Ordinal));
        Assert.InRange(suggestions!.Count, 8, 20);
    }

    [Fact]
    public async Task AccountManagersGetNoManagerSuggestions()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am01");

        using var response = await client.GetAsync("/AccountManagers/Lookup?q=KM");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheRankingShowsAPageOfManagersAndTheExportHasThemAll()
    {
        var published = await factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Published).OrderByDescending(c => c.PeriodEnd).Select(c => c.Id).FirstAsync());
        var results = await factory.QueryAsync(db => db.Results.CountAsync(r => r.CycleId == published));
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var first = await client.GetDocumentAsync($"/Results?cycleId={published}&pageSize=3");
        var second = await client.GetDocumentAsync($"/Results?cycleId={published}&pageSize=3&page=2");
        var csv = await client.GetStringAsync($"/Results/Export?cycleId={published}&format=Csv");

        Assert.Equal(3, first.QuerySelectorAll("#ranking tbody tr").Length);
        Assert.Equal(["1", "2", "3"], first.QuerySelectorAll("#ranking tbody tr td:first-child").Select(td => td.TextContent.Trim()));
        Assert.Equal(["4", "5", "6"], second.QuerySelectorAll("#ranking tbody tr td:first-child").Select(td => td.TextContent.Trim()));
        Assert.EndsWith($"共 {results} 条", first.QuerySelector("#pager-summary")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(results + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // the header and every manager
    }

    [Fact]
    public async Task TheProgressBoardSumsUpByDistrictAndShowsOneDistrictsManagers()
    {
        var cycle = await factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Open).Select(c => c.Id).SingleAsync());
        var east = await factory.QueryAsync(db => db.AccountManagers.Where(m => m.IsActive && m.District.Name == "城东片区").Select(m => m.Name).ToListAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var board = await client.GetDocumentAsync($"/Cycles/Details/{cycle}?district={Uri.EscapeDataString("城东片区")}");

        var districts = board.QuerySelectorAll("#progress-board .progress-by-district tbody tr");
        Assert.Contains(districts, row => row.TextContent.Contains("城西片区", StringComparison.Ordinal));
        var eastRow = districts.Single(row => row.QuerySelector("td a")!.TextContent == "城东片区");
        Assert.Equal(east.Count.ToString(Invariant), eastRow.QuerySelectorAll("td")[1].TextContent.Trim());
        var shown = board.QuerySelectorAll("table.progress-board tbody tr td:first-child").Select(td => td.TextContent).ToList();
        Assert.Equal(east.Count, shown.Count);
        Assert.All(east, name => Assert.Contains(shown, s => s.StartsWith(name, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task APanelMemberCanListOnlyTheManagersLeftToScore()
    {
        var cycle = await factory.QueryAsync(db => db.Cycles.Where(c => c.Status == CycleStatus.Open).Select(c => c.Id).SingleAsync());
        var manager = await factory.ManagerIdAsync("KM003");
        await factory.WithDbAsync(async db =>
        {
            var sales = await db.Users.Where(u => u.UserName == "sales").Select(u => u.Id).SingleAsync();
            await db.PanelScores.Where(s => s.CycleId == cycle && s.PanelMemberId == sales && s.AccountManagerId == manager).ExecuteDeleteAsync();
        });
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("sales");

        var all = await client.GetDocumentAsync($"/Scoring?cycleId={cycle}");
        var todo = await client.GetDocumentAsync($"/Scoring?cycleId={cycle}&todo=true");

        var everyone = all.QuerySelectorAll("#managers-to-score a").Length;
        var left = todo.QuerySelectorAll("#managers-to-score a");
        var done = all.QuerySelectorAll("#managers-to-score a .text-bg-success").Length;
        Assert.True(done > 0 && done < everyone, "the member has scored some managers, not all");
        Assert.Equal(everyone - done, left.Length);
        Assert.Empty(todo.QuerySelectorAll("#managers-to-score a .text-bg-success"));
        Assert.True(todo.QuerySelector("#todo")!.HasAttribute("checked"));
    }

    private sealed record Suggestion(string Value, string Label);

    private sealed record Row(int Id, string Licence);
}
