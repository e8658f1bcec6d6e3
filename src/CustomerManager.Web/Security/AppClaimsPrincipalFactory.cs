using System.Globalization;
using System.Security.Claims;
using CustomerManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Security;

/// <summary>Puts the display name, panel role, account-manager id and supervised unit into the sign-in cookie.</summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        if (user.PanelRole is { } role)
        {
            identity.AddClaim(new Claim(AppClaims.PanelRole, role.ToString()));
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
