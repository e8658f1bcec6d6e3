using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Appeals;

/// <summary>
/// Every step of an appeal as one transaction with the notifications it causes: filing (administrators told),
/// asking the panel (the asked seats told), a panel response, the decision (the manager told; when upheld the
/// seats told to re-score) and the completion of an upheld appeal (the result recomputed under the cycle's lock,
/// as closing takes it, and the manager told). The rules are the <see cref="Appeal"/>'s; each step is audited.
/// </summary>
public sealed class AppealWorkflow(AppDbContext db, Notifier notifier, TimeProvider clock)
{
    public async Task<Appeal> FileAsync(int cycleId, int managerId, IReadOnlyCollection<int> criterionIds, string reason, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == cycleId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.Appeal.NotPublished, "No such cycle.");
        var result = await db.Results.AsNoTracking().SingleOrDefaultAsync(r => r.CycleId == cycleId && r.AccountManagerId == managerId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.Appeal.NotPublished, "No result to appeal.");
        var anotherOpen = await db.Appeals.AnyAsync(a => a.CycleId == cycleId && a.AccountManagerId == managerId && a.IsOpen, cancellationToken);
        var appeal = Appeal.File(cycle, result, criterionIds, reason, clock.GetLocalNow(), anotherOpen);
        db.Appeals.Add(appeal);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (!Retries.DatabaseUnavailable(e))
        {
            // The same manager filed at the same moment in another tab: the one open appeal is the database's rule too.
            throw new DomainException(ErrorCodes.Appeal.AlreadyOpen, "An open appeal in this cycle is already being handled.");
        }

        await notifier.AppealArrivedAsync(appeal, cycle.Name, await ManagerNameAsync(managerId, cancellationToken), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return appeal;
    }

    public Task AskPanelAsync(int appealId, int version, CancellationToken cancellationToken) =>
        StepAsync(appealId, version, async (appeal, cycle) =>
        {
            appeal.AskPanel(clock.GetLocalNow());
            await notifier.PanelAskedAsync(appeal, cycle, await DepartmentAsync(appeal, cancellationToken), await ManagerNameAsync(appeal.AccountManagerId, cancellationToken), rescore: false, cancellationToken);
        }, cancellationToken);

    public Task RespondAsync(int appealId, string memberId, PanelRole seat, string text, CancellationToken cancellationToken) =>
        StepAsync(appealId, null, (appeal, cycle) =>
        {
            appeal.Respond(cycle, memberId, seat, text, clock.GetLocalNow());
            return Task.CompletedTask;
        }, cancellationToken);

    public Task DecideAsync(int appealId, int version, bool uphold, string decision, CancellationToken cancellationToken) =>
        StepAsync(appealId, version, async (appeal, cycle) =>
        {
            if (uphold)
            {
                appeal.Uphold(decision, clock.GetLocalNow());
                await notifier.PanelAskedAsync(appeal, cycle, await DepartmentAsync(appeal, cancellationToken), await ManagerNameAsync(appeal.AccountManagerId, cancellationToken), rescore: true, cancellationToken);
            }
            else
            {
                appeal.Dismiss(decision, clock.GetLocalNow());
            }

            await notifier.AppealDecidedAsync(appeal, cycle.Name, cancellationToken);
        }, cancellationToken);

    /// <summary>Recomputes the result of an upheld appeal from the panel's scores now, under the cycle's lock (scoring waits for it).</summary>
    public async Task CompleteAsync(int appealId, int version, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cycleId = await db.Appeals.Where(a => a.Id == appealId).Select(a => (int?)a.CycleId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException();

        // The scoring lock (which also tells the cached rankings and boards that the cycle's figures changed).
        await db.Cycles.Where(c => c.Id == cycleId).LockForScoringAsync(cancellationToken);
        var appeal = await LoadAsync(appealId, version, cancellationToken);
        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery().SingleAsync(c => c.Id == cycleId, cancellationToken);
        var result = await db.Results.SingleAsync(r => r.CycleId == cycleId && r.AccountManagerId == appeal.AccountManagerId, cancellationToken);
        var scores = await db.PanelScores.AsNoTracking().Where(s => s.CycleId == cycleId && s.AccountManagerId == appeal.AccountManagerId).ToListAsync(cancellationToken);
        appeal.Complete(cycle, result, scores, clock.GetLocalNow());
        await notifier.AppealDecidedAsync(appeal, cycle.Name, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task StepAsync(int appealId, int? version, Func<Appeal, EvaluationCycle, Task> step, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var appeal = await LoadAsync(appealId, version, cancellationToken);
        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery().SingleAsync(c => c.Id == appeal.CycleId, cancellationToken);
        await step(appeal, cycle);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<Appeal> LoadAsync(int appealId, int? version, CancellationToken cancellationToken)
    {
        var appeal = await db.Appeals.SingleOrDefaultAsync(a => a.Id == appealId, cancellationToken) ?? throw new KeyNotFoundException();
        if (version is { } seen && appeal.Version != seen)
        {
            throw new DbUpdateConcurrencyException("The appeal changed since the page was shown.");
        }

        // The version the page showed is the one the update checks: a change saved meanwhile is never overwritten.
        if (version is { } expected)
        {
            db.Entry(appeal).Property(a => a.Version).OriginalValue = expected;
        }

        return appeal;
    }

    private Task<string> ManagerNameAsync(int managerId, CancellationToken cancellationToken) =>
        db.AccountManagers.Where(m => m.Id == managerId).Select(m => m.Name).SingleAsync(cancellationToken);

    private Task<int?> DepartmentAsync(Appeal appeal, CancellationToken cancellationToken) =>
        db.Results.Where(r => r.CycleId == appeal.CycleId && r.AccountManagerId == appeal.AccountManagerId).Select(r => r.DepartmentId).SingleOrDefaultAsync(cancellationToken);
}
