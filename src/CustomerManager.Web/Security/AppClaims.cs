using System.Globalization;
using System.Security.Claims;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Identity;

namespace CustomerManager.Web.Security;

/// <summary>The application's own claims, added at sign-in by <see cref="AppClaimsPrincipalFactory"/>.</summary>
public static class AppClaims
{
    public const string DisplayName = "cm:display_name";
    public const string PanelRole = "cm:panel_role";
    public const string AccountManagerId = "cm:account_manager_id";
    public const string SupervisedUnitId = "cm:supervised_unit_id";

    /// <summary>A department whose panel the member sits on in their seat (one claim per department).</summary>
    public const string PanelDepartment = "cm:panel_department";
    public const string MustChangePassword = "cm:must_change_password";

    public static string DisplayNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? string.Empty;

    public static PanelRole? PanelRoleOf(this ClaimsPrincipal user) =>
        Enum.TryParse<PanelRole>(user.FindFirstValue(PanelRole), out var role) ? role : null;

    public static int? AccountManagerIdOf(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(AccountManagerId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The unit a supervisor reads; null for everyone else.</summary>
    public static int? SupervisedUnitIdOf(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(SupervisedUnitId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The departments whose panel a panel member sits on (refreshed with the sign-in cookie, every few minutes).</summary>
    public static IReadOnlyList<int> PanelDepartmentsOf(this ClaimsPrincipal user) =>
        [.. user.FindAll(PanelDepartment).Select(c => int.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)];

    public static string? UserIdOf(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The home page of the user's role.</summary>
    public static string HomeOf(this ClaimsPrincipal user) => HomeFor(user.IsInRole);

    /// <summary>The home page for a set of roles: administrators, then panel members, then account managers, then supervisors (their unit's managers).</summary>
    public static string HomeFor(Func<string, bool> isInRole) =>
        isInRole(AppRoles.Administrator) ? "/Admin"
        : isInRole(AppRoles.PanelMember) ? "/Panel"
        : isInRole(AppRoles.AccountManager) ? "/MyWork"
        : isInRole(AppRoles.Supervisor) ? "/AccountManagers"
        : "/Account/AccessDenied";
}
