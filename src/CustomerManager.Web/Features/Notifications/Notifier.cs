using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Notifications;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Features.Cycles;
using CustomerManager.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Features.Notifications;

/// <summary>
/// Who is told of what. Each method adds the notifications of one event to the context, to be saved in the same
/// transaction as the event (a notification is never written for a change that did not happen, nor lost for one
/// that did); e-mail is queued with them for the <see cref="EmailWorker"/>, never sent inside the request. An event
/// already notified to a user (its key) is not notified again.
/// </summary>
public sealed class Notifier(AppDbContext db, MemberProgressQuery progress, TimeProvider clock, IOptions<EmailOptions> email)
{
    /// <summary>Each member of the cycle's panel: the cycle opened, with how many managers they score.</summary>
    public async Task CycleOpenedAsync(EvaluationCycle cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var work = await WorkAsync(cycle, cancellationToken);
        await AddAsync(work.Keys, NotificationKind.CycleOpened, $"cycle-opened:{cycle.Id}:{cycle.OpenedUtc:yyyyMMddHHmmss}", cycle.Name, null,
            user => work[user].Managers, user => $"/Scoring?cycleId={cycle.Id}", cancellationToken);
    }

    /// <summary>The members of an open cycle's panel who still have managers to score (the reminder before the period ends).</summary>
    public async Task<int> ScoringDueAsync(EvaluationCycle cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var work = (await WorkAsync(cycle, cancellationToken)).Where(w => w.Value.Left > 0).ToDictionary(w => w.Key, w => w.Value);
        return await AddAsync(work.Keys, NotificationKind.ScoringDue, $"scoring-due:{cycle.Id}", cycle.Name, cycle.PeriodEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            user => work[user].Left, user => $"/Scoring?cycleId={cycle.Id}&todo=true", cancellationToken);
    }

    /// <summary>Each manager with a result in the published cycle (load its results): their result is out, with its tier.</summary>
    public async Task PublishedAsync(EvaluationCycle cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var tiers = cycle.Results.ToDictionary(r => r.AccountManagerId, r => r.IsRated ? r.Tier : null);
        var ids = tiers.Keys.ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.AccountManagerId != null && ids.Contains(u.AccountManagerId.Value) && u.IsActive)
            .Select(u => new { u.Id, ManagerId = u.AccountManagerId!.Value }).ToDictionaryAsync(u => u.Id, u => u.ManagerId, cancellationToken);
        await AddAsync(users.Keys, NotificationKind.ResultPublished, $"published:{cycle.Id}:{cycle.PublishedUtc:yyyyMMddHHmmss}", cycle.Name,
            null, null, user => $"/Results/Form?cycleId={cycle.Id}&managerId={users[user]}", cancellationToken, user => tiers[users[user]]?.ToString());
    }

    /// <summary>The manager who logged the visit: the item they passed on was acknowledged by its recipient's seat.</summary>
    public async Task ItemAcknowledgedAsync(VisitReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var visit = await db.Visits.AsNoTracking().Where(v => v.Id == report.VisitId)
            .Select(v => new { v.AccountManagerId, Store = db.Customers.Where(c => c.Id == v.CustomerId).Select(c => c.StoreName).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        if (visit is null)
        {
            return;
        }

        await AddAsync(await ManagerUsersAsync(visit.AccountManagerId, cancellationToken), NotificationKind.ItemAcknowledged, $"acknowledged:{report.Id}", visit.Store ?? "?",
            report.Kind.ToString(), null, _ => $"/Visits/Details/{report.VisitId}", cancellationToken);
    }

    /// <summary>Every active administrator: a manager appealed.</summary>
    public async Task AppealArrivedAsync(Appeal appeal, string cycleName, string managerName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        var admins = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == AppRoles.Administrator && u.IsActive
                            select u.Id).ToListAsync(cancellationToken);
        await AddAsync(admins, NotificationKind.AppealArrived, $"appeal-arrived:{appeal.Id}", cycleName, managerName, null, _ => $"/Appeals/Details/{appeal.Id}", cancellationToken);
    }

    /// <summary>The members in the seats that scored the contested criteria: asked for a response, or to re-score once upheld.</summary>
    public Task PanelAskedAsync(Appeal appeal, EvaluationCycle cycle, int? departmentId, string managerName, bool rescore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(cycle);
        var seats = appeal.SeatsAsked(cycle);
        var members = cycle.PanelOf(departmentId).Where(p => seats.Contains(p.Role)).Select(p => p.UserId).Distinct().ToList();
        return rescore
            ? AddAsync(members, NotificationKind.AppealRescoring, $"appeal-rescore:{appeal.Id}", cycle.Name, managerName, null, _ => $"/Scoring/Score?cycleId={cycle.Id}&managerId={appeal.AccountManagerId}", cancellationToken)
            : AddAsync(members, NotificationKind.AppealResponseRequested, $"appeal-asked:{appeal.Id}", cycle.Name, managerName, null, _ => $"/Appeals/Details/{appeal.Id}", cancellationToken);
    }

    /// <summary>Every seat of the manager's department panel: the closed cycle was reopened for them, to score again.</summary>
    public Task ManagerReopenedAsync(EvaluationCycle cycle, int managerId, int? departmentId, string managerName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var reopening = cycle.Reopened.Single(r => r.AccountManagerId == managerId);
        var members = cycle.PanelOf(departmentId).Select(p => p.UserId).Distinct().ToList();
        return AddAsync(members, NotificationKind.ManagerReopened, $"reopened:{cycle.Id}:{managerId}:{reopening.ReopenedUtc:yyyyMMddHHmmss}", cycle.Name, managerName, null,
            _ => $"/Scoring/Score?cycleId={cycle.Id}&managerId={managerId}", cancellationToken);
    }

    /// <summary>The appealing manager: their appeal was upheld or dismissed, or (re-scored) their new result.</summary>
    public async Task AppealDecidedAsync(Appeal appeal, string cycleName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        var users = await ManagerUsersAsync(appeal.AccountManagerId, cancellationToken);
        var link = $"/Appeals/Details/{appeal.Id}";
        if (appeal.Status == AppealStatus.Upheld)
        {
            await AddAsync(users, NotificationKind.AppealResolved, $"appeal-resolved:{appeal.Id}", cycleName, appeal.IsRatedAfter == true ? appeal.TierAfter?.ToString() : null, null, _ => link, cancellationToken);
        }
        else
        {
            await AddAsync(users, NotificationKind.AppealDecided, $"appeal-decided:{appeal.Id}", cycleName, appeal.Status.ToString(), null, _ => link, cancellationToken);
        }
    }

    /// <summary>For each member of the panel: how many managers they score, and how many they have not finished.</summary>
    private async Task<Dictionary<string, (int Managers, int Left)>> WorkAsync(EvaluationCycle cycle, CancellationToken cancellationToken)
    {
        var work = new Dictionary<string, (int Managers, int Left)>();
        foreach (var seat in cycle.Panel.Select(p => (p.UserId, p.Role)).Distinct())
        {
            var rows = await progress.RowsAsync(cycle, seat.UserId, seat.Role, cancellationToken);
            var (managers, left) = work.GetValueOrDefault(seat.UserId);
            work[seat.UserId] = (managers + rows.Count, left + rows.Count(r => r.State != CellState.Done));
        }

        return work;
    }

    private Task<List<string>> ManagerUsersAsync(int managerId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.AccountManagerId == managerId && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken);

    private async Task<int> AddAsync(
        IEnumerable<string> userIds, NotificationKind kind, string key, string subject, string? detail, Func<string, int>? count, Func<string, string> link,
        CancellationToken cancellationToken, Func<string, string?>? detailOf = null)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return 0;
        }

        var already = await db.Notifications.AsNoTracking().Where(n => n.Key == key && ids.Contains(n.UserId)).Select(n => n.UserId).ToListAsync(cancellationToken);
        var pending = db.ChangeTracker.Entries<Notification>().Where(e => e.Entity.Key == key).Select(e => e.Entity.UserId).ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.EmailNotifications }).ToListAsync(cancellationToken);
        var sending = email.Value.IsConfigured;
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var user in users.Where(u => !already.Contains(u.Id) && !pending.Contains(u.Id)))
        {
            db.Notifications.Add(new Notification(user.Id, kind, key, subject, detailOf is null ? detail : detailOf(user.Id), count?.Invoke(user.Id), link(user.Id), now,
                email: sending && user.EmailNotifications && !string.IsNullOrWhiteSpace(user.Email)));
            added++;
        }

        return added;
    }
}
