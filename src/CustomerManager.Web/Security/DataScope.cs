using System.Security.Claims;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;

namespace CustomerManager.Web.Security;

/// <summary>
/// What each user may see, in one place: administrators and panel members see every record; an account
/// manager sees only their own current customers. Anything outside the scope is simply not found (404).
/// </summary>
public static class DataScope
{
    public static bool SeesEverything(this ClaimsPrincipal user) =>
        user.IsInRole(AppRoles.Administrator) || user.IsInRole(AppRoles.PanelMember);

    public static IQueryable<RetailCustomer> VisibleTo(this IQueryable<RetailCustomer> customers, ClaimsPrincipal user)
    {
        if (user.SeesEverything())
        {
            return customers;
        }

        var managerId = user.AccountManagerIdOf() ?? -1;
        return customers.Where(c => c.CurrentManagerId == managerId);
    }

    /// <summary>An account manager sees the visits they made (also of customers since handed over); staff see all.</summary>
    public static IQueryable<Visit> VisibleTo(this IQueryable<Visit> visits, ClaimsPrincipal user)
    {
        if (user.SeesEverything())
        {
            return visits;
        }

        var managerId = user.AccountManagerIdOf() ?? -1;
        return visits.Where(v => v.AccountManagerId == managerId);
    }
}
