using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Infrastructure;

/// <summary>Domain objects that tests arrange data with.</summary>
public static class DomainBuilders
{
    /// <summary>The visit rules at <paramref name="now"/> (local time of the test clock), with no closed cycle in the way.</summary>
    public static VisitChangeRules VisitRulesAt(DateTime now) =>
        new(EvaluationCalendar.Empty, VisitChangeRules.DefaultEditWindowDays, new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Unspecified), TimeSpan.FromHours(8)));

    /// <summary>The district of that name from the managed list, added to it when it is not there yet.</summary>
    public static async Task<District> DistrictAsync(this AppDbContext db, string name)
    {
        if (await db.Districts.SingleOrDefaultAsync(d => d.Name == name) is { } existing)
        {
            return existing;
        }

        var district = new District(name);
        db.Districts.Add(district);
        return district;
    }
}
