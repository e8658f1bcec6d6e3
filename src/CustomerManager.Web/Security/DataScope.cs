using System.Security.Claims;
using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;

namespace CustomerManager.Web.Security;

/// <summary>
/// What each user may see, in one place: administrators and panel members see every record; a unit supervisor sees
/// the managers placed in their unit or below it, with those managers' customers and visits; an account manager
/// sees only their own current customers and their own visits. Anything outside the scope is simply not found (404).
/// </summary>
public static class DataScope
{
    public static bool SeesEverything(this ClaimsPrincipal user) =>
        user.IsInRole(AppRoles.Administrator) || user.IsInRole(AppRoles.PanelMember);

    /// <summary>A unit supervisor: reads (never writes) their unit's records.</summary>
    public static bool IsSupervisor(this ClaimsPrincipal user) =>
        !user.SeesEverything() && user.IsInRole(AppRoles.Supervisor) && user.SupervisedUnitIdOf() is not null;

    /// <summary>Staff and supervisors, who read many managers' records and so get the lists' manager and unit filters.</summary>
    public static bool SeesManyManagers(this ClaimsPrincipal user) => user.SeesEverything() || user.IsSupervisor();

    /// <summary>
    /// Staff see every manager; a supervisor those placed in their unit or below it (units are three levels deep at
    /// most); an account manager their own record; anyone else none.
    /// </summary>
    public static IQueryable<AccountManager> VisibleTo(this IQueryable<AccountManager> managers, ClaimsPrincipal user)
    {
        if (user.SeesEverything())
        {
            return managers;
        }

        if (user.IsSupervisor())
        {
            var unit = user.SupervisedUnitIdOf() ?? -1;
            return managers.Where(m => m.DistrictId == unit || m.District.ParentId == unit || m.District.Parent!.ParentId == unit);
        }

        var managerId = user.AccountManagerIdOf() ?? -1;
        return managers.Where(m => m.Id == managerId);
    }

    /// <summary>Staff see every customer; a supervisor those their unit's managers serve now; an account manager their own current ones.</summary>
    public static IQueryable<RetailCustomer> VisibleTo(this IQueryable<RetailCustomer> customers, ClaimsPrincipal user, IQueryable<AccountManager> managers)
    {
        if (user.SeesEverything())
        {
            return customers;
        }

        if (user.IsSupervisor())
        {
            var inUnit = managers.VisibleTo(user).Select(m => (int?)m.Id);
            return customers.Where(c => inUnit.Contains(c.CurrentManagerId));
        }

        var managerId = user.AccountManagerIdOf() ?? -1;
        return customers.Where(c => c.CurrentManagerId == managerId);
    }

    /// <summary>An account manager sees the visits they made (also of customers since handed over); a supervisor their unit's managers'; staff all.</summary>
    public static IQueryable<Visit> VisibleTo(this IQueryable<Visit> visits, ClaimsPrincipal user, IQueryable<AccountManager> managers)
    {
        if (user.SeesEverything())
        {
            return visits;
        }

        if (user.IsSupervisor())
        {
            var inUnit = managers.VisibleTo(user).Select(m => m.Id);
            return visits.Where(v => inUnit.Contains(v.AccountManagerId));
        }

        var managerId = user.AccountManagerIdOf() ?? -1;
        return visits.Where(v => v.AccountManagerId == managerId);
    }
}
