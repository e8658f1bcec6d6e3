using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CustomerManager.Domain.Visits;
using Microsoft.AspNetCore.DataProtection;

namespace CustomerManager.Web.Features.Visits;

/// <summary>
/// A check-in made at the store before its visit is logged (签到): the server's time and the phone's location, sealed
/// with the app's data-protection keys and carried by the visit form, so that neither can be altered on the phone and
/// nothing is stored for a check-in whose visit is never logged. A ticket is good for its manager, customer and day.
/// </summary>
public sealed class SiteCheckTicket(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("CustomerManager.Visits.CheckIn.v1");

    public string Seal(int managerId, int customerId, SiteFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        var payload = new Payload(managerId, customerId, fix.At.Ticks, fix.Point?.Latitude, fix.Point?.Longitude, fix.AccuracyMeters);
        return _protector.Protect(JsonSerializer.Serialize(payload));
    }

    /// <summary>The check-in a ticket holds, if it is intact and was made by this manager at this customer on <paramref name="day"/>.</summary>
    public SiteFix? Open(string? ticket, int managerId, int customerId, DateOnly day)
    {
        if (string.IsNullOrWhiteSpace(ticket))
        {
            return null;
        }

        try
        {
            var p = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(ticket));
            if (p is null || p.M != managerId || p.C != customerId)
            {
                return null;
            }

            var at = new DateTime(p.T, DateTimeKind.Unspecified);
            return DateOnly.FromDateTime(at) != day
                ? null
                : new SiteFix(at, p.Lat is { } lat && p.Lon is { } lon && GeoPoint.IsValid(lat, lon) ? new GeoPoint(lat, lon) : null, p.Acc);
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// A location as the phone's browser sent it (invariant decimals); none when absent, malformed or outside the globe.
    /// </summary>
    public static (GeoPoint? Point, double? Accuracy) Read(string? latitude, string? longitude, string? accuracy)
    {
        static double? Number(string? text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
        var (lat, lon, acc) = (Number(latitude), Number(longitude), Number(accuracy));
        return lat is { } a && lon is { } b && GeoPoint.IsValid(a, b) ? (new GeoPoint(a, b), acc is >= 0 ? acc : null) : (null, null);
    }

    private sealed record Payload(int M, int C, long T, double? Lat, double? Lon, double? Acc);
}
