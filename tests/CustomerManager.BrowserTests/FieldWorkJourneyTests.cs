using System.Globalization;
using CustomerManager.BrowserTests.Infrastructure;
using CustomerManager.Domain.Customers;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerManager.BrowserTests;

/// <summary>
/// Field work on a 390×844 phone whose location is faked, on an app of its own (20 November 2026, a Friday): the
/// manager opens today's route, checks in 40 m from a store, logs the visit and checks out five minutes later
/// (verified); checks in 2 km from another (far); and, with the location refused, still logs a third (unverified). The
/// panel sees the figures change on the scoring page of the current quarter, and closing it (once its period is over)
/// freezes them on the evaluation form.
/// </summary>
public class FieldWorkJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Quarter = "2026 Q4";

    [BrowserTheory]
    [InlineData("zh-CN", "am01", "KM001", "monopoly", "待签退", "没有定位")]
    [InlineData("en-US", "am07", "KM007", "monopoly2", "Awaiting check-out", "without a location")]
    public async Task ManagerChecksInAndOutAndThePanelSeesTheFiguresFrozenAtClose(
        string locale, string userName, string employeeNumber, string panelMember, string awaitsCheckOut, string noLocation)
    {
        await using var app = new AppServerFixture();
        var shot = $"fieldwork-{locale}";
        var (managerId, stores) = await PrepareAsync(app, employeeNumber);
        var (first, second, third) = (stores[0], stores[1], stores[2]);

        // The administrator opens the current quarter.
        var admin = await browser.NewPageAsync(locale: locale, app: app);
        admin.Dialog += (_, dialog) => dialog.AcceptAsync();
        await admin.SignInAsync("admin");
        await admin.GotoAsync("/Cycles");
        await admin.FillAsync("#Name", Quarter);
        await admin.FillAsync("#PeriodStart", "2026-10-01");
        await admin.FillAsync("#PeriodEnd", "2026-12-31");
        await admin.ClickAsync("#cycle-form button[type=submit]");
        await admin.WaitForURLAsync("**/Cycles/Details/**");
        var cycleId = int.Parse(admin.Url[(admin.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        await admin.ClickAsync("#open-cycle");
        await admin.WaitForSelectorAsync("#progress-board");

        // What the panel sees before.
        var panel = await browser.NewPageAsync(locale: locale, app: app);
        await panel.SignInAsync(panelMember);
        var scoringUrl = $"/Scoring/Score?cycleId={cycleId}&managerId={managerId}";
        var before = await FiguresAsync(panel, scoringUrl, ".evidence-figures");

        // 1. Today's route, then a check-in 40 m from the first store, the visit, and a check-out five minutes later.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = locale,
            Permissions = ["geolocation"],
            Geolocation = At(first, 40),
        });
        var phone = await context.NewPageAsync();
        await phone.SignInAsync(userName);
        var stop = phone.Locator($"#todays-route .route-stop[data-customer-id='{first.Id}']");
        Assert.Equal("false", await stop.GetAttributeAsync("data-done"));
        await BrowserFixture.ScreenshotAsync(phone, $"{shot}-1-route-phone");
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the home is wider than the phone");
        await stop.Locator("a.route-visit").ClickAsync();
        await phone.WaitForURLAsync($"**/Visits/Create?customerId={first.Id}");
        await phone.ClickAsync("#check-in");
        await phone.Locator("#check-in-status", new PageLocatorOptions { HasText = "40" }).WaitForAsync();
        Assert.True(await phone.Locator("#VisitedAt").EvaluateAsync<bool>("e => e.readOnly"));
        await BrowserFixture.ScreenshotAsync(phone, $"{shot}-2-checked-in-phone");
        await phone.FillAsync("#VolumeCartons", "12");
        await Task.WhenAll(phone.WaitForURLAsync("**/Visits/Details/**"), phone.ClickAsync("#save-visit"));
        Assert.Contains(awaitsCheckOut, await phone.InnerTextAsync("#verification"), StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await phone.ClickAsync("#check-out");
        await phone.Locator("#verification[data-verification=Verified]").WaitForAsync();
        Assert.Contains("40", await phone.InnerTextAsync("#distance"), StringComparison.Ordinal);
        Assert.Contains("5", await phone.InnerTextAsync("#duration"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(phone, $"{shot}-3-verified-phone");
        await phone.GotoAsync("/MyWork");
        Assert.Equal("true", await phone.Locator($"#todays-route .route-stop[data-customer-id='{first.Id}']").GetAttributeAsync("data-done"));
        await phone.GotoAsync("/VisitPlans");
        Assert.True(await phone.Locator($"#plan-table tr[data-customer-id='{first.Id}']").CountAsync() == 1);
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the route plan is wider than the phone");
        await BrowserFixture.ScreenshotAsync(phone, $"{shot}-3b-plan-phone");

        // 2. Two kilometres from the second store: far, whether or not the manager checks out.
        await context.SetGeolocationAsync(At(second, 2000));
        await phone.GotoAsync($"/Visits/Create?customerId={second.Id}");
        await phone.ClickAsync("#check-in");
        await phone.Locator("#check-in-status", new PageLocatorOptions { HasText = "2000" }).WaitForAsync();
        await Task.WhenAll(phone.WaitForURLAsync("**/Visits/Details/**"), phone.ClickAsync("#save-visit"));
        await phone.Locator("#verification[data-verification=Far]").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(phone, $"{shot}-4-far-phone");
        var farVisit = phone.Url[(phone.Url.LastIndexOf('/') + 1)..];
        await phone.GotoAsync($"/VisitPlans/Edit/{first.Id}");
        await BrowserFixture.ScreenshotAsync(phone, $"{shot}-4b-plan-edit-phone");
        await context.CloseAsync();
        await admin.GotoAsync($"/AccountManagers/Details/{managerId}?from=2026-11-01&to=2026-11-30");
        Assert.Equal(1, await admin.Locator($"#flagged-visits .flagged-visit[data-visit-id='{farVisit}'] a[href^='https://www.openstreetmap.org/']").CountAsync());
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-4c-flagged");

        // 3. The location refused: the check-in says so, and the visit is saved, unverified.
        var refusing = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = locale,
        });
        var denied = await refusing.NewPageAsync();
        await denied.SignInAsync(userName);
        await denied.GotoAsync($"/Visits/Create?customerId={third.Id}");
        await denied.ClickAsync("#check-in");
        await denied.Locator("#check-in-status", new PageLocatorOptions { HasText = noLocation }).WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(denied, $"{shot}-5-no-location-phone");
        await Task.WhenAll(denied.WaitForURLAsync("**/Visits/Details/**"), denied.ClickAsync("#save-visit"));
        await denied.Locator("#verification[data-verification=Unverified]").WaitForAsync();
        await refusing.CloseAsync();

        // 4. The panel sees three more on-site visits, one more verified, one more far.
        var after = await FiguresAsync(panel, scoringUrl, ".evidence-figures");
        await BrowserFixture.ScreenshotAsync(panel, $"{shot}-6-scoring");
        await panel.GotoAsync("/VisitPlans/Compliance");
        Assert.Equal(1, await panel.Locator($".compliance-row[data-manager-id='{managerId}']").CountAsync());
        await BrowserFixture.ScreenshotAsync(panel, $"{shot}-6b-compliance");
        Assert.Equal((before.Verified + 1, before.OnSite + 3), (after.Verified, after.OnSite));
        Assert.Equal((before.Far + 1, before.Short), (after.Far, after.Short));

        // 5. Once the quarter is over it closes, and the form keeps the visits' figures the panel saw (the plan's run to
        //    the quarter's end by then).
        app.Clock.Advance(new DateTimeOffset(2027, 1, 2, 9, 0, 0, TimeSpan.FromHours(8)) - app.Clock.GetUtcNow());
        await admin.Context.ClearCookiesAsync(); // six weeks on, the sign-in has expired
        await admin.SignInAsync("admin");
        await admin.GotoAsync($"/Cycles/Close/{cycleId}");
        await admin.CheckAsync("#confirmNotRated");
        await admin.ClickAsync("#confirm-close button[type=submit]");
        await admin.WaitForSelectorAsync("#publish-cycle");
        var frozen = await FiguresAsync(admin, $"/Results/Form?cycleId={cycleId}&managerId={managerId}", "#form-evidence");
        Assert.Equal(after, frozen);
        await BrowserFixture.ScreenshotAsync(admin, $"{shot}-7-form");
        await admin.Context.CloseAsync();
        await panel.Context.CloseAsync();
    }

    private sealed record Store(int Id, double Latitude, double Longitude);

    private sealed record Figures(int Verified, int OnSite, int Far, int Short);

    /// <summary>The store's place moved north by <paramref name="meters"/>.</summary>
    private static Geolocation At(Store store, double meters) =>
        new() { Latitude = (float)(store.Latitude + (meters / 111_195.0)), Longitude = (float)store.Longitude, Accuracy = 10 };

    /// <summary>Three trading, placed stores of the manager; the first on today's (Friday's) route, first in its order.</summary>
    private static async Task<(int ManagerId, List<Store> Stores)> PrepareAsync(AppServerFixture app, string employeeNumber)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var managerId = await db.AccountManagers.Where(m => m.EmployeeNumber == employeeNumber).Select(m => m.Id).SingleAsync();
        var customers = await db.Customers.Where(c => c.CurrentManagerId == managerId && c.Status == CustomerStatus.Active && c.Latitude != null).OrderBy(c => c.Id).Take(3).ToListAsync();
        customers[0].Plan(VisitFrequency.Weekly, DayOfWeek.Friday, 1, 1);
        await db.SaveChangesAsync();
        return (managerId, customers.Select(c => new Store(c.Id, c.Latitude!.Value, c.Longitude!.Value)).ToList());
    }

    /// <summary>The field-work figures a page shows: "verified / on-site · share" and "far / too short".</summary>
    private static async Task<Figures> FiguresAsync(IPage page, string url, string container)
    {
        await page.GotoAsync(url);
        static int[] Numbers(string text) => [.. text.Split(['/', '·'], StringSplitOptions.TrimEntries).Take(2).Select(t => int.Parse(t, NumberStyles.AllowThousands, CultureInfo.InvariantCulture))];
        var verified = Numbers(await page.InnerTextAsync($"{container} [data-figure='Evidence.VerifiedShare'] .fs-5"));
        var farShort = Numbers(await page.InnerTextAsync($"{container} [data-figure='Evidence.FarShort'] .fs-5"));
        Assert.Matches(@"^\d+ / \d+ · ", await page.InnerTextAsync($"{container} [data-figure='Evidence.PlanCompliance'] .fs-5"));
        return new Figures(verified[0], verified[1], farShort[0], farShort[1]);
    }
}
