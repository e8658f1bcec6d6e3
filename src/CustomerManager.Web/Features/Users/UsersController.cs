using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Users;

public sealed record UserEditModel(UserForm Form, bool IsActive, bool IsLocked, bool MustChangePassword, bool IsSelf);

/// <summary>User administration: accounts, their one role, panel seat or manager record, state and passwords.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class UsersController(
    AppDbContext db,
    UserManager<AppUser> users,
    UserAdministration administration,
    IValidator<UserForm> validator,
    IValidator<TemporaryPasswordForm> passwordValidator,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock,
    ILogger<UsersController> logger) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] UserListFilter filter, [FromServices] UserListQuery query, CancellationToken cancellationToken) =>
        View(await query.RunAsync(filter, cancellationToken));

    [HttpGet]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Edit", await EditModelAsync(new UserForm { Role = AppRoles.AccountManager }, null, cancellationToken));

    [HttpPost]
    public async Task<IActionResult> Create(UserForm form, CancellationToken cancellationToken)
    {
        form.Id = null;
        form.AccountManagerId ??= await db.ManagerIdFromTextAsync(form.AccountManager, cancellationToken);
        var valid = await validator.ValidateIntoAsync(form, ModelState, cancellationToken);

        // The password rules are checked with the rest, so that every problem shows at once.
        if (!string.IsNullOrEmpty(form.TemporaryPassword) && ModelState.GetFieldValidationState(nameof(UserForm.TemporaryPassword)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            var strength = await administration.ValidatePasswordAsync(new AppUser { UserName = form.UserName?.Trim() }, form.TemporaryPassword);
            AddErrors(strength, nameof(UserForm.TemporaryPassword));
            valid &= strength.Succeeded;
        }

        if (!valid)
        {
            return View("Edit", await EditModelAsync(form, null, cancellationToken));
        }

        var user = new AppUser { UserName = form.UserName!.Trim(), DisplayName = form.DisplayName!.Trim(), Email = Blank(form.Email), MustChangePassword = true };
        var created = await administration.CreateAsync(user, form.TemporaryPassword!, form.Role!, form.PanelRole, form.AccountManagerId, form.SupervisedUnitId);

        if (!created.Succeeded)
        {
            AddErrors(created, nameof(UserForm.TemporaryPassword));
            return View("Edit", await EditModelAsync(form, null, cancellationToken));
        }

        logger.LogInformation("User {UserId} created with role {Role}", user.Id, form.Role);
        TempData.Flash(l["Users.Created", user.UserName]);
        return RedirectToAction(nameof(Edit), new { id = user.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        return View(await EditModelAsync(await FormOfAsync(user), user, cancellationToken));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(string id, UserForm form, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        form.Id = user.Id;
        form.UserName = user.UserName;
        form.AccountManagerId ??= await db.ManagerIdFromTextAsync(form.AccountManager, cancellationToken);
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(await EditModelAsync(form, user, cancellationToken));
        }

        var (refusal, result) = await administration.ChangeAsync(User.UserIdOf()!, user, removesAccess: form.Role != AppRoles.Administrator, () =>
        {
            user.DisplayName = form.DisplayName!.Trim();
            user.Email = Blank(form.Email);
            return administration.SetRoleAsync(user, form.Role!, form.PanelRole, form.AccountManagerId, form.SupervisedUnitId);
        });
        if (refusal is not null)
        {
            ModelState.AddModelError(nameof(UserForm.Role), l[refusal]);
            return View(await EditModelAsync(form, user, cancellationToken));
        }

        if (!result.Succeeded)
        {
            AddErrors(result, string.Empty);
            return View(await EditModelAsync(form, user, cancellationToken));
        }

        logger.LogInformation("User {UserId} updated, role {Role}", user.Id, form.Role);
        TempData.Flash(l["Users.Saved", user.UserName!]);
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost]
    public Task<IActionResult> Deactivate(string id, CancellationToken cancellationToken) =>
        ChangeStateAsync(id, removesAccess: true, u => administration.SetActiveAsync(u, false), "Users.Deactivated", cancellationToken);

    [HttpPost]
    public Task<IActionResult> Activate(string id, CancellationToken cancellationToken) =>
        ChangeStateAsync(id, removesAccess: false, u => administration.SetActiveAsync(u, true), "Users.Activated", cancellationToken);

    [HttpPost]
    public Task<IActionResult> Lock(string id, CancellationToken cancellationToken) =>
        ChangeStateAsync(id, removesAccess: true, u => administration.SetLockedAsync(u, true), "Users.Locked", cancellationToken);

    [HttpPost]
    public Task<IActionResult> Unlock(string id, CancellationToken cancellationToken) =>
        ChangeStateAsync(id, removesAccess: false, u => administration.SetLockedAsync(u, false), "Users.Unlocked", cancellationToken);

    /// <summary>Sets a temporary password; the user must choose a new one at the next sign-in.</summary>
    [HttpPost]
    public async Task<IActionResult> ResetPassword(string id, TemporaryPasswordForm passwordForm, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (await passwordValidator.ValidateIntoAsync(passwordForm, ModelState, cancellationToken))
        {
            var result = await administration.SetTemporaryPasswordAsync(user, passwordForm.NewPassword!);
            if (result.Succeeded)
            {
                logger.LogInformation("Temporary password set for user {UserId}", user.Id);
                TempData.Flash(l["Users.PasswordReset", user.UserName!]);
                return RedirectToAction(nameof(Edit), new { id });
            }

            AddErrors(result, nameof(TemporaryPasswordForm.NewPassword));
        }

        return View(nameof(Edit), await EditModelAsync(await FormOfAsync(user), user, cancellationToken));
    }

    private async Task<IActionResult> ChangeStateAsync(string id, bool removesAccess, Func<AppUser, Task<IdentityResult>> change, string done, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        var (refusal, result) = await administration.ChangeAsync(User.UserIdOf()!, user, removesAccess, () => change(user));
        if (refusal is not null)
        {
            TempData.Warn(l[refusal]);
            return RedirectToAction(nameof(Edit), new { id });
        }

        if (!result.Succeeded)
        {
            TempData.Warn(l.Message(CustomerManager.Domain.Common.ErrorCodes.General.ChangedMeanwhile, []));
            return RedirectToAction(nameof(Edit), new { id });
        }

        logger.LogInformation("User {UserId}: {Change}", user.Id, done);
        TempData.Flash(l[done, user.UserName!]);
        return RedirectToAction(nameof(Edit), new { id });
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<UserForm> FormOfAsync(AppUser user) => new()
    {
        Id = user.Id,
        UserName = user.UserName,
        DisplayName = user.DisplayName,
        Email = user.Email,
        Role = await administration.RoleOfAsync(user),
        PanelRole = user.PanelRole,
        AccountManagerId = user.AccountManagerId,
        SupervisedUnitId = user.SupervisedUnitId,
    };

    private async Task<UserEditModel> EditModelAsync(UserForm form, AppUser? user, CancellationToken cancellationToken)
    {
        form.Units = [.. (await Units.OrgUnitTree.LoadAsync(db, cancellationToken)).Where(u => u.IsActive || u.Id == form.SupervisedUnitId)];
        form.Picker = await db.ManagerPickerAsync(
            db.AccountManagers.Where(m => m.IsActive && (m.Id == form.AccountManagerId || !db.Users.Any(u => u.AccountManagerId == m.Id))),
            nameof(UserForm.AccountManagerId),
            nameof(UserForm.AccountManager),
            l["Validation.ChooseOne"],
            form.AccountManagerId,
            form.AccountManager,
            null,
            cancellationToken,
            withoutLogin: true);
        return user is null
            ? new UserEditModel(form, true, false, true, false)
            : new UserEditModel(form, user.IsActive, user.LockoutEnd > clock.GetUtcNow(), user.MustChangePassword, user.Id == User.UserIdOf());
    }

    private void AddErrors(IdentityResult result, string field)
    {
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(field, error.Description);
        }
    }
}
