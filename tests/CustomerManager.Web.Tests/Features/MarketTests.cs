using System.Globalization;
using System.Net;
using System.Security.Claims;
using AngleSharp.Dom;
using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Features.Market;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// Market monitoring (卷烟市场信息采集): specifications and guide prices, collection points, the visit's market grid with its
/// checks and its flag for the monopoly leader, the market page against a direct computation from the observations, its
/// export, and the panel's evidence. The demo makes five collection points per manager and eleven specifications; the clock
/// stands on Friday 20 November 2026.
/// </summary>
public partial class MarketTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private Task<List<int>> PointsOfAsync(string employeeNumber) =>
        factory.QueryAsync(async db =>
        {
            var id = await db.AccountManagers.Where(m => m.EmployeeNumber == employeeNumber).Select(m => m.Id).SingleAsync();
            return await db.Customers.Where(c => c.CurrentManagerId == id && c.IsCollectionPoint).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        });

    /// <summary>The route plan's bulk form, as a browser sends it with the customers ticked.</summary>
    private static async Task<HttpResponseMessage> BulkAsync(HttpClient client, string page, int? managerId, IEnumerable<int> ids, string collectionPoint)
    {
        var token = (await client.GetDocumentAsync(page)).QuerySelector("#plan-bulk input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        List<KeyValuePair<string, string>> fields =
        [
            new("__RequestVerificationToken", token), new("ManagerId", managerId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty),
            new("Frequency", "keep"), new("RouteDay", "keep"), new("RouteWeek", "keep"), new("CollectionPoint", collectionPoint),
            .. ids.Select(id => new KeyValuePair<string, string>("ids", id.ToString(CultureInfo.InvariantCulture))),
        ];
        return await client.PostAsync("/VisitPlans/Bulk", new FormUrlEncodedContent(fields));
    }

    private string Now(int minutesAgo = 5) => factory.LocalNow.AddMinutes(-minutesAgo).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>The grid's field names by specification label: Market[i].PackPrice and so on.</summary>
    private static Dictionary<string, string> GridIndex(IDocument form) =>
        form.QuerySelectorAll("#market-section .market-row").ToDictionary(
            r => r.GetAttribute("data-spec")!,
            r => r.QuerySelector("input[name$='.SpecId']")!.GetAttribute("name")!.Replace(".SpecId", string.Empty, StringComparison.Ordinal));

    [Fact]
    public async Task AnAdministratorAddsASpecificationAndKeepsItsGuidePriceHistory()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var brandId = await factory.QueryAsync(db => db.Brands.Where(b => b.Name == "利群").Select(b => b.Id).SingleAsync());

        // Typed as a phone's comma would give it, the price is refused, not read as 1650.
        using (var refused = await admin.SubmitFormAsync("/Brands", "#spec-form", new Dictionary<string, string>
        {
            ["Spec.BrandId"] = brandId.ToString(CultureInfo.InvariantCulture),
            ["Spec.Name"] = "软长嘴",
            ["Spec.PackPrice"] = "16,5",
            ["Spec.CartonPrice"] = "100",
            ["Spec.EffectiveFrom"] = "2026-01-01",
        }))
        {
            var page = await refused.ToDocumentAsync();
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal("16,5", page.QuerySelector("#Spec_PackPrice")!.GetAttribute("value"));
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for='Spec.PackPrice']")!.TextContent));
        }

        using (var belowPack = await admin.SubmitFormAsync("/Brands", "#spec-form", new Dictionary<string, string>
        {
            ["Spec.BrandId"] = brandId.ToString(CultureInfo.InvariantCulture),
            ["Spec.Name"] = "软长嘴",
            ["Spec.PackPrice"] = "16.5",
            ["Spec.CartonPrice"] = "16",
            ["Spec.EffectiveFrom"] = "2026-01-01",
        }))
        {
            Assert.Contains("每条指导价不能低于每包指导价", (await belowPack.ToDocumentAsync()).QuerySelector("[data-valmsg-for='Spec.CartonPrice']")!.TextContent, StringComparison.Ordinal);
        }

        Assert.False(await factory.QueryAsync(db => db.BrandSpecs.AnyAsync(s => s.Name == "软长嘴")));
        using (var added = await admin.SubmitFormAsync("/Brands", "#spec-form", new Dictionary<string, string>
        {
            ["Spec.BrandId"] = brandId.ToString(CultureInfo.InvariantCulture),
            ["Spec.Name"] = "软长嘴",
            ["Spec.PackPrice"] = "16.5",
            ["Spec.CartonPrice"] = "165",
            ["Spec.EffectiveFrom"] = "2026-01-01",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var specId = await factory.QueryAsync(db => db.BrandSpecs.Where(s => s.Name == "软长嘴").Select(s => s.Id).SingleAsync());
        using (var next = await admin.SubmitFormAsync($"/Brands/Spec/{specId}", "#guide-form", new Dictionary<string, string>
        {
            ["PackPrice"] = "17",
            ["CartonPrice"] = "170",
            ["EffectiveFrom"] = "2026-12-01",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        }

        var history = await admin.GetDocumentAsync($"/Brands/Spec/{specId}");
        var rows = history.QuerySelectorAll("#guide-prices tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["17.00", "170.00"], rows[0].Skip(1).Take(2));
        Assert.Contains("待生效", rows[0][3], StringComparison.Ordinal);
        Assert.Contains("现行", rows[1][3], StringComparison.Ordinal);
        // Both prices are in the audit log.
        Assert.Equal(2, await factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "GuidePrice" && a.UserName == "admin" && (a.NewValues!.Contains("170") || a.NewValues!.Contains("165")))));
        var brands = await admin.GetDocumentAsync("/Brands");
        Assert.Contains("16.50 / 165.00", brands.QuerySelector("#brands li[data-spec='软长嘴']")!.TextContent, StringComparison.Ordinal);

        // A manager does not keep the catalogue.
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am01");
        using var forbidden = await manager.GetAsync($"/Brands/Spec/{specId}");
        Assert.StartsWith("/Account/AccessDenied", forbidden.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministratorMarksCollectionPointsInBulkAndTheManagerSeesThem()
    {
        var managerId = await factory.ManagerIdAsync("KM003");
        var others = await factory.QueryAsync(db => db.Customers
            .Where(c => c.CurrentManagerId == managerId && !c.IsCollectionPoint && c.Status == CustomerStatus.Active).OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync());
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using (var marked = await BulkAsync(admin, $"/VisitPlans?managerId={managerId}", managerId, others, "mark"))
        {
            Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        }

        Assert.Equal(7, (await PointsOfAsync("KM003")).Count);
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am03");
        var plan = await manager.GetDocumentAsync("/VisitPlans?collectionPoints=true");
        Assert.Equal(7, plan.QuerySelectorAll("#plan-table .collection-point-badge").Length);
        Assert.Null(plan.QuerySelector("#bulk-collection-point"));
        var home = await manager.GetDocumentAsync("/MyWork");
        Assert.Equal(7, home.QuerySelectorAll("#collection-points .collection-point").Length);

        // Managers see their collection points; they do not choose them.
        using (var notTheirs = await BulkAsync(manager, "/VisitPlans", null, others, "unmark"))
        {
            Assert.StartsWith("/Account/AccessDenied", notTheirs.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using (await BulkAsync(admin, $"/VisitPlans?managerId={managerId}", managerId, others, "unmark"))
        {
        }

        Assert.Equal(5, (await PointsOfAsync("KM003")).Count);
        var customers = await admin.GetDocumentAsync("/Customers?collectionPoints=true&pageSize=100");
        Assert.Equal(await factory.QueryAsync(db => db.Customers.CountAsync(c => c.IsCollectionPoint)), customers.QuerySelectorAll("tbody .collection-point-badge").Length);
    }

    [Fact]
    public async Task ACollectionPointsVisitRecordsFiveBrandsAndFlagsThePriceAboveGuideForTheMonopolyLeader()
    {
        var point = (await PointsOfAsync("KM002"))[0];
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am02");
        var form = await manager.GetDocumentAsync($"/Visits/Create?customerId={point}");
        var grid = GridIndex(form);
        Assert.Equal(11, grid.Count);
        Assert.Equal("decimal", form.QuerySelector($"input[name='{grid["中华 硬"]}.PackPrice']")!.GetAttribute("inputmode"));
        Assert.Equal("numeric", form.QuerySelector($"input[name='{grid["中华 硬"]}.StockCartons']")!.GetAttribute("inputmode"));

        // The last collection's figures are the hints.
        var last = await factory.QueryAsync(db => db.MarketObservations.Where(o => o.CustomerId == point).OrderByDescending(o => o.ObservedOn).ThenByDescending(o => o.Id)
            .Join(db.BrandSpecs, o => o.BrandSpecId, s => s.Id, (o, s) => new { o.PackPrice, s.Name, s.BrandId }).FirstAsync());
        var lastLabel = await factory.QueryAsync(db => db.Brands.Where(b => b.Id == last.BrandId).Select(b => b.Name).SingleAsync()) + " " + last.Name;
        Assert.Equal(last.PackPrice?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty, form.QuerySelector($"input[name='{grid[lastLabel]}.PackPrice']")!.GetAttribute("placeholder"));

        using var saved = await manager.SubmitFormAsync($"/Visits/Create?customerId={point}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = Now(),
            [$"{grid["中华 硬"]}.PackPrice"] = "48",
            [$"{grid["中华 硬"]}.StockCartons"] = "6",
            [$"{grid["玉溪 软"]}.PackPrice"] = "23",
            [$"{grid["玉溪 软"]}.CartonPrice"] = "230",
            [$"{grid["云烟 软珍品"]}.PackPrice"] = "22",
            [$"{grid["芙蓉王 硬"]}.StockCartons"] = "0",
            [$"{grid["芙蓉王 硬"]}.DaysOutOfStock"] = "3",
            [$"{grid["白沙 精品"]}.PackPrice"] = "９．５", // a Chinese input method's full-width digits
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var visitId = int.Parse(saved.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);

        var observations = await factory.QueryAsync(db => db.MarketObservations.Where(o => o.VisitId == visitId).ToListAsync());
        Assert.Equal(5, observations.Count);
        Assert.Equal(9.5m, observations.Single(o => o.PackPrice == 9.5m).PackPrice);
        Assert.Single(observations, o => o.AboveGuide);
        Assert.Single(observations, o => o.Stockout);
        var details = await manager.GetDocumentAsync($"/Visits/Details/{visitId}");
        Assert.Equal(5, details.QuerySelectorAll("#market-figures tbody tr").Length);
        Assert.NotNull(details.QuerySelector("#market-figures tr[data-spec='中华 硬'].table-warning"));
        Assert.Contains("中华 硬 48.00 > 45.00", details.QuerySelector(".report-priceaboveguide")!.TextContent, StringComparison.Ordinal);

        // The monopoly leader of the manager's department sees it and acknowledges it; the manager sees that on the visit.
        var flagId = await factory.QueryAsync(db => db.VisitReports.Where(r => r.VisitId == visitId && r.Kind == ReportKind.PriceAboveGuide).Select(r => r.Id).SingleAsync());
        using var monopoly = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");
        using (var acknowledged = await monopoly.SubmitFormAsync("/Inbox?status=New", $"form[action='/Inbox/Acknowledge/{flagId}']", new Dictionary<string, string> { ["Reply"] = "已约谈零售户" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        }

        Assert.Equal(ReportStatus.InHand, await factory.QueryAsync(db => db.VisitReports.Where(r => r.Id == flagId).Select(r => r.Status).SingleAsync()));
        Assert.Contains("已约谈零售户", (await manager.GetDocumentAsync($"/Visits/Details/{visitId}")).QuerySelector(".report-priceaboveguide")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagerCorrectsTheFiguresAndTheFlagFollowsEvenOnceThePointIsNoLongerOne()
    {
        var point = (await PointsOfAsync("KM006"))[0];
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am06");
        var grid = GridIndex(await manager.GetDocumentAsync($"/Visits/Create?customerId={point}"));
        using var saved = await manager.SubmitFormAsync($"/Visits/Create?customerId={point}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = Now(),
            [$"{grid["中华 硬"]}.PackPrice"] = "47",
            [$"{grid["玉溪 软"]}.StockCartons"] = "8",
        });
        var visitId = int.Parse(saved.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        Assert.Equal(1, await factory.QueryAsync(db => db.VisitReports.CountAsync(r => r.VisitId == visitId && r.Kind == ReportKind.PriceAboveGuide)));

        // The administrator makes it an ordinary customer again; the visit's correction still shows and keeps its figures.
        await factory.WithDbAsync(async db =>
        {
            (await db.Customers.SingleAsync(c => c.Id == point)).MarkCollectionPoint(false);
            await db.SaveChangesAsync();
        });
        var edit = await manager.GetDocumentAsync($"/Visits/Edit/{visitId}");
        var editGrid = GridIndex(edit);
        Assert.Equal("47.00", edit.QuerySelector($"input[name='{editGrid["中华 硬"]}.PackPrice']")!.GetAttribute("value"));
        Assert.Equal("8", edit.QuerySelector($"input[name='{editGrid["玉溪 软"]}.StockCartons']")!.GetAttribute("value"));
        using (var corrected = await manager.SubmitFormAsync($"/Visits/Edit/{visitId}", "#visit-form", new Dictionary<string, string> { [$"{editGrid["中华 硬"]}.PackPrice"] = "44.5" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        }

        var figures = await factory.QueryAsync(db => db.MarketObservations.Where(o => o.VisitId == visitId).OrderBy(o => o.Id).Select(o => new { o.PackPrice, o.StockCartons, o.AboveGuide }).ToListAsync());
        Assert.Equal(2, figures.Count);
        Assert.Contains(figures, f => f.PackPrice == 44.5m && !f.AboveGuide);
        Assert.Contains(figures, f => f.StockCartons == 8);
        Assert.Equal(0, await factory.QueryAsync(db => db.VisitReports.CountAsync(r => r.VisitId == visitId && r.Kind == ReportKind.PriceAboveGuide)));
    }

    [Fact]
    public async Task ImplausibleOrMalformedFiguresAreRefusedAtTheirFieldsAndNothingIsSaved()
    {
        var point = (await PointsOfAsync("KM004"))[0];
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am04");
        var grid = GridIndex(await manager.GetDocumentAsync($"/Visits/Create?customerId={point}"));
        var before = await factory.QueryAsync(db => db.Visits.CountAsync());

        using var refused = await manager.SubmitFormAsync($"/Visits/Create?customerId={point}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = Now(),
            ["MarketInformation"] = "竞品促销",
            [$"{grid["中华 硬"]}.PackPrice"] = "225", // five times the guide price
            [$"{grid["中华 软"]}.PackPrice"] = "6,5",
            [$"{grid["玉溪 软"]}.StockCartons"] = "-2",
            [$"{grid["云烟 软珍品"]}.DaysOutOfStock"] = "40",
            [$"{grid["利群 新版"]}.CartonPrice"] = "17", // a pack's price in the carton's field
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ToDocumentAsync();
        string Error(string spec, string field) => page.QuerySelector($"#{grid[spec].Replace("[", "_", StringComparison.Ordinal).Replace("]", "_", StringComparison.Ordinal)}{field}-error")?.TextContent ?? string.Empty;
        Assert.Contains("请输入 9 至 225 之间的价格（指导价 45）", Error("中华 硬", "PackPrice"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Error("中华 软", "PackPrice")));
        Assert.False(string.IsNullOrWhiteSpace(Error("玉溪 软", "StockCartons")));
        Assert.Contains("0 至 31", Error("云烟 软珍品", "DaysOutOfStock"), StringComparison.Ordinal);
        Assert.Contains("每包还是每条", Error("利群 新版", "CartonPrice"), StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector($"input[name='{grid["中华 硬"]}.PackPrice']")!.GetAttribute("aria-invalid"));

        // Everything typed is still there, as typed.
        Assert.Equal("6,5", page.QuerySelector($"input[name='{grid["中华 软"]}.PackPrice']")!.GetAttribute("value"));
        Assert.Equal("225", page.QuerySelector($"input[name='{grid["中华 硬"]}.PackPrice']")!.GetAttribute("value"));
        Assert.Equal("竞品促销", page.QuerySelector("#MarketInformation")!.TextContent);
        Assert.Equal(before, await factory.QueryAsync(db => db.Visits.CountAsync()));
    }

    [Fact]
    public async Task MovingTheDateBeforeASpecificationsFirstGuidePriceSaysSoAndKeepsEveryOtherFigureInItsRow()
    {
        await factory.WithDbAsync(async db =>
        {
            var brand = await db.Brands.SingleAsync(b => b.Name == "真龙");
            db.BrandSpecs.Add(new BrandSpec(brand.Id, "新品", 9, factory.Today, 20m, 200m));
            await db.SaveChangesAsync();
        });
        var point = (await PointsOfAsync("KM007"))[1];
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am07");
        var grid = GridIndex(await manager.GetDocumentAsync($"/Visits/Create?customerId={point}"));
        var before = await factory.QueryAsync(db => db.Visits.CountAsync());

        using var refused = await manager.SubmitFormAsync($"/Visits/Create?customerId={point}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = factory.LocalNow.AddDays(-2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            [$"{grid["真龙 新品"]}.PackPrice"] = "20",
            [$"{grid["真龙 起源"]}.PackPrice"] = "99",
            [$"{grid["真龙 起源"]}.StockCartons"] = "7",
        });

        var page = await refused.ToDocumentAsync();
        Assert.Contains("真龙 新品 在", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".market-row[data-spec='真龙 新品']"));
        var row = page.QuerySelector(".market-row[data-spec='真龙 起源']")!;
        Assert.Equal(("99", "7"), (row.QuerySelector("input[name$='.PackPrice']")!.GetAttribute("value"), row.QuerySelector("input[name$='.StockCartons']")!.GetAttribute("value")));
        Assert.Contains("指导价 15", row.QuerySelector("[id$='PackPrice-error']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.Visits.CountAsync()));
    }

    [Fact]
    public async Task OtherCustomersShowNoGridAndFiguresPostedForThemAreRefused()
    {
        var managerId = await factory.ManagerIdAsync("KM005");
        var other = await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId == managerId && !c.IsCollectionPoint && c.Status == CustomerStatus.Active).Select(c => c.Id).FirstAsync());
        var specId = await factory.QueryAsync(db => db.BrandSpecs.Select(s => s.Id).FirstAsync());
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am05");
        var form = await manager.GetDocumentAsync($"/Visits/Create?customerId={other}");
        Assert.Null(form.QuerySelector("#market-section"));
        using (var empty = await manager.GetAsync($"/Visits/MarketGrid?customerId={other}"))
        {
            Assert.Equal(string.Empty, (await empty.Content.ReadAsStringAsync()).Trim());
        }

        var before = await factory.QueryAsync(db => db.Visits.CountAsync());
        using var refused = await manager.SubmitFormAsync($"/Visits/Create?customerId={other}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = Now(),
            ["Market[0].SpecId"] = specId.ToString(CultureInfo.InvariantCulture),
            ["Market[0].PackPrice"] = "45",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("只有信息采集点才采集市场数据", (await refused.ToDocumentAsync()).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.Visits.CountAsync()));

        // Another manager's collection point: no grid to fetch.
        var notMine = (await PointsOfAsync("KM001"))[0];
        using var foreign = await manager.GetAsync($"/Visits/MarketGrid?customerId={notMine}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task AManagerWhoTakesOverAPointSeesNoneOfThePreviousManagersFiguresOrVisits()
    {
        var point = (await PointsOfAsync("KM008"))[1];
        using var previous = await factory.CreateBrowserlessClient().SignedInAsync("am08");
        using (var theirs = await previous.GetAsync($"/Visits/MarketGrid?customerId={point}"))
        {
            var grid = await theirs.ToDocumentAsync();
            Assert.Contains(grid.QuerySelectorAll("#market-section input[placeholder]"), i => i.GetAttribute("placeholder")!.Length > 0);
            Assert.Matches(LastTime(), grid.QuerySelector("#market-section")!.TextContent);
        }

        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using (var moved = await admin.SubmitFormAsync($"/Assignments/Reassign?customerId={point}", "#assignment-form", new Dictionary<string, string>
        {
            ["ToManagerId"] = (await factory.ManagerIdAsync("KM004")).ToString(CultureInfo.InvariantCulture),
            ["Reason"] = "片区调整",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }

        using var next = await factory.CreateBrowserlessClient().SignedInAsync("am04");
        using (var mine = await next.GetAsync($"/Visits/MarketGrid?customerId={point}"))
        {
            var grid = await mine.ToDocumentAsync();
            Assert.NotEmpty(grid.QuerySelectorAll("#market-section .market-row"));
            Assert.All(grid.QuerySelectorAll("#market-section input[placeholder]"), i => Assert.Equal(string.Empty, i.GetAttribute("placeholder")));
            Assert.DoesNotMatch(LastTime(), grid.QuerySelector("#market-section")!.TextContent);
        }

        var plan = await next.GetDocumentAsync("/VisitPlans?pageSize=100");
        Assert.Contains("从未拜访", plan.QuerySelector($"tr[data-customer-id='{point}']")!.TextContent, StringComparison.Ordinal);
        var home = await next.GetDocumentAsync("/MyWork");
        Assert.Contains("尚未采集", home.QuerySelector($"#collection-points .collection-point[data-customer-id='{point}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMarketPageEqualsADirectComputationFromTheObservations()
    {
        await GenerateObservationsAsync();
        var (from, to) = (new DateOnly(2026, 9, 9), new DateOnly(2026, 11, 18)); // Wednesday to Wednesday: part weeks at both ends
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var query = scope.ServiceProvider.GetRequiredService<MarketPageQuery>();
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, AppRoles.Administrator)], "test"));
        var units = await db.OrgUnits.AsNoTracking().ToListAsync();
        var spec = await db.BrandSpecs.Where(s => s.Name == "硬").Select(s => s.Id).FirstAsync();

        foreach (var (unit, specFilter) in new (string?, int?)[] { (null, null), ("URB", null), ("URB-E", spec), ("CTY", spec) })
        {
            var page = await query.RunAsync(new MarketFilter { From = from, To = to, Unit = unit, Spec = specFilter }, admin, CancellationToken.None);
            var districts = unit is null ? units.Where(u => u.Kind == Domain.Organisation.UnitKind.District).Select(u => u.Id).ToHashSet()
                : units.Where(u => u.Code == unit || units.Any(p => p.Id == u.ParentId && p.Code == unit)).Select(u => u.Id).ToHashSet();
            var raw = await db.MarketObservations.AsNoTracking().Where(o => o.ObservedOn >= from && o.ObservedOn <= to).ToListAsync();
            raw = [.. raw.Where(o => districts.Contains(o.DistrictId))];
            Assert.NotEmpty(raw);

            Assert.Equal(raw.GroupBy(o => o.BrandSpecId).OrderBy(g => g.Key).Select(g => Expected(g)), page.SpecRows.OrderBy(r => r.SpecId).Select(r => Shown(r.Sums)));
            var chosen = specFilter is { } s ? raw.Where(o => o.BrandSpecId == s).ToList() : raw;
            Assert.Equal(chosen.GroupBy(o => o.WeekStart).OrderBy(g => g.Key).Select(g => (g.Key, Expected(g))), page.Weeks.Select(w => (w.WeekStart, Shown(w.Sums))));
            if (page.IsDistrict)
            {
                Assert.Equal(chosen.GroupBy(o => o.CustomerId).OrderBy(g => g.Key).Select(g => (g.Key, g.Select(o => o.VisitId).Distinct().Count(), Expected(g))),
                    page.Points.OrderBy(p => p.CustomerId).Select(p => (p.CustomerId, p.Visits, Shown(p.Sums))));
            }
            else
            {
                Assert.Equal(chosen.GroupBy(o => o.DistrictId).OrderBy(g => g.Key).Select(g => (g.Key, Expected(g))), page.Districts.OrderBy(d => d.DistrictId).Select(d => (d.DistrictId, Shown(d.Sums))));
            }
        }
    }

    [Fact]
    public async Task TheExportMatchesThePage()
    {
        await GenerateObservationsAsync();
        const string Query = "from=2026-09-09&to=2026-11-18&unit=URB";
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var page = await admin.GetDocumentAsync("/Market?" + Query);
        Assert.NotNull(page.QuerySelector("#market-chart[data-chart='lines']"));
        var shown = page.QuerySelectorAll("#market-specs tbody tr").Select(r => new[]
        {
            r.QuerySelector("th")!.TextContent.Trim(),
            r.QuerySelector("[data-figure=observations]")!.TextContent.Replace(",", string.Empty, StringComparison.Ordinal),
            r.QuerySelector("[data-figure=avg-pack]")!.TextContent, r.QuerySelector("[data-figure=avg-carton]")!.TextContent,
            r.QuerySelector("[data-figure=above-guide]")!.TextContent.TrimEnd('%'), r.QuerySelector("[data-figure=avg-stock]")!.TextContent,
            r.QuerySelector("[data-figure=stockout]")!.TextContent.TrimEnd('%'), r.QuerySelector("[data-figure=days-out]")!.TextContent,
        }).ToList();

        using var export = await admin.GetAsync("/Market/Export?" + Query);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        Assert.Equal(["规格", "片区", "周"], MiniExcel.GetSheetNames(stream));
        var rows = stream.Query(useHeaderRow: true, sheetName: "规格").Cast<IDictionary<string, object?>>().ToList();
        string Cell(IDictionary<string, object?> row, string header) => row[header] switch
        {
            null => "—",
            double d => d.ToString(header is "采集次数" ? "0" : header is "平均库存（条）" or "平均断货天数" or "高于指导价占比" or "断货占比" ? "0.0" : "0.00", CultureInfo.InvariantCulture),
            var v => Convert.ToString(v, CultureInfo.InvariantCulture)!,
        };
        Assert.Equal(shown, rows.Select(r => new[]
        {
            Cell(r, "规格"), Cell(r, "采集次数"), Cell(r, "包均价"), Cell(r, "条均价"), Cell(r, "高于指导价占比"), Cell(r, "平均库存（条）"), Cell(r, "断货占比"), Cell(r, "平均断货天数"),
        }));
        Assert.Equal(page.QuerySelectorAll("#market-districts tbody tr").Length, stream.Query(useHeaderRow: true, sheetName: "片区").Count());
    }

    [Fact]
    public async Task StaffReadTheMarketPageWithinTheirScopeAndManagersDoNot()
    {
        using var supervisor = await factory.CreateBrowserlessClient().SignedInAsync("supervisor");
        var page = await supervisor.GetDocumentAsync("/Market?unit=CTY&from=2026-08-01&to=2026-11-20");
        Assert.DoesNotContain(page.QuerySelectorAll("#unit option").Select(o => o.GetAttribute("value")), v => v is "CTY" or "郊县营销部");
        Assert.NotNull(page.QuerySelector("#market-districts tr[data-district='城东片区']"));
        Assert.Null(page.QuerySelector("#market-districts tr[data-district='城南片区']"));

        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am01");
        using var forbidden = await manager.GetAsync("/Market");
        Assert.StartsWith("/Account/AccessDenied", forbidden.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        // A panel member reads the departments whose panel they sit on.
        using var monopoly = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");
        var panel = await monopoly.GetDocumentAsync("/Market?unit=CTY-S&from=2026-08-01&to=2026-11-20");
        Assert.NotNull(panel.QuerySelector("#market-specs"));
        Assert.NotNull(panel.QuerySelector("#market-districts tr[data-district='城西片区']"));
        Assert.Null(panel.QuerySelector("#market-districts tr[data-district='城南片区']"));
        Assert.Null(panel.QuerySelector("#market-points"));
    }

    [Fact]
    public async Task TheEvidenceCountsCollectionsAgainstOneAWeekPerCollectionPoint()
    {
        var managerId = await factory.ManagerIdAsync("KM006");
        var (from, to) = (new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31));
        using var scope = factory.Services.CreateScope();
        var evidence = await scope.ServiceProvider.GetRequiredService<EvidenceQuery>().ForManagerAsync(managerId, from, to, CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var (start, end) = (from.ToDateTime(TimeOnly.MinValue), to.AddDays(1).ToDateTime(TimeOnly.MinValue));

        Assert.Equal(await db.Visits.CountAsync(v => v.AccountManagerId == managerId && v.VisitedAt >= start && v.VisitedAt < end && v.MarketSpecs > 0), evidence.MarketVisits);
        Assert.True(evidence.MarketVisits > 0);
        Assert.Equal(5 * 4, evidence.MarketVisitsExpected); // five points served all of October's 31 days: four whole weeks each
    }

    [Fact]
    public async Task ADistrictsFiguresGoWithItWhenMergedAndKeepItFromBeingDeleted()
    {
        var (typoId, rightId) = (0, 0);
        await factory.WithDbAsync(async db =>
        {
            // A district made by a typo, where a manager recorded figures at a collection point; and one whose manager moved on.
            var typo = await db.DistrictAsync("城东片 区");
            var left = await db.DistrictAsync("临时采集片区");
            var manager = new AccountManager("KM330", "机构测试KM330", null, typo);
            var mover = new AccountManager("KM331", "机构测试KM331", null, left);
            db.AccountManagers.AddRange(manager, mover);
            await db.SaveChangesAsync();
            var rules = new VisitChangeRules(await db.CalendarAsync(CancellationToken.None), 7, factory.Clock.GetLocalNow(), await db.FrequencyDefaultsAsync(CancellationToken.None));
            var spec = await db.BrandSpecs.Include(s => s.GuidePrices).FirstAsync();
            foreach (var (who, district, licence) in new[] { (manager, typo, "440199000901"), (mover, left, "440199000902") })
            {
                var point = new RetailCustomer(licence, "采集测试" + licence, "张三", null, "人民路9号", BusinessType.Grocery);
                point.AssignTo(who.Id, factory.Today.AddDays(-30), null, null);
                point.MarkCollectionPoint(true);
                db.Customers.Add(point);
                await db.SaveChangesAsync();
                var visit = Visit.Log(who.Id, point, factory.LocalNow.AddHours(-2), VisitKind.OnSite, new VisitContent(), rules);
                visit.ObserveMarket([new MarketReading(spec.Id, spec.Name, spec.GuideOn(factory.Today)!, 40m, null, 3, null)], true, district.Id);
                db.Visits.Add(visit);
                await db.SaveChangesAsync();
            }

            mover.MoveTo(typo);
            await db.SaveChangesAsync();
            (typoId, rightId) = (typo.Id, await db.OrgUnits.Where(u => u.Name == "城东片区").Select(u => u.Id).SingleAsync());
        });
        var leftId = await factory.QueryAsync(db => db.OrgUnits.Where(u => u.Name == "临时采集片区").Select(u => u.Id).SingleAsync());
        var week = MarketRules.WeekOf(factory.Today);
        Task<int> WeekObservationsAsync(int districtId) => factory.QueryAsync(db => db.MarketWeekTotals.Where(t => t.DistrictId == districtId && t.WeekStart == week).SumAsync(t => t.Observations));
        var rightBefore = await WeekObservationsAsync(rightId);
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        // The district whose manager left still holds figures: it is not deleted (merging is the way).
        using (var refused = await admin.SubmitFormAsync($"/Units/Edit/{leftId}", "#delete-form", new Dictionary<string, string>()))
        {
            Assert.Contains("信息采集数据", (await admin.GetDocumentAsync(refused.Headers.Location!.OriginalString)).QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
        }

        Assert.True(await factory.QueryAsync(db => db.OrgUnits.AnyAsync(u => u.Id == leftId)));
        using (var merged = await admin.SubmitFormAsync($"/Units/Edit/{typoId}", "#merge-form", new Dictionary<string, string> { ["intoId"] = rightId.ToString(CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        }

        Assert.False(await factory.QueryAsync(db => db.OrgUnits.AnyAsync(u => u.Id == typoId)));
        Assert.False(await factory.QueryAsync(db => db.MarketObservations.AnyAsync(o => o.DistrictId == typoId)));
        Assert.Equal(rightBefore + 1, await WeekObservationsAsync(rightId));
        Assert.Equal(
            await factory.QueryAsync(db => db.MarketObservations.CountAsync(o => o.DistrictId == rightId && o.WeekStart == week)),
            await WeekObservationsAsync(rightId));
    }

    private static (int, decimal?, decimal?, decimal?, decimal?, int, decimal?, int, decimal?, decimal?, decimal?) Expected(IEnumerable<MarketObservation> observations)
    {
        var o = observations.ToList();
        decimal? Average(IEnumerable<decimal> values) => values.Any() ? values.Average() : null;
        decimal? Share(int part, int whole) => whole > 0 ? (decimal)part / whole : null;
        var priced = o.Count(x => x.PackPrice is not null || x.CartonPrice is not null);
        var stockReported = o.Count(x => x.StockCartons is not null || x.DaysOutOfStock is not null);
        return (
            o.Count,
            MarketFigures.Price(Average(o.Where(x => x.PackPrice is not null).Select(x => x.PackPrice!.Value))),
            o.Min(x => x.PackPrice),
            o.Max(x => x.PackPrice),
            MarketFigures.Price(Average(o.Where(x => x.CartonPrice is not null).Select(x => x.CartonPrice!.Value))),
            o.Count(x => x.AboveGuide),
            MarketFigures.OneDecimal(Average(o.Where(x => x.StockCartons is not null).Select(x => (decimal)x.StockCartons!.Value))),
            o.Count(x => x.Stockout),
            MarketFigures.OneDecimal(Average(o.Where(x => x.DaysOutOfStock is not null).Select(x => (decimal)x.DaysOutOfStock!.Value))),
            MarketFigures.Percent(Share(o.Count(x => x.AboveGuide), priced)),
            MarketFigures.Percent(Share(o.Count(x => x.Stockout), stockReported)));
    }

    private static (int, decimal?, decimal?, decimal?, decimal?, int, decimal?, int, decimal?, decimal?, decimal?) Shown(MarketSums s) => (
        s.Observations, MarketFigures.Price(s.PackPriceAverage), s.PackPriceMin, s.PackPriceMax, MarketFigures.Price(s.CartonPriceAverage), s.AboveGuide,
        MarketFigures.OneDecimal(s.StockAverage), s.Stockouts, MarketFigures.OneDecimal(s.DaysOutOfStockAverage),
        MarketFigures.Percent(s.AboveGuideShare), MarketFigures.Percent(s.StockoutShare));

    private bool _generated;

    /// <summary>
    /// Ten weeks of random collections at every demo collection point of three managers in three districts, then some corrected
    /// (into another week) and some deleted, all through the domain and the context, as the visit form saves them.
    /// </summary>
    private async Task GenerateObservationsAsync()
    {
        if (_generated)
        {
            return;
        }

        _generated = true;
        var random = new Random(14);
        await factory.WithDbAsync(async db =>
        {
            var rules = new VisitChangeRules(await db.CalendarAsync(CancellationToken.None), 7, factory.Clock.GetLocalNow(), await db.FrequencyDefaultsAsync(CancellationToken.None));
            var specs = await db.BrandSpecs.Include(s => s.GuidePrices).ToListAsync();
            var managers = await db.AccountManagers.Where(m => m.EmployeeNumber == "KM001" || m.EmployeeNumber == "KM002" || m.EmployeeNumber == "KM008").ToDictionaryAsync(m => m.Id, m => m.DistrictId);
            var points = await db.Customers.Include(c => c.Assignments).Where(c => c.IsCollectionPoint && managers.Keys.Contains(c.CurrentManagerId!.Value)).ToListAsync();
            var visits = new List<Visit>();
            for (var day = new DateOnly(2026, 9, 7); day < new DateOnly(2026, 11, 16); day = day.AddDays(7))
            {
                foreach (var point in points)
                {
                    var at = day.AddDays(random.Next(0, 6)).ToDateTime(new TimeOnly(9 + random.Next(0, 8), random.Next(0, 60)));
                    var managerId = point.ManagerOn(DateOnly.FromDateTime(at))!.Value;
                    var visit = Visit.Log(managerId, point, at, VisitKind.OnSite, new VisitContent(), rules);
                    visit.ObserveMarket(Readings(random, specs, DateOnly.FromDateTime(at)), true, managers[managerId]);
                    visits.Add(visit);
                }
            }

            db.Visits.AddRange(visits);
            await db.SaveChangesAsync();

            foreach (var visit in visits.Where((_, i) => i % 9 == 4))
            {
                // Corrected a few days later (into the next week for some), with new figures.
                var point = points.Single(p => p.Id == visit.CustomerId);
                visit.Revise(visit.AccountManagerId, point, visit.VisitedAt.AddDays(3), VisitKind.OnSite, new VisitContent(), rules);
                visit.ObserveMarket(Readings(random, specs, DateOnly.FromDateTime(visit.VisitedAt)), true, managers[visit.AccountManagerId]);
            }

            await db.SaveChangesAsync();
            db.Visits.RemoveRange(visits.Where((_, i) => i % 11 == 6));
            await db.SaveChangesAsync();
        });
    }

    private static List<MarketReading> Readings(Random random, List<BrandSpec> specs, DateOnly day) =>
        [.. specs.Where(s => s.GuideOn(day) is not null).Where(_ => random.Next(100) < 75).Select(s =>
        {
            var guide = s.GuideOn(day)!;
            decimal? pack = random.Next(100) < 85 ? guide.PackPrice + (random.Next(-8, 5) * 0.5m) : null;
            return new MarketReading(
                s.Id, s.Name, guide, pack, random.Next(100) < 50 ? guide.CartonPrice + random.Next(-20, 15) : null,
                random.Next(100) < 80 ? random.Next(0, 40) : null, random.Next(100) < 60 ? random.Next(0, 6) : null);
        })];

    /// <summary>A row's "上次 2026/11/13": when its hints were collected.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"上次 \d{4}/")]
    private static partial System.Text.RegularExpressions.Regex LastTime();
}
