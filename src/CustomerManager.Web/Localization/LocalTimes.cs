namespace CustomerManager.Web.Localization;

public static class LocalTimes
{
    /// <summary>
    /// A UTC stamp as the company's wall clock shows it: in the time zone of the app's clock (the server's own
    /// zone in production, China Standard Time in the tests), never the zone of whatever machine renders it.
    /// </summary>
    public static DateTime Local(this TimeProvider clock, DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone);
    }
}
