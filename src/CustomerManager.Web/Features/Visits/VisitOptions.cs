using CustomerManager.Domain.Visits;

namespace CustomerManager.Web.Features.Visits;

/// <summary>The <c>Visits</c> configuration section.</summary>
public sealed class VisitOptions
{
    public const string Section = "Visits";

    public const int DefaultLocationRetentionDays = 90;

    /// <summary>How many days after logging a visit its author may still change or delete it.</summary>
    public int EditWindowDays { get; set; } = VisitChangeRules.DefaultEditWindowDays;

    /// <summary>A check-in or check-out farther than this from the store (metres) marks the visit far.</summary>
    public int FarDistanceMeters { get; set; } = SiteCheckRules.DefaultFarMeters;

    /// <summary>A visit checked out sooner than this after its check-in (minutes) is marked short.</summary>
    public int ShortVisitMinutes { get; set; } = SiteCheckRules.DefaultShortMinutes;

    /// <summary>How many days the phone's locations are kept on a visit before they are removed (the marks stay).</summary>
    public int LocationRetentionDays { get; set; } = DefaultLocationRetentionDays;

    public SiteCheckRules SiteRules => new(FarDistanceMeters, ShortVisitMinutes);
}
