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

    /// <summary>Any of the three kinds of user; what each sees is narrowed by <see cref="DataScope"/>.</summary>
    public const string AnyRole = nameof(AnyRole);

    /// <summary>Any signed-in user (change password, sign out).</summary>
    public const string SignedIn = nameof(SignedIn);

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Administrator, p => p.RequireRole(AppRoles.Administrator));
        options.AddPolicy(PanelMember, p => p.RequireRole(AppRoles.PanelMember).RequireClaim(AppClaims.PanelRole));
        options.AddPolicy(AccountManager, p => p.RequireRole(AppRoles.AccountManager).RequireClaim(AppClaims.AccountManagerId));
        options.AddPolicy(Staff, p => p.RequireRole(AppRoles.Administrator, AppRoles.PanelMember));
        options.AddPolicy(AnyRole, p => p.RequireRole(AppRoles.All));
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());

        // Anything without an explicit policy still needs a signed-in user.
        options.FallbackPolicy = options.GetPolicy(SignedIn);
    }
}
