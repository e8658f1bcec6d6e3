using System.Globalization;
using System.Net;
using System.Text.Json;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Visits;
using CustomerManager.Web.Features.Visits;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// Verified on-site visits (签到/签退): the check-in sealed by the server, the check-out on the visit's page, the marks,
/// who sees the locations, and their removal after the retention period. Moves the clock: owns its factory.
/// </summary>
public class SiteCheckTests(SiteCheckTests.Factory factory) : IClassFixture<SiteCheckTests.Factory>
{
    public sealed class Factory : CustomerManagerFactory;

    /// <summary>Metres north of a point, in degrees of latitude.</summary>
    private static double North(double latitude, double meters) => latitude + (meters / 111_195.0);

    private async Task<(int Id, double Latitude, double Longitude)> LocatedCustomerAsync(string employeeNumber, int skip)
    {
        var managerId = await factory.ManagerIdAsync(employeeNumber);
        var c = await factory.QueryAsync(db => db.Customers
            .Where(c => c.CurrentManagerId == managerId && c.Status == CustomerStatus.Active && c.Latitude != null)
            .OrderBy(c => c.Id).Skip(skip)
            .Select(c => new { c.Id, c.Latitude, c.Longitude }).FirstAsync());
        return (c.Id, c.Latitude!.Value, c.Longitude!.Value);
    }

    /// <summary>What the visit form's script does: checks in through the server, with or without a location.</summary>
    private static async Task<JsonElement> CheckInAsync(HttpClient client, int customerId, double? latitude, double? longitude)
    {
        var form = await client.GetDocumentAsync($"/Visits/Create?customerId={customerId}");
        var fields = new Dictionary<string, string>
        {
            ["customerId"] = customerId.ToString(CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = form.QuerySelector("#visit-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        if (latitude is { } lat && longitude is { } lon)
        {
            fields["latitude"] = lat.ToString("R", CultureInfo.InvariantCulture);
            fields["longitude"] = lon.ToString("R", CultureInfo.InvariantCulture);
            fields["accuracy"] = "12";
        }

        using var response = await client.PostAsync("/Visits/CheckIn", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<int> LogAsync(HttpClient client, int customerId, string? ticket)
    {
        var values = new Dictionary<string, string>
        {
            ["Kind"] = "OnSite",
            ["VisitedAt"] = factory.LocalNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["MarketInformation"] = "到店",
        };
        if (ticket is not null)
        {
            values["CheckInTicket"] = ticket;
        }

        using var response = await client.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    private static Task<HttpResponseMessage> CheckOutAsync(HttpClient client, int visitId, double? latitude, double? longitude) =>
        client.SubmitFormAsync($"/Visits/Details/{visitId}", "#check-out-form", latitude is { } lat && longitude is { } lon
            ? new Dictionary<string, string> { ["latitude"] = lat.ToString("R", CultureInfo.InvariantCulture), ["longitude"] = lon.ToString("R", CultureInfo.InvariantCulture), ["accuracy"] = "10" }
            : []);

    private Task<Visit> VisitAsync(int id) => factory.QueryAsync(db => db.Visits.AsNoTracking().SingleAsync(v => v.Id == id));

    [Fact]
    public async Task CheckedInFortyMetresAwayAndOutFiveMinutesLaterIsVerified()
    {
        var (customerId, lat, lon) = await LocatedCustomerAsync("KM002", 0);
        var km002 = await factory.ManagerIdAsync("KM002");
        var monthBefore = await factory.QueryAsync(db => db.VisitMonthTotals.Where(t => t.AccountManagerId == km002 && t.Month == new DateOnly(2026, 11, 1)).Select(t => new { t.OnSiteVisits, t.VerifiedVisits }).SingleAsync());
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am02");

        var checkIn = await CheckInAsync(manager, customerId, North(lat, 40), lon);
        Assert.Contains("40", checkIn.GetProperty("message").GetString(), StringComparison.Ordinal);
        var visitId = await LogAsync(manager, customerId, checkIn.GetProperty("ticket").GetString());
        var logged = await VisitAsync(visitId);
        Assert.Equal((VisitVerification.Unverified, 40, true), (logged.Verification, logged.DistanceMeters, logged.AwaitsCheckOut));
        Assert.Equal(factory.LocalNow, logged.VisitedAt, TimeSpan.FromSeconds(1));

        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        using (var checkedOut = await CheckOutAsync(manager, visitId, North(lat, 20), lon))
        {
            Assert.Equal(HttpStatusCode.Redirect, checkedOut.StatusCode);
        }

        var visit = await VisitAsync(visitId);
        Assert.Equal((VisitVerification.Verified, 40, 5), (visit.Verification, visit.DistanceMeters, visit.DurationMinutes));
        var page = await manager.GetDocumentAsync($"/Visits/Details/{visitId}");
        Assert.Equal("Verified", page.QuerySelector("#verification")!.GetAttribute("data-verification"));
        Assert.Null(page.QuerySelector("#check-out-form"));
        Assert.Equal(2, page.QuerySelectorAll("#locations a[href^='https://www.openstreetmap.org/']").Length);

        // The month's kept totals follow: one more on-site visit, one more verified.
        var monthAfter = await factory.QueryAsync(db => db.VisitMonthTotals.Where(t => t.AccountManagerId == km002 && t.Month == new DateOnly(2026, 11, 1)).Select(t => new { t.OnSiteVisits, t.VerifiedVisits }).SingleAsync());
        Assert.Equal((monthBefore.OnSiteVisits + 1, monthBefore.VerifiedVisits + 1), (monthAfter.OnSiteVisits, monthAfter.VerifiedVisits));
    }

    [Fact]
    public async Task AFarCheckInIsFlaggedAndListedOnTheManagersPageWithItsPlaceForThoseAllowed()
    {
        var (customerId, lat, lon) = await LocatedCustomerAsync("KM003", 1);
        var km003 = await factory.ManagerIdAsync("KM003");
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am03");

        var checkIn = await CheckInAsync(manager, customerId, North(lat, 2000), lon);
        Assert.True(checkIn.GetProperty("far").GetBoolean());
        var visitId = await LogAsync(manager, customerId, checkIn.GetProperty("ticket").GetString());

        var visit = await VisitAsync(visitId);
        Assert.Equal((VisitVerification.Far, 2000), (visit.Verification, visit.DistanceMeters));
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var row = (await admin.GetDocumentAsync($"/AccountManagers/Details/{km003}?from=2026-11-01&to=2026-11-30")).QuerySelector($"#flagged-visits .flagged-visit[data-visit-id='{visitId}']");
        Assert.NotNull(row);
        Assert.Contains("2,000", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("a[href^='https://www.openstreetmap.org/']"));

        // The unit's supervisor sees the mark and the distance, not where the phone was.
        using var supervisor = await factory.CreateBrowserlessClient().SignedInAsync("supervisor");
        var seen = (await supervisor.GetDocumentAsync($"/AccountManagers/Details/{km003}?from=2026-11-01&to=2026-11-30")).QuerySelector($".flagged-visit[data-visit-id='{visitId}']");
        Assert.NotNull(seen);
        Assert.Null(seen.QuerySelector("a[href^='https://www.openstreetmap.org/']"));
        Assert.Empty((await supervisor.GetDocumentAsync($"/Visits/Details/{visitId}")).QuerySelectorAll("#locations"));
    }

    [Fact]
    public async Task WithoutALocationOrAnyCheckInTheVisitIsSavedUnverified()
    {
        var (customerId, _, _) = await LocatedCustomerAsync("KM004", 2);
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am04");

        var denied = await CheckInAsync(manager, customerId, null, null);
        Assert.Contains("未核验", denied.GetProperty("message").GetString(), StringComparison.Ordinal);
        var withoutLocation = await VisitAsync(await LogAsync(manager, customerId, denied.GetProperty("ticket").GetString()));
        Assert.Equal(VisitVerification.Unverified, withoutLocation.Verification);
        Assert.NotNull(withoutLocation.CheckedInAt);
        Assert.Null(withoutLocation.CheckInLatitude);

        var plain = await VisitAsync(await LogAsync(manager, customerId, null));
        Assert.Equal((VisitVerification.Unverified, (DateTime?)null), (plain.Verification, plain.CheckedInAt));

        // A ticket altered on the phone, or made for another customer, is not used: the visit is still saved, unverified.
        var other = await LocatedCustomerAsync("KM004", 3);
        var elsewhere = await CheckInAsync(manager, other.Id, other.Latitude, other.Longitude);
        var tampered = await VisitAsync(await LogAsync(manager, customerId, elsewhere.GetProperty("ticket").GetString()));
        Assert.Equal((VisitVerification.Unverified, (DateTime?)null), (tampered.Verification, tampered.CheckedInAt));
        var forged = await VisitAsync(await LogAsync(manager, customerId, "CfDJ8-not-a-ticket"));
        Assert.Null(forged.CheckedInAt);

        // One check-in proves one visit: sent again, the same ticket checks nothing in.
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var once = (await CheckInAsync(manager, customerId, null, null)).GetProperty("ticket").GetString();
        Assert.NotNull((await VisitAsync(await LogAsync(manager, customerId, once))).CheckedInAt);
        Assert.Null((await VisitAsync(await LogAsync(manager, customerId, once))).CheckedInAt);
    }

    [Fact]
    public async Task OnlyTheAuthorChecksOutAndOnlyOfTheirOwnStores()
    {
        var (customerId, lat, lon) = await LocatedCustomerAsync("KM005", 0);
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am05");
        var visitId = await LogAsync(manager, customerId, (await CheckInAsync(manager, customerId, lat, lon)).GetProperty("ticket").GetString());

        using var someoneElse = await factory.CreateBrowserlessClient().SignedInAsync("am06");
        var token = (await someoneElse.GetDocumentAsync("/Visits/Create")).QuerySelector("#visit-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var checkOut = await someoneElse.PostAsync($"/Visits/CheckOut/{visitId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, checkOut.StatusCode);
        using var checkIn = await someoneElse.PostAsync("/Visits/CheckIn", new FormUrlEncodedContent(new Dictionary<string, string> { ["customerId"] = customerId.ToString(CultureInfo.InvariantCulture), ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, checkIn.StatusCode);
        using var withoutToken = await manager.PostAsync($"/Visits/CheckOut/{visitId}", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.True((await VisitAsync(visitId)).AwaitsCheckOut);
    }

    [Fact]
    public async Task LocationsAreRemovedAfterTheRetentionPeriodAndTheMarksStay()
    {
        var (customerId, lat, lon) = await LocatedCustomerAsync("KM006", 0);
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am06");
        var visitId = await LogAsync(manager, customerId, (await CheckInAsync(manager, customerId, North(lat, 900), lon)).GetProperty("ticket").GetString());

        // Not yet: checked in today.
        await factory.WithDbAsync(db => LocationRetention.ForgetAsync(db, factory.LocalNow.Date.AddDays(-VisitOptions.DefaultLocationRetentionDays), default));
        Assert.NotNull((await VisitAsync(visitId)).CheckInLatitude);

        await factory.WithDbAsync(db => LocationRetention.ForgetAsync(db, factory.LocalNow.AddMinutes(1), default));
        var visit = await VisitAsync(visitId);
        Assert.Equal((null, null, VisitVerification.Far, 900), (visit.CheckInLatitude, visit.CheckInLongitude, visit.Verification, visit.DistanceMeters));
        Assert.Contains("已过保存期限并删除", (await manager.GetDocumentAsync($"/Visits/Details/{visitId}")).QuerySelector("#locations")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagesLetTheBrowserAskForTheLocation() =>
        Assert.Contains("geolocation=(self)", (await factory.CreateBrowserlessClient().GetAsync("/Account/SignIn")).Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
}
