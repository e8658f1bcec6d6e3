using CustomerManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;

namespace CustomerManager.Web.Security;

/// <summary>Authorization policies, one per kind of user plus "staff" (administrators and the panel).</summary>
public static class Policies
{
    public const string Administrator = nameof(Administrator);
    public const string PanelMember = nameof(PanelMember);
    public const string AccountManager = nameof(AccountManager);

    /// <summary>Administrators and panel members: the people who read every manager's data.</summary>
    public const string Staff = nameof(Staff);

    /// <summary>Staff and unit supervisors: the people who read many managers' data (a supervisor only their unit's, <see cref="DataScope"/>).</summary>
    public const string Readers = nameof(Readers);

    /// <summary>Any kind of user; what each sees is narrowed by <see cref="DataScope"/>.</summary>
    public const string AnyRole = nameof(AnyRole);

    /// <summary>Any signed-in user (change password, sign out).</summary>
    public const string SignedIn = nameof(SignedIn);

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Administrator, p => p.RequireRole(AppRoles.Administrator));
        options.AddPolicy(PanelMember, p => p.RequireRole(AppRoles.PanelMember).RequireClaim(AppClaims.PanelRole));
        options.AddPolicy(AccountManager, p => p.RequireRole(AppRoles.AccountManager).RequireClaim(AppClaims.AccountManagerId));
        options.AddPolicy(Staff, p => p.RequireRole(AppRoles.Administrator, AppRoles.PanelMember));
        options.AddPolicy(Readers, p => p.RequireAssertion(c =>
            c.User.IsInRole(AppRoles.Administrator) || c.User.IsInRole(AppRoles.PanelMember)
            || (c.User.IsInRole(AppRoles.Supervisor) && c.User.HasClaim(x => x.Type == AppClaims.SupervisedUnitId))));
        options.AddPolicy(AnyRole, p => p.RequireRole(AppRoles.All));
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());

        // Anything without an explicit policy still needs a signed-in user.
        options.FallbackPolicy = options.GetPolicy(SignedIn);
    }
}
