using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Users;

public sealed class UserListFilter
{
    public string? Q { get; set; }

    public string? Role { get; set; }

    public bool? Active { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }

    /// <summary>Whether anything narrows the list.</summary>
    public bool IsNarrowed => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrWhiteSpace(Role) || Active is not null;
}

/// <summary>A user in the list; <c>LinkedTo</c> is the account manager's name of a manager's login, the unit's name of a supervisor's.</summary>
public sealed record UserRow(
    string Id, string UserName, string DisplayName, string? Role, PanelRole? PanelRole, string? LinkedTo,
    bool IsActive, DateTimeOffset? LockoutEnd, bool MustChangePassword);

public sealed record UserListModel(UserListFilter Filter, PagedList<UserRow> Page, DateTimeOffset Now)
{
    /// <summary>Locked out now (by an administrator, or for failed sign-ins). Compared here: SQLite cannot compare offsets.</summary>
    public bool IsLocked(UserRow row) => row.LockoutEnd > Now;
}

/// <summary>The user list with role, panel seat or manager, and state, paged in SQL.</summary>
public sealed class UserListQuery(AppDbContext db, TimeProvider clock)
{
    public async Task<UserListModel> RunAsync(UserListFilter filter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            var upper = q.ToUpperInvariant();
            users = users.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(q));
        }

        if (filter.Active is { } active)
        {
            users = users.Where(u => u.IsActive == active);
        }

        var rows = users.Select(u => new
        {
            User = u,
            Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
            Manager = db.AccountManagers.Where(m => m.Id == u.AccountManagerId).Select(m => m.Name).FirstOrDefault()
                ?? db.OrgUnits.Where(o => o.Id == u.SupervisedUnitId).Select(o => o.Name).FirstOrDefault(),
        });
        if (!string.IsNullOrWhiteSpace(filter.Role))
        {
            rows = rows.Where(r => r.Role == filter.Role);
        }

        var page = await rows.OrderBy(r => r.Role).ThenBy(r => r.User.UserName)
            .Select(r => new UserRow(r.User.Id, r.User.UserName!, r.User.DisplayName, r.Role, r.User.PanelRole, r.Manager,
                r.User.IsActive, r.User.LockoutEnd, r.User.MustChangePassword))
            .ToPagedListAsync(filter.Page, filter.PageSize, cancellationToken);
        return new UserListModel(filter, page, now);
    }
}
