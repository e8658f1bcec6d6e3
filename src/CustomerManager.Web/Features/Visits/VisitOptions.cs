using CustomerManager.Domain.Visits;

namespace CustomerManager.Web.Features.Visits;

/// <summary>The <c>Visits</c> configuration section.</summary>
public sealed class VisitOptions
{
    public const string Section = "Visits";

    /// <summary>How many days after logging a visit its author may still change or delete it.</summary>
    public int EditWindowDays { get; set; } = VisitChangeRules.DefaultEditWindowDays;
}
