using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;

namespace CustomerManager.Web.Tests.Infrastructure;

/// <summary>Domain objects that tests arrange data with.</summary>
public static class DomainBuilders
{
    /// <summary>The visit rules at <paramref name="now"/> (local time of the test clock), with no closed cycle in the way.</summary>
    public static VisitChangeRules VisitRulesAt(DateTime now) =>
        new(EvaluationCalendar.Empty, VisitChangeRules.DefaultEditWindowDays, new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Unspecified), TimeSpan.FromHours(8)));
}
