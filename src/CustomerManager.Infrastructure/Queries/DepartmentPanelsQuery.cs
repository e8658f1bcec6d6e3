using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Infrastructure.Queries;

/// <summary>The departments' panels as opening a cycle freezes them, and the departments a panel member serves.</summary>
public static class DepartmentPanelsQuery
{
    /// <summary>The active users in the panel-member role with a seat: who may hold a department's seat (the one their account holds).</summary>
    public static IQueryable<AppUser> ActivePanelMembers(this AppDbContext db)
    {
        var panelRole = db.Roles.Where(r => r.Name == AppRoles.PanelMember).Select(r => r.Id);
        return db.Users.Where(u => u.IsActive && u.PanelRole != null && db.UserRoles.Any(ur => ur.UserId == u.Id && panelRole.Contains(ur.RoleId)));
    }

    /// <summary>
    /// The seats a cycle opening now freezes: every active department's seats held by an active panel member
    /// whose account still holds that seat (a seat whose holder left or changed seat is vacant).
    /// </summary>
    public static Task<List<PanelSeat>> SeatsToFreezeAsync(this AppDbContext db, CancellationToken cancellationToken) =>
        (from seat in db.DepartmentSeats
         join user in db.ActivePanelMembers() on seat.UserId equals user.Id
         join unit in db.OrgUnits on seat.UnitId equals unit.Id
         where unit.IsActive && user.PanelRole == seat.Role
         select new PanelSeat(seat.UserId, seat.Role, seat.UnitId))
            .AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>The departments with active managers: those whose panels score in a cycle opening now.</summary>
    public static Task<List<int>> DepartmentsToRateAsync(this AppDbContext db, CancellationToken cancellationToken) =>
        db.AccountManagers.AsNoTracking().Where(m => m.IsActive && m.District.ParentId != null)
            .Select(m => m.District.ParentId!.Value).Distinct().ToListAsync(cancellationToken);

    /// <summary>The department a manager is placed in (their district's), if any.</summary>
    public static Task<int?> DepartmentOfAsync(this AppDbContext db, int accountManagerId, CancellationToken cancellationToken) =>
        db.AccountManagers.AsNoTracking().Where(m => m.Id == accountManagerId).Select(m => m.District.ParentId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The items passed on by the managers of the departments whose panel <paramref name="panelMemberId"/> sits
    /// on now in <paramref name="seat"/> (the seat their account holds): a panel member's inbox holds their
    /// departments' items only. <paramref name="unindexed"/>: compare the manager in a form no index serves (the
    /// page walks the (status, time) index in its order, which holds the manager; SQLite would otherwise look the
    /// managers up in the (kind, status, manager) index and sort a seat's every item).
    /// </summary>
    public static IQueryable<VisitReport> OfPanelDepartments(this IQueryable<VisitReport> reports, AppDbContext db, string panelMemberId, PanelRole seat, bool unindexed = false)
    {
        // The departments' managers, found once (IN a subquery), then the items by the manager copied onto them.
        var managers = db.AccountManagers
            .Where(m => db.DepartmentSeats.Any(s => s.UserId == panelMemberId && s.Role == seat && s.UnitId == m.District.ParentId))
            .Select(m => m.Id);
        return unindexed ? reports.Where(r => managers.Contains(r.AccountManagerId + 0)) : reports.Where(r => managers.Contains(r.AccountManagerId));
    }
}
