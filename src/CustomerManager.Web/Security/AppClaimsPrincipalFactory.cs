using System.Globalization;
using System.Security.Claims;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Security;

/// <summary>
/// Puts the display name, panel role and the departments whose panel the member sits on, account-manager id and
/// supervised unit into the sign-in cookie. The cookie is made again at every security-stamp check (every five
/// minutes), so a change of seats reaches a signed-in member within that time.
/// </summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        if (user.PanelRole is { } role)
        {
            identity.AddClaim(new Claim(AppClaims.PanelRole, role.ToString()));
            var departments = await db.DepartmentSeats.AsNoTracking()
                .Where(s => s.UserId == user.Id && s.Role == role && db.OrgUnits.Any(u => u.Id == s.UnitId && u.IsActive))
                .Select(s => s.UnitId).ToListAsync();
            identity.AddClaims(departments.Select(d => new Claim(AppClaims.PanelDepartment, d.ToString(CultureInfo.InvariantCulture))));
        }

        if (user.AccountManagerId is { } managerId)
        {
            identity.AddClaim(new Claim(AppClaims.AccountManagerId, managerId.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.SupervisedUnitId is { } unitId)
        {
            identity.AddClaim(new Claim(AppClaims.SupervisedUnitId, unitId.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AppClaims.MustChangePassword, "true"));
        }

        return identity;
    }
}
