using CustomerManager.Domain.Visits;

namespace CustomerManager.Web.Infrastructure;

/// <summary>Coordinates as people read them and a link that shows them on a map (no map is embedded in the app).</summary>
public static class MapLinks
{
    public static string Text(GeoPoint point) => FormattableString.Invariant($"{point.Latitude:0.######}, {point.Longitude:0.######}");

    /// <summary>The point on OpenStreetMap, zoomed to the street.</summary>
    public static string Href(GeoPoint point) =>
        FormattableString.Invariant($"https://www.openstreetmap.org/?mlat={point.Latitude:0.######}&mlon={point.Longitude:0.######}#map=18/{point.Latitude:0.######}/{point.Longitude:0.######}");
}
