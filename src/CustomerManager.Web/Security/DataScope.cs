using System.Security.Claims;
using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;

namespace CustomerManager.Web.Security;

/// <summary>
/// What each user may see, in one place, of three kinds: administrators see every record; a unit supervisor the
/// managers placed in their unit or below it, and a panel member those of the departments whose panel they sit on,
/// each with those managers' customers and visits; an account manager only their own current customers and their
/// own visits. Anything outside the scope is simply not found (404).
/// </summary>
public static class DataScope
{
    /// <summary>Administrators: every record of the company.</summary>
    public static bool SeesEverything(this ClaimsPrincipal user) => user.IsInRole(AppRoles.Administrator);

    /// <summary>The evaluation's staff (administrators and panel members): they see who gave which score and where the panel disagrees.</summary>
    public static bool IsStaff(this ClaimsPrincipal user) => user.SeesEverything() || user.IsPanelMember();

    /// <summary>A panel member: reads the managers of the departments whose panel they sit on.</summary>
    public static bool IsPanelMember(this ClaimsPrincipal user) => !user.SeesEverything() && user.IsInRole(AppRoles.PanelMember);

    /// <summary>A unit supervisor: reads (never writes) their unit's records.</summary>
    public static bool IsSupervisor(this ClaimsPrincipal user) =>
        !user.SeesEverything() && user.IsInRole(AppRoles.Supervisor) && user.SupervisedUnitIdOf() is not null;

    /// <summary>A reader of part of the company: a supervisor (their unit) or a panel member (their departments).</summary>
    public static bool SeesPart(this ClaimsPrincipal user) => user.IsSupervisor() || user.IsPanelMember();

    /// <summary>Administrators, panel members and supervisors, who read many managers' records and so get the lists' manager and unit filters.</summary>
    public static bool SeesManyManagers(this ClaimsPrincipal user) => user.SeesEverything() || user.SeesPart();

    /// <summary>
    /// Administrators see every manager; a supervisor those placed in their unit or below it (units are three levels
    /// deep at most); a panel member those of their departments; an account manager their own record; anyone else none.
    /// </summary>
    public static IQueryable<AccountManager> VisibleTo(this IQueryable<AccountManager> managers, ClaimsPrincipal user)
    {
        if (user.SeesEverything())
        {
            return managers;
        }

        if (user.IsPanelMember())
        {
            var departments = user.PanelDepartmentsOf();
            return managers.Where(m => departments.Contains(m.District.ParentId ?? 0));
        }

        if (user.IsSupervisor())
        {
            var unit = user.SupervisedUnitIdOf() ?? -1;
            return managers.Where(m => m.DistrictId == unit || m.District.ParentId == unit || m.District.Parent!.ParentId == unit);
        }

        var managerId = user.AccountManagerIdOf() ?? -1;
        return managers.Where(m => m.Id == managerId);
    }

    /// <summary>Administrators see every customer; a supervisor or panel member those their managers serve now; an account manager their own current ones.</summary>
    public static IQueryable<RetailCustomer> VisibleTo(this IQueryable<RetailCustomer> customers, ClaimsPrincipal user, IQueryable<AccountManager> managers)
    {
        if (user.SeesEverything())
        {
            return customers;
        }

        if (user.SeesPart())
        {
            var inUnit = managers.VisibleTo(user).Select(m => (int?)m.Id);
            return customers.Where(c => inUnit.Contains(c.CurrentManagerId));
        }

        var managerId = user.AccountManagerIdOf() ?? -1;
        return customers.Where(c => c.CurrentManagerId == managerId);
    }

    /// <summary>An account manager sees the visits they made (also of customers since handed over); a supervisor or panel member their managers'; administrators all.</summary>
    public static IQueryable<Visit> VisibleTo(this IQueryable<Visit> visits, ClaimsPrincipal user, IQueryable<AccountManager> managers)
    {
        if (user.SeesEverything())
        {
            return visits;
        }

        if (user.SeesPart())
        {
            var inUnit = managers.VisibleTo(user).Select(m => m.Id);
            return visits.Where(v => inUnit.Contains(v.AccountManagerId));
        }

        var managerId = user.AccountManagerIdOf() ?? -1;
        return visits.Where(v => v.AccountManagerId == managerId);
    }
}
