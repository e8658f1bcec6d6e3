using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Infrastructure;

/// <summary>Domain objects that tests arrange data with.</summary>
public static class DomainBuilders
{
    /// <summary>The visit rules at <paramref name="now"/> (local time of the test clock), with no closed cycle in the way.</summary>
    public static VisitChangeRules VisitRulesAt(DateTime now) =>
        new(EvaluationCalendar.Empty, VisitChangeRules.DefaultEditWindowDays, new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Unspecified), TimeSpan.FromHours(8)));

    /// <summary>The district unit of that name, added to the demo's first department when it is not there yet.</summary>
    public static async Task<OrgUnit> DistrictAsync(this AppDbContext db, string name)
    {
        if (await db.OrgUnits.SingleOrDefaultAsync(d => d.Name == name) is { } existing)
        {
            return existing;
        }

        var department = await db.OrgUnits.FirstAsync(u => u.Code == DemoAccounts.Departments[0].Code);
        var district = OrgUnit.DistrictOf(department, "T-" + Guid.NewGuid().ToString("N")[..12], name);
        db.OrgUnits.Add(district);
        return district;
    }
}
