using System.Globalization;
using System.Net;
using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Web.Tests.Features;

/// <summary>The panel's evidence figures against a small data set built by hand, with the expected figures counted by hand.</summary>
public class EvidenceTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private static readonly DateOnly From = new(2026, 3, 1);
    private static readonly DateOnly To = new(2026, 3, 31);

    private async Task<int> BuildAsync()
    {
        var managerId = 0;
        await factory.WithDbAsync(async db =>
        {
            if (await db.AccountManagers.Where(m => m.EmployeeNumber == "EV001").Select(m => (int?)m.Id).SingleOrDefaultAsync() is { } built)
            {
                managerId = built;
                return;
            }

            var other = await db.AccountManagers.Where(m => m.EmployeeNumber == "KM001").Select(m => m.Id).SingleAsync();
            var manager = new AccountManager("EV001", "依据经理", null, await db.DistrictAsync("测试片区"));
            db.AccountManagers.Add(manager);
            await db.SaveChangesAsync();
            managerId = manager.Id;

            RetailCustomer Customer(string licence, DateOnly from)
            {
                var c = new RetailCustomer(licence, "店" + licence, "主", null, "路", BusinessType.Grocery);
                c.AssignTo(manager.Id, from, null, "test");
                return c;
            }

            var a = Customer("990200000001", new DateOnly(2026, 1, 1));
            a.Plan(VisitFrequency.Weekly, DayOfWeek.Monday, 1, null);
            var b = Customer("990200000002", new DateOnly(2026, 1, 1));
            var c = Customer("990200000003", new DateOnly(2026, 1, 1));
            c.AssignTo(other, new DateOnly(2026, 3, 15), "moved", "test");
            var d = Customer("990200000004", new DateOnly(2026, 5, 1));
            db.Customers.AddRange(a, b, c, d);
            await db.SaveChangesAsync();

            var rules = DomainBuilders.VisitRulesAt(new DateTime(2026, 4, 2, 12, 0, 0));
            Visit Log(RetailCustomer customer, DateTime at, VisitContent content) => Visit.Log(manager.Id, customer, at, VisitKind.OnSite, content, rules);
            var first = Log(a, new DateTime(2026, 3, 2, 10, 0, 0), new VisitContent
            {
                BrandsRecommended = ["中华", "玉溪"],
                VolumeCartons = 10,
                MarketInformation = "竞品降价",
                Complaint = "少送",
                ComplaintResolution = "补送",
                ComplaintResolvedOnSpot = true,
                ShareWithLogistics = "上午送",
            });
            db.Visits.AddRange(
                first,
                Log(a, new DateTime(2026, 3, 20, 10, 0, 0), new VisitContent { BrandsRecommended = ["中华"], VolumeCartons = 5, DataChange = "电话变更", ShareWithCallCentre = "提醒" }),
                Log(b, new DateTime(2026, 3, 31, 23, 0, 0), new VisitContent { VolumeCartons = 7, ViolationType = "价格违规" }),
                Log(c, new DateTime(2026, 3, 10, 10, 0, 0), new VisitContent { UnlicensedPlace = "桥头", Complaint = "态度差" }),
                Log(b, new DateTime(2026, 2, 28, 10, 0, 0), new VisitContent { VolumeCartons = 100, BrandsRecommended = ["中华", "玉溪", "利群"] }),
                Log(a, new DateTime(2026, 4, 1, 0, 0, 0), new VisitContent { VolumeCartons = 50 }),
                Visit.Log(other, c, new DateTime(2026, 3, 20, 10, 0, 0), VisitKind.OnSite, new VisitContent { ShareWithLogistics = "另一位经理的", ShareWithCallCentre = "另一位经理的" }, rules));
            await db.SaveChangesAsync();
            first.Reports.Single().Acknowledge(PanelRole.LogisticsRep, "logistics", null, factory.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        return managerId;
    }

    [Fact]
    public async Task FiguresCountOnlyThePeriodAndMatchTheHandCount()
    {
        var managerId = await BuildAsync();
        using var scope = factory.Services.CreateScope();
        var query = scope.ServiceProvider.GetRequiredService<EvidenceQuery>();

        var figures = await query.ForManagerAsync(managerId, From, To, CancellationToken.None);
        var all = await query.ForAllAsync(From, To, CancellationToken.None);

        Assert.Equal(new EvidenceFigures(
            Visits: 4, CustomersCovered: 3, CustomersAssigned: 3, BrandsRecommended: 3, VolumeCartons: 22, MarketInformation: 1,
            DataChanges: 1, Violations: 1, UnlicensedRetail: 1, ItemsShared: 2, ItemsAcknowledged: 1, Complaints: 2, ComplaintsResolvedOnSpot: 1)
        {
            // a is visited weekly on Mondays: five Mondays in March; made on Monday 2 (that day) and Friday 20 (in the week of
            // Monday 16), not in the week of Monday 30 (its visit of Wednesday 1 April lies outside the period). On 31 March a
            // was last visited eleven days before: overdue; b (a grocery: fortnightly) the same evening.
            PlannedVisits = 5,
            PlannedVisitsMade = 2,
            PlannedVisitsOnDay = 1,
            OverdueCustomers = 1,
            OnSiteVisits = 4,
            VerifiedVisits = 0,
            FarVisits = 0,
            ShortVisits = 0,
            MarketVisits = 0,
            MarketVisitsExpected = 0,
        }, figures);
        Assert.Equal(figures, all[managerId]);
        Assert.True(all.Count >= 9);
    }

    [Theory]
    [InlineData("2026-02-28", "2026-03-31", 5, 6, 122)] // a day of February (from the visits) and March (from its total)
    [InlineData("2026-03-02", "2026-04-01", 5, 3, 72)] // no whole month: all from the visits, up to 1 April's first minute
    public async Task PeriodsThatAreNotWholeMonthsCountTheDaysAroundThem(string from, string to, int visits, int brands, int cartons)
    {
        var managerId = await BuildAsync();
        using var scope = factory.Services.CreateScope();
        var query = scope.ServiceProvider.GetRequiredService<EvidenceQuery>();

        var figures = await query.ForManagerAsync(managerId, DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture), CancellationToken.None);

        Assert.Equal((visits, 3, brands, cartons), (figures.Visits, figures.CustomersCovered, figures.BrandsRecommended, figures.VolumeCartons));
        Assert.Equal((1, 1, 1, 1, 2, 1), (figures.MarketInformation, figures.DataChanges, figures.Violations, figures.UnlicensedRetail, figures.Complaints, figures.ComplaintsResolvedOnSpot));
    }

    [Theory]
    [InlineData("2026-01-01", "2026-03-31", 5, 3)] // a quarter: its customer-quarter rows
    [InlineData("2026-04-01", "2026-06-30", 1, 1)]
    [InlineData("2026-01-01", "2026-06-30", 6, 3)] // two quarters: customer a, visited in both, counts once
    [InlineData("2026-01-02", "2026-03-31", 5, 3)] // a quarter less a day: from the visits
    [InlineData("2026-03-21", "2026-04-01", 2, 2)]
    public async Task CustomersCoveredCountEachCustomerOnceWhateverThePeriod(string from, string to, int visits, int covered)
    {
        var managerId = await BuildAsync();
        using var scope = factory.Services.CreateScope();
        var query = scope.ServiceProvider.GetRequiredService<EvidenceQuery>();
        var (first, last) = (DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture));

        var figures = await query.ForManagerAsync(managerId, first, last, CancellationToken.None);
        var all = await query.ForAllAsync(first, last, CancellationToken.None);

        Assert.Equal((visits, covered), (figures.Visits, figures.CustomersCovered));
        Assert.Equal(figures, all[managerId]);
    }

    [Fact]
    public async Task ManagerPageShowsTheFiguresForTheChosenPeriod()
    {
        var managerId = await BuildAsync();
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");

        var page = await client.GetDocumentAsync($"/AccountManagers/Details/{managerId}?from=2026-03-01&to=2026-03-31");

        Assert.Equal("4", page.QuerySelector("[data-figure='Evidence.Visits'] .fs-5")!.TextContent);
        Assert.Equal("3 / 3", page.QuerySelector("[data-figure='Evidence.Coverage'] .fs-5")!.TextContent);
        Assert.Equal("2 / 1", page.QuerySelector("[data-figure='Evidence.Shared'] .fs-5")!.TextContent);
        using var wrongWay = await client.GetAsync($"/AccountManagers/Details/{managerId}?from=2026-03-31&to=2026-03-01");
        Assert.Equal(HttpStatusCode.OK, wrongWay.StatusCode);
    }
}
