using CustomerManager.Domain.Evaluation;
using Microsoft.AspNetCore.Identity;

namespace CustomerManager.Infrastructure.Identity;

/// <summary>A person who signs in. Panel members carry their one panel role; account managers their record.</summary>
public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 50;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The panel seat of a <see cref="AppRoles.PanelMember"/>; null for everyone else.</summary>
    public PanelRole? PanelRole { get; set; }

    /// <summary>The account-manager record of an <see cref="AppRoles.AccountManager"/>; null for everyone else.</summary>
    public int? AccountManagerId { get; set; }

    /// <summary>The organisation unit a <see cref="AppRoles.Supervisor"/> reads (with everything below it); null for everyone else.</summary>
    public int? SupervisedUnitId { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Whether notifications also come by e-mail (to the account's e-mail address, when the app sends e-mail).</summary>
    public bool EmailNotifications { get; set; } = true;

    /// <summary>Set with a temporary password: the user must choose a new one at next sign-in.</summary>
    public bool MustChangePassword { get; set; }
}
