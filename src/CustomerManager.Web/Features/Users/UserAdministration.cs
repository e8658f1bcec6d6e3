using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Users;

/// <summary>
/// The rules of user administration: an administrator never removes their own administrator access, and the
/// last active administrator can never be removed, deactivated or locked out.
/// </summary>
public static class UserAdministrationRules
{
    /// <summary>
    /// Whether an act that takes administrator access away from <paramref name="targetUserId"/> is allowed.
    /// Returns the resource key of the refusal, or null when allowed.
    /// </summary>
    public static string? CheckRemovalOfAdministrator(string actingUserId, string targetUserId, bool targetIsActiveAdministrator, int activeAdministrators)
    {
        if (!targetIsActiveAdministrator)
        {
            return null;
        }

        if (actingUserId == targetUserId)
        {
            return ErrorCodes.Users.NotYourself;
        }

        return activeAdministrators <= 1 ? ErrorCodes.Users.LastAdministrator : null;
    }

    /// <summary>The panel role and manager link a role requires: exactly one panel role, exactly one manager record.</summary>
    public static string? CheckRoleDetails(string role, PanelRole? panelRole, int? accountManagerId, int? supervisedUnitId = null) => role switch
    {
        AppRoles.PanelMember when panelRole is null => ErrorCodes.Users.PanelRoleRequired,
        AppRoles.AccountManager when accountManagerId is null => ErrorCodes.Users.ManagerRequired,
        AppRoles.Supervisor when supervisedUnitId is null => ErrorCodes.Users.UnitRequired,
        _ when !AppRoles.All.Contains(role) => ErrorCodes.Users.UnknownRole,
        _ => null,
    };
}

/// <summary>
/// Users, roles and passwords through Identity, with <see cref="UserAdministrationRules"/> applied. Every act of
/// several steps runs in one transaction: it happens whole or not at all.
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, AppDbContext db, IdentityErrorDescriber describer)
{
    /// <summary>An administrator's lock has no end (a lock after failed sign-ins ends after 15 minutes).</summary>
    public static readonly DateTimeOffset LockedUntil = DateTimeOffset.MaxValue;

    /// <summary>Creates the user with their one role, panel seat or manager link, all or nothing.</summary>
    public async Task<IdentityResult> CreateAsync(AppUser user, string temporaryPassword, string role, PanelRole? panelRole, int? accountManagerId, int? supervisedUnitId = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            var result = await users.CreateAsync(user, temporaryPassword);
            if (result.Succeeded)
            {
                result = await SetRoleAsync(user, role, panelRole, accountManagerId, supervisedUnitId);
            }

            if (result.Succeeded)
            {
                await transaction.CommitAsync();
                return result;
            }

            await RollBackAsync(transaction);
            return result;
        }
        catch (DbUpdateException e) when (!Retries.DatabaseUnavailable(e))
        {
            // The same user name or manager was taken by someone else at the same moment: nothing is kept.
            await RollBackAsync(transaction);
            return IdentityResult.Failed(describer.ConcurrencyFailure());
        }
    }

    /// <summary>
    /// Runs an act of several steps on <paramref name="target"/> in one transaction. When it may take
    /// administrator access away (a role change, deactivation, lock), the last-administrator rule is checked in
    /// the same transaction, under a lock every such act takes first: two administrators removing each other at
    /// the same moment cannot both succeed.
    /// </summary>
    /// <param name="actingUserId">The administrator acting.</param>
    /// <param name="target">The user changed.</param>
    /// <param name="removesAccess">Whether the act can take administrator access away from the target.</param>
    /// <param name="act">Changes the user (its changes are made after the user is read again inside the transaction).</param>
    /// <returns>The resource key of the refusal (nothing done), or null and the act's result.</returns>
    public async Task<(string? Refusal, IdentityResult Result)> ChangeAsync(string actingUserId, AppUser target, bool removesAccess, Func<Task<IdentityResult>> act)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(act);
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (removesAccess)
        {
            await db.Roles.Where(r => r.Name == AppRoles.Administrator)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ConcurrencyStamp, r => r.ConcurrencyStamp));
            await db.Entry(target).ReloadAsync();
            if (await CheckRemovalAsync(actingUserId, target) is { } refusal)
            {
                return (refusal, IdentityResult.Failed());
            }
        }

        try
        {
            var result = await act();
            if (result.Succeeded)
            {
                await transaction.CommitAsync();
                return (null, result);
            }

            await RollBackAsync(transaction);
            return (null, result);
        }
        catch (DbUpdateException e) when (!Retries.DatabaseUnavailable(e))
        {
            await RollBackAsync(transaction);
            return (null, IdentityResult.Failed(describer.ConcurrencyFailure()));
        }
    }

    /// <summary>Nothing of a failed act stays behind: neither in the database nor among the tracked entities.</summary>
    private async Task RollBackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction)
    {
        await transaction.RollbackAsync();
        db.ChangeTracker.Clear();
    }

    public async Task<int> ActiveAdministratorCountAsync() =>
        (await users.GetUsersInRoleAsync(AppRoles.Administrator)).Count(u => u.IsActive);

    public async Task<bool> IsActiveAdministratorAsync(AppUser user) =>
        user.IsActive && await users.IsInRoleAsync(user, AppRoles.Administrator);

    /// <summary>Null when <paramref name="actingUserId"/> may take administrator access away from <paramref name="target"/>.</summary>
    public async Task<string?> CheckRemovalAsync(string actingUserId, AppUser target) =>
        UserAdministrationRules.CheckRemovalOfAdministrator(actingUserId, target.Id, await IsActiveAdministratorAsync(target), await ActiveAdministratorCountAsync());

    public Task<string?> RoleOfAsync(AppUser user) =>
        db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefaultAsync();

    /// <summary>Gives the user exactly one role, with the panel role, manager link or supervised unit it requires (and no other).</summary>
    public async Task<IdentityResult> SetRoleAsync(AppUser user, string role, PanelRole? panelRole, int? accountManagerId, int? supervisedUnitId = null)
    {
        user.PanelRole = role == AppRoles.PanelMember ? panelRole : null;
        user.AccountManagerId = role == AppRoles.AccountManager ? accountManagerId : null;
        user.SupervisedUnitId = role == AppRoles.Supervisor ? supervisedUnitId : null;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            return result;
        }

        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role)
        {
            return await users.UpdateSecurityStampAsync(user);
        }

        result = await users.RemoveFromRolesAsync(user, current);
        return result.Succeeded ? await users.AddToRoleAsync(user, role) : result;
    }

    /// <summary>Sets a temporary password the user must change at the next sign-in.</summary>
    public async Task<IdentityResult> SetTemporaryPasswordAsync(AppUser user, string password)
    {
        var validation = await ValidatePasswordAsync(user, password);
        if (!validation.Succeeded)
        {
            return validation;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            return result;
        }

        user.MustChangePassword = true;
        await users.ResetAccessFailedCountAsync(user);
        return await users.UpdateAsync(user);
    }

    public async Task<IdentityResult> ValidatePasswordAsync(AppUser user, string password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            if (!result.Succeeded)
            {
                return result;
            }
        }

        return IdentityResult.Success;
    }

    public async Task<IdentityResult> SetActiveAsync(AppUser user, bool active)
    {
        user.IsActive = active;
        var result = await users.UpdateAsync(user);
        return result.Succeeded && !active ? await users.UpdateSecurityStampAsync(user) : result;
    }

    public async Task<IdentityResult> SetLockedAsync(AppUser user, bool locked)
    {
        var result = await users.SetLockoutEndDateAsync(user, locked ? LockedUntil : null);
        if (result.Succeeded && locked)
        {
            return await users.UpdateSecurityStampAsync(user);
        }

        return result.Succeeded ? await users.ResetAccessFailedCountAsync(user) : result;
    }
}
