using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Visits;

/// <summary>A point on the earth, in degrees (WGS 84, as browsers report it).</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>The mean radius of the earth (IUGG), in metres.</summary>
    public const double EarthRadiusMeters = 6_371_008.8;

    public static bool IsValid(double latitude, double longitude) =>
        double.IsFinite(latitude) && double.IsFinite(longitude) && latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    /// <summary>A point, or a refusal when the coordinates lie outside the globe.</summary>
    public static GeoPoint Of(double latitude, double longitude) =>
        IsValid(latitude, longitude) ? new GeoPoint(latitude, longitude) : throw new DomainException(ErrorCodes.Visit.Location, "Coordinates outside the globe.");

    /// <summary>The great-circle distance to <paramref name="other"/> in metres (haversine formula).</summary>
    public double DistanceMetersTo(GeoPoint other)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(other.Latitude - Latitude);
        var dLon = Radians(other.Longitude - Longitude);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
                + (Math.Cos(Radians(Latitude)) * Math.Cos(Radians(other.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}

/// <summary>
/// What the phone reported at a check-in or check-out: the server's time, and the location when the user allowed it
/// and the phone had a fix (<paramref name="AccuracyMeters"/>: the radius the browser is 95 % sure of).
/// </summary>
public sealed record SiteFix(DateTime At, GeoPoint? Point, double? AccuracyMeters);

/// <summary>How far an on-site visit is borne out by its check-in and check-out (签到/签退).</summary>
public enum VisitVerification
{
    /// <summary>No usable location (denied, no fix, too imprecise), no check-out yet, or a phone visit.</summary>
    Unverified = 0,

    /// <summary>At the store, for long enough.</summary>
    Verified = 1,

    /// <summary>Checked in or out farther from the store than allowed.</summary>
    Far = 2,

    /// <summary>At the store, but shorter than a visit takes.</summary>
    TooShort = 3,
}

/// <summary>What the server concludes from a visit's check-in and check-out.</summary>
/// <param name="Verification">The visit's mark.</param>
/// <param name="DistanceMeters">The farthest fix from the store, when there was a usable one.</param>
/// <param name="StoreLocation">The store's coordinates this visit gives it: its first verified visit's check-in, when it had none.</param>
public sealed record SiteAssessment(VisitVerification Verification, int? DistanceMeters, GeoPoint? StoreLocation);

/// <summary>
/// Marks an on-site visit verified, far (a fix farther from the store than <paramref name="farMeters"/>), short (checked
/// out less than <paramref name="shortMinutes"/> after checking in) or unverified (no usable location, or not checked
/// out). A fix less precise than the far distance tells nothing and counts as none. Far is the stronger mark: a visit
/// both far and short is far. A store without coordinates takes its first verified visit's check-in.
/// </summary>
public sealed class SiteCheckRules(int farMeters, int shortMinutes)
{
    public const int DefaultFarMeters = 200;
    public const int DefaultShortMinutes = 3;

    public int FarMeters => farMeters;

    public int ShortMinutes => shortMinutes;

    /// <summary>Whether a fix locates the phone precisely enough to say where it was.</summary>
    public bool IsUsable(SiteFix? fix) => fix?.Point is not null && (fix.AccuracyMeters is null || fix.AccuracyMeters <= farMeters);

    public SiteAssessment Assess(GeoPoint? store, SiteFix? checkIn, SiteFix? checkOut)
    {
        if (checkIn is null || !IsUsable(checkIn))
        {
            return new SiteAssessment(VisitVerification.Unverified, null, null);
        }

        var reference = store ?? checkIn.Point!.Value;
        var distance = reference.DistanceMetersTo(checkIn.Point!.Value);
        if (IsUsable(checkOut))
        {
            distance = Math.Max(distance, reference.DistanceMetersTo(checkOut!.Point!.Value));
        }

        var meters = (int)Math.Round(distance, MidpointRounding.AwayFromZero);
        if (meters > farMeters)
        {
            return new SiteAssessment(VisitVerification.Far, meters, null);
        }

        if (checkOut is null)
        {
            return new SiteAssessment(VisitVerification.Unverified, meters, null);
        }

        if (checkOut.At - checkIn.At < TimeSpan.FromMinutes(shortMinutes))
        {
            return new SiteAssessment(VisitVerification.TooShort, meters, null);
        }

        return new SiteAssessment(VisitVerification.Verified, meters, store is null ? checkIn.Point : null);
    }
}
