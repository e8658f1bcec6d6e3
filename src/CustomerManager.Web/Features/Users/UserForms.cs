using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Users;

/// <summary>The create and edit form of a user.</summary>
public sealed class UserForm
{
    public const int UserNameMaxLength = 50;

    /// <summary>Null when creating.</summary>
    public string? Id { get; set; }

    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>Where the user's notifications are e-mailed (optional).</summary>
    public string? Email { get; set; }

    public string? Role { get; set; }

    public PanelRole? PanelRole { get; set; }

    public int? AccountManagerId { get; set; }

    /// <summary>The unit a supervisor reads (with everything below it).</summary>
    public int? SupervisedUnitId { get; set; }

    /// <summary>The active units a supervisor may be given, in the tree's order.</summary>
    public IReadOnlyList<Units.UnitNode> Units { get; set; } = [];

    /// <summary>In a large company: the manager record as typed (an employee number or a name), resolved to <see cref="AccountManagerId"/>.</summary>
    public string? AccountManager { get; set; }

    /// <summary>On creation: the first password, which the user must change at first sign-in.</summary>
    public string? TemporaryPassword { get; set; }

    /// <summary>How the manager record is chosen: among managers with no login yet (plus the one this user is linked to).</summary>
    public ManagerPicker? Picker { get; set; }
}

public sealed class UserFormValidator : AbstractValidator<UserForm>
{
    public UserFormValidator(IStringLocalizer<SharedResource> l, AppDbContext db)
    {
        When(f => f.Id is null, () =>
        {
            RuleFor(f => f.UserName).RequiredText(l, UserForm.UserNameMaxLength);
            RuleFor(f => f.UserName)
                .Must(n => n!.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+')).WithMessage(l["Identity.InvalidUserName"])
                .MustAsync(async (n, ct) =>
                {
                    var normalized = n!.Trim().ToUpperInvariant();
                    return !await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct);
                }).WithMessage(l["Users.UserNameTaken"])
                .When(f => !string.IsNullOrWhiteSpace(f.UserName) && f.UserName.Trim().Length <= UserForm.UserNameMaxLength);
            RuleFor(f => f.TemporaryPassword).NotEmpty().WithMessage(l["Users.TemporaryPasswordRequired"])
                .MaximumLength(128).WithMessage(l["Validation.TooLong", 128]);
        });
        RuleFor(f => f.DisplayName).RequiredText(l, AppUser.DisplayNameMaxLength);
        RuleFor(f => f.Email).Must(e => string.IsNullOrWhiteSpace(e) || (e.Trim().Length <= 256 && System.Net.Mail.MailAddress.TryCreate(e.Trim(), out var a) && a.Address == e.Trim()))
            .WithMessage(l["Users.EmailInvalid"]);
        RuleFor(f => f.Role).Must(r => r is not null && AppRoles.All.Contains(r)).WithMessage(l["Validation.Choose"]);
        RuleFor(f => f.PanelRole).NotNull().WithMessage(l[ErrorCodes.Users.PanelRoleRequired]).When(f => f.Role == AppRoles.PanelMember);
        RuleFor(f => f.PanelRole).IsInEnum().WithMessage(l["Validation.Choose"]).When(f => f.PanelRole is not null);
        RuleFor(f => f.AccountManagerId).NotNull()
            .WithMessage(f => string.IsNullOrWhiteSpace(f.AccountManager) ? l[ErrorCodes.Users.ManagerRequired] : ManagerOptions.NotFoundMessage(l, f.AccountManager))
            .When(f => f.Role == AppRoles.AccountManager);
        RuleFor(f => f.AccountManagerId)
            .MustAsync(async (form, id, ct) => await db.AccountManagers.AnyAsync(m => m.Id == id && m.IsActive, ct)
                && !await db.Users.AnyAsync(u => u.AccountManagerId == id && u.Id != form.Id, ct))
            .WithMessage(l["Users.ManagerTaken"])
            .When(f => f.Role == AppRoles.AccountManager && f.AccountManagerId is not null);
        RuleFor(f => f.SupervisedUnitId).NotNull().WithMessage(l[ErrorCodes.Users.UnitRequired]).When(f => f.Role == AppRoles.Supervisor);
        RuleFor(f => f.SupervisedUnitId)
            .MustAsync(async (id, ct) => await db.OrgUnits.AnyAsync(u => u.Id == id && u.IsActive, ct)).WithMessage(l[ErrorCodes.Users.UnitRequired])
            .When(f => f.Role == AppRoles.Supervisor && f.SupervisedUnitId is not null);
    }
}

public sealed class TemporaryPasswordForm
{
    public string? NewPassword { get; set; }
}

public sealed class TemporaryPasswordFormValidator : AbstractValidator<TemporaryPasswordForm>
{
    public TemporaryPasswordFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.NewPassword).NotEmpty().WithMessage(l["Users.TemporaryPasswordRequired"])
            .MaximumLength(128).WithMessage(l["Validation.TooLong", 128]);
    }
}
