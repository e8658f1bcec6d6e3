using System.Globalization;
using System.Net;
using System.Text;
using CustomerManager.Domain.Customers;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// Visit plans and routes (线路拜访): plans kept one at a time or for a selection, by the manager or an administrator;
/// the type defaults; today's and tomorrow's route and overdue customers on the manager's home; plan compliance per
/// manager; import of plans. The clock stands on Friday 20 November 2026.
/// </summary>
public class VisitPlansTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private async Task<List<int>> ActiveCustomersAsync(string employeeNumber)
    {
        var managerId = await factory.ManagerIdAsync(employeeNumber);
        return await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId == managerId && c.Status == CustomerStatus.Active).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
    }

    private static Task<HttpResponseMessage> PlanAsync(HttpClient client, int customerId, string? frequency, string? day, int week = 1, string sequence = "") =>
        client.SubmitFormAsync($"/VisitPlans/Edit/{customerId}", "#plan-form", new Dictionary<string, string>
        {
            ["Frequency"] = frequency ?? string.Empty,
            ["RouteDay"] = day ?? string.Empty,
            ["RouteWeek"] = week.ToString(CultureInfo.InvariantCulture),
            ["RouteSequence"] = sequence,
        });

    [Theory]
    [InlineData("23.1291", 23.1291)]
    [InlineData(" 113.264435 ", 113.264435)]
    [InlineData("-33.8688", -33.8688)]
    [InlineData("－33.8688", -33.8688)] // a Chinese input method's full-width minus and digits
    [InlineData("２３．５", 23.5)]
    [InlineData("23,1291", null)]
    [InlineData("1e2", null)]
    [InlineData("- 5", null)]
    [InlineData("-\t5", null)]
    [InlineData("-　5", null)] // the full-width space of a Chinese input method
    [InlineData("--5", null)]
    [InlineData("+5", null)]
    [InlineData("23.123456789", null)]
    [InlineData("-", null)]
    [InlineData("", null)]
    public void ACoordinateIsReadExactlyAsTypedOrNotAtAll(string typed, double? expected) =>
        Assert.Equal(expected, CustomerManager.Web.Features.VisitPlans.RoutePlanForm.ReadCoordinate(typed));

    [Fact]
    public async Task ACustomerPlannedForTodayIsOnTodaysRouteAndDoneOnceVisited()
    {
        var customer = (await ActiveCustomersAsync("KM007"))[0];
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am07");

        using (var saved = await PlanAsync(manager, customer, "Weekly", "Friday", sequence: "1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var home = await manager.GetDocumentAsync("/MyWork");
        var stop = home.QuerySelector($"#todays-route .route-stop[data-customer-id='{customer}']")!;
        Assert.Equal("false", stop.GetAttribute("data-done"));
        Assert.Equal($"/Visits/Create?customerId={customer}", stop.QuerySelector("a.route-visit")!.GetAttribute("href"));

        // Logging from the route pre-fills the customer; once visited, the stop is done.
        var form = await manager.GetDocumentAsync($"/Visits/Create?customerId={customer}");
        Assert.Equal(customer.ToString(CultureInfo.InvariantCulture), form.QuerySelector("#CustomerId option[selected]")!.GetAttribute("value"));
        using (await manager.SubmitFormAsync($"/Visits/Create?customerId={customer}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = factory.LocalNow.AddMinutes(-3).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        }))
        {
        }

        var done = (await manager.GetDocumentAsync("/MyWork")).QuerySelector($"#todays-route .route-stop[data-customer-id='{customer}']")!;
        Assert.Equal("true", done.GetAttribute("data-done"));

        // Moved to Saturday: tomorrow's route.
        using (await PlanAsync(manager, customer, "Weekly", "Saturday"))
        {
        }

        var next = await manager.GetDocumentAsync("/MyWork");
        Assert.Null(next.QuerySelector($"#todays-route .route-stop[data-customer-id='{customer}']"));
        Assert.NotNull(next.QuerySelector($"#tomorrows-route a[href='/Customers/Details/{customer}']"));
    }

    [Fact]
    public async Task APlanIsKeptByItsManagerOrAnAdministratorAndRefusedWhenItDoesNotFit()
    {
        var mine = (await ActiveCustomersAsync("KM006"))[1];
        var theirs = (await ActiveCustomersAsync("KM005"))[1];
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am06");

        using (var other = await manager.GetAsync($"/VisitPlans/Edit/{theirs}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        // A fortnight has two weeks: week 3 is refused with a message and nothing changes.
        var before = await factory.QueryAsync(db => db.Customers.Where(c => c.Id == mine).Select(c => new { c.Frequency, c.RouteDay, c.RouteWeek }).SingleAsync());
        using (var refused = await PlanAsync(manager, mine, "Fortnightly", "Tuesday", week: 3, sequence: "x1"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await refused.ToDocumentAsync();
            Assert.Contains("该频次只有 2 个线路周", page.QuerySelector("[data-valmsg-for=RouteWeek]")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("x1", page.QuerySelector("#RouteSequence")!.GetAttribute("value"));
            Assert.NotEmpty(page.QuerySelector("[data-valmsg-for=RouteSequence]")!.TextContent);
        }

        Assert.Equal(before, await factory.QueryAsync(db => db.Customers.Where(c => c.Id == mine).Select(c => new { c.Frequency, c.RouteDay, c.RouteWeek }).SingleAsync()));
        Assert.Null((await manager.GetDocumentAsync($"/VisitPlans/Edit/{mine}")).QuerySelector("#store-location"));

        // An administrator also corrects the store's place (audited); a comma is not a decimal point.
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using (var comma = await admin.SubmitFormAsync($"/VisitPlans/Edit/{mine}", "#plan-form", new Dictionary<string, string> { ["Latitude"] = "23,1291", ["Longitude"] = "113.264435" }))
        {
            Assert.Contains("十进制纬度", (await comma.ToDocumentAsync()).QuerySelector("[data-valmsg-for=Latitude]")!.TextContent, StringComparison.Ordinal);
        }

        using (var located = await admin.SubmitFormAsync($"/VisitPlans/Edit/{mine}", "#plan-form", new Dictionary<string, string> { ["Latitude"] = "23.1291", ["Longitude"] = "113.264435" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, located.StatusCode);
        }

        var place = await factory.QueryAsync(db => db.Customers.Where(c => c.Id == mine).Select(c => new { c.Latitude, c.Longitude }).SingleAsync());
        Assert.Equal(((double?)23.1291, (double?)113.264435), (place.Latitude, place.Longitude));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(RetailCustomer) && a.EntityId == mine.ToString(CultureInfo.InvariantCulture) && a.NewValues!.Contains("Latitude"))));
        Assert.Contains("23.1291, 113.264435", (await admin.GetDocumentAsync($"/Customers/Details/{mine}")).QuerySelector("#customer-location")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTickedCustomersAreMovedToAnotherRouteDayAtOnce()
    {
        var customers = (await ActiveCustomersAsync("KM004")).Take(3).ToList();
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am04");
        var page = await manager.GetDocumentAsync("/VisitPlans");
        var token = page.QuerySelector("#plan-bulk input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var frequencies = await factory.QueryAsync(db => db.Customers.Where(c => customers.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.Frequency).ToListAsync());

        using var response = await manager.PostAsync("/VisitPlans/Bulk", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("ids", customers[0].ToString(CultureInfo.InvariantCulture)), new("ids", customers[1].ToString(CultureInfo.InvariantCulture)),
            new("Frequency", "keep"), new("RouteDay", "Tuesday"), new("RouteWeek", "keep"),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await factory.QueryAsync(db => db.Customers.Where(c => customers.Contains(c.Id)).OrderBy(c => c.Id).Select(c => new { c.RouteDay, c.Frequency }).ToListAsync());
        Assert.Equal([DayOfWeek.Tuesday, DayOfWeek.Tuesday], after.Take(2).Select(c => c.RouteDay));
        Assert.Equal(frequencies, after.Select(c => c.Frequency));
        Assert.NotEqual(DayOfWeek.Tuesday, after[2].RouteDay);

        // Another manager's customer cannot be slipped into the selection.
        var theirs = (await ActiveCustomersAsync("KM003"))[0];
        using var slipped = await manager.PostAsync("/VisitPlans/Bulk", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("ids", theirs.ToString(CultureInfo.InvariantCulture)), new("RouteDay", "Monday")]));
        Assert.Equal(HttpStatusCode.NotFound, slipped.StatusCode);

        using var supervisor = await factory.CreateBrowserlessClient().SignedInAsync("supervisor");
        var supervisorToken = (await supervisor.GetDocumentAsync("/VisitPlans/Compliance")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var denied = await supervisor.PostAsync("/VisitPlans/Bulk", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", supervisorToken), new("ids", theirs.ToString(CultureInfo.InvariantCulture)), new("RouteDay", "Monday")]));
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdministratorsSetEachBusinessTypesFrequency()
    {
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am01");
        using (var denied = await manager.GetAsync("/VisitPlans/Defaults"))
        {
            Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        try
        {
            using var saved = await admin.SubmitFormAsync("/VisitPlans/Defaults", "#defaults-form", new Dictionary<string, string> { ["Frequencies[Other]"] = "Weekly" });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal(VisitFrequency.Weekly, await factory.QueryAsync(db => db.VisitFrequencyDefaults.Where(d => d.BusinessType == BusinessType.Other).Select(d => d.Frequency).SingleAsync()));
            var customer = await factory.QueryAsync(db => db.Customers.Where(c => c.BusinessType == BusinessType.Other && c.Frequency == null && c.Status == CustomerStatus.Active).Select(c => c.Id).FirstAsync());
            Assert.StartsWith("每周", (await admin.GetDocumentAsync($"/Customers/Details/{customer}")).QuerySelector("#customer-frequency")!.TextContent.Trim(), StringComparison.Ordinal);
        }
        finally
        {
            using var restored = await admin.SubmitFormAsync("/VisitPlans/Defaults", "#defaults-form", new Dictionary<string, string> { ["Frequencies[Other]"] = "Monthly" });
        }
    }

    [Fact]
    public async Task ComplianceCountsThePlannedVisitsMadeAndTheOverdueCustomers()
    {
        const string Url = "/VisitPlans/Compliance?from=2026-11-09&to=2026-11-20&q=KM008";
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var km008 = await factory.ManagerIdAsync("KM008");

        async Task<Dictionary<string, int>> FiguresAsync()
        {
            var row = (await admin.GetDocumentAsync(Url)).QuerySelector($".compliance-row[data-manager-id='{km008}']")!;
            return row.QuerySelectorAll("[data-figure]").ToDictionary(
                c => c.GetAttribute("data-figure")!,
                c => int.Parse(c.TextContent.Trim().Split(' ', '/')[0], NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("zh-CN")));
        }

        var before = await FiguresAsync();

        // Two new weekly Monday customers served since September: one visited on Monday 9th and on Wednesday 18th, one never.
        var (visited, never) = await factory.QueryAsync(async db =>
        {
            RetailCustomer New(string licence)
            {
                var c = new RetailCustomer(licence, "线路店" + licence[^2..], "主", null, "路", BusinessType.Grocery);
                c.AssignTo(km008, new DateOnly(2026, 9, 1), null, "test");
                c.Plan(VisitFrequency.Weekly, DayOfWeek.Monday, 1, null);
                return c;
            }

            var a = New("990800000001");
            var b = New("990800000002");
            db.Customers.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am08");
        foreach (var at in new[] { "2026-11-09T10:00", "2026-11-18T15:00" })
        {
            using var logged = await manager.SubmitFormAsync($"/Visits/Create?customerId={visited}", "#visit-form", new Dictionary<string, string> { ["VisitedAt"] = at });
            Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        }

        var after = await FiguresAsync();
        Assert.Equal(before["planned"] + 4, after["planned"]);
        Assert.Equal(before["made"] + 2, after["made"]);
        Assert.Equal(before["on-day"] + 1, after["on-day"]);
        Assert.Equal(before["overdue"] + 1, after["overdue"]);

        // The manager's home lists the one never visited as overdue.
        Assert.NotNull((await manager.GetDocumentAsync("/MyWork")).QuerySelector($"#overdue .overdue-stop[data-customer-id='{never}']"));

        // A manager sees their own row only.
        var own = await manager.GetDocumentAsync("/VisitPlans/Compliance");
        Assert.Equal([km008.ToString(CultureInfo.InvariantCulture)], own.QuerySelectorAll(".compliance-row").Select(r => r.GetAttribute("data-manager-id")));
    }

    [Fact]
    public async Task ImportedFilesCarryFrequencyRouteDayWeekAndOrder()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var csv = "许可证号,店名,负责人,地址,业态,拜访频次,线路日,线路周,顺序\r\n"
                  + "990700000001,线路导入一,张,路1号,便利店,每两周,周三,2,4\r\n"
                  + "990700000002,线路导入二,李,路2号,超市,默认,Thursday,,\r\n";
        using var uploaded = await admin.UploadAsync("/CustomerImport", "#import-form", "file", "plans.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        using var confirmed = await admin.SubmitFormAsync(uploaded.Headers.Location!.OriginalString, "#confirm-import", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        var plans = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber.StartsWith("9907000000")).OrderBy(c => c.LicenceNumber)
            .Select(c => new { c.Frequency, c.RouteDay, c.RouteWeek, c.RouteSequence }).ToListAsync());
        Assert.Equal(new { Frequency = (VisitFrequency?)VisitFrequency.Fortnightly, RouteDay = (DayOfWeek?)DayOfWeek.Wednesday, RouteWeek = 2, RouteSequence = (int?)4 }, plans[0]);
        Assert.Equal(new { Frequency = (VisitFrequency?)null, RouteDay = (DayOfWeek?)DayOfWeek.Thursday, RouteWeek = 1, RouteSequence = (int?)null }, plans[1]);

        // Words it does not know are refused with the row and column named.
        var bad = "许可证号,店名,负责人,地址,业态,拜访频次,线路日\r\n990700000003,线路导入三,王,路3号,便利店,每天,周八\r\n";
        using var refused = await admin.UploadAsync("/CustomerImport", "#import-form", "file", "bad.csv", Encoding.UTF8.GetBytes(bad));
        var preview = await (await admin.GetAsync(refused.Headers.Location)).ToDocumentAsync();
        var text = preview.Body!.TextContent;
        Assert.Contains("“每天”不是有效的拜访频次", text, StringComparison.Ordinal);
        Assert.Contains("“周八”不是星期几", text, StringComparison.Ordinal);
    }
}
