using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Features.Cycles;

public enum CloseStatus
{
    NotFound = 0,

    /// <summary>Some managers would not be rated: the administrator confirms first.</summary>
    NeedsConfirmation = 1,

    /// <summary>A rule refused (the period is not over, the cycle is not open).</summary>
    Refused = 2,

    Closed = 3,
}

public sealed record CloseOutcome(CloseStatus Status, EvaluationCycle? Cycle = null, CloseCheck? Check = null, DomainException? Error = null);

/// <summary>
/// Closing a cycle: who would not be rated and where the panel disagrees (the check the administrator sees
/// first), then the close itself in one transaction that first locks the cycle. Scoring takes the same lock
/// (<see cref="Scoring.ScoreRecorder"/>): a score saved at the same moment is either part of the results or
/// refused. The results are stored with the evidence figures of the period as they are at that moment.
/// </summary>
public sealed class CycleClosing(AppDbContext db, EvidenceQuery evidence, TimeProvider clock, IOptions<EvaluationOptions> options, CycleProgressCache cache)
{
    public async Task<CloseOutcome> CloseAsync(int cycleId, bool confirmNotRated, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Cycles.Where(c => c.Id == cycleId).LockForUpdateAsync(cancellationToken) == 0)
        {
            return new CloseOutcome(CloseStatus.NotFound);
        }

        var cycle = await db.Cycles.Include(c => c.Criteria).Include(c => c.Results).AsSplitQuery().SingleAsync(c => c.Id == cycleId, cancellationToken);
        try
        {
            var scores = await db.GivenScores(cycleId).ToListAsync(cancellationToken);
            var active = await ActiveManagerIdsAsync(cancellationToken);
            if (cycle.Status == CycleStatus.Open && !confirmNotRated && await CheckAsync(cycle, scores, active, cancellationToken) is { NotRated.Count: > 0 } check)
            {
                return new CloseOutcome(CloseStatus.NeedsConfirmation, cycle, check);
            }

            var figures = await evidence.ForAllAsync(cycle.PeriodStart, cycle.PeriodEnd, cancellationToken);
            var departments = await db.AccountManagers.AsNoTracking().Select(m => new { m.Id, m.District.ParentId }).ToDictionaryAsync(m => m.Id, m => m.ParentId, cancellationToken);
            cycle.Close(active, scores, figures, clock.GetLocalNow(), departments);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new CloseOutcome(CloseStatus.Closed, cycle);
        }
        catch (DomainException e)
        {
            return new CloseOutcome(CloseStatus.Refused, cycle, Error: e);
        }
    }

    /// <summary>
    /// Reopens a closed cycle with a reason. The cycle is loaded with its results, which reopening withdraws
    /// (a cycle loaded without them would leave them behind): this is the one way the app reopens a cycle.
    /// </summary>
    /// <returns>Null when the cycle does not exist; otherwise the cycle (reopened, or unchanged and the refusal).</returns>
    public async Task<(EvaluationCycle Cycle, DomainException? Refusal)?> ReopenAsync(int cycleId, string reason, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Cycles.Where(c => c.Id == cycleId).LockForUpdateAsync(cancellationToken) == 0)
        {
            return null;
        }

        var cycle = await db.Cycles.Include(c => c.Criteria).Include(c => c.Results).AsSplitQuery().SingleAsync(c => c.Id == cycleId, cancellationToken);
        try
        {
            cycle.Reopen(reason);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (cycle, null);
        }
        catch (DomainException e)
        {
            return (cycle, e);
        }
    }

    /// <summary>
    /// Who would not be rated if the cycle closed now, and where the panel's scores spread too far; computed again
    /// only when the scores or the managers changed (<see cref="CycleProgressCache"/>). Closing checks afresh.
    /// </summary>
    public Task<CloseCheck> CheckAsync(EvaluationCycle cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return cache.GetAsync(db, "close-check", cycle.Id, async () =>
        {
            var scores = await db.GivenScores(cycle.Id).ToListAsync(cancellationToken);
            return await CheckAsync(cycle, scores, await ActiveManagerIdsAsync(cancellationToken), cancellationToken);
        }, cancellationToken);
    }

    private async Task<CloseCheck> CheckAsync(EvaluationCycle cycle, List<GivenScore> scores, List<int> active, CancellationToken cancellationToken)
    {
        var ratings = cycle.RateAll(cycle.RatedManagers(active, scores), scores);
        var threshold = options.Value.DisagreementThreshold;
        var flagged = Disagreement.Flags(scores, threshold);
        var managers = await db.AccountManagers.AsNoTracking()
            .Select(m => new { Name = new ManagerName(m.Id, m.Name, m.EmployeeNumber), DepartmentId = m.District.ParentId })
            .ToDictionaryAsync(m => m.Name.Id, cancellationToken);
        var names = managers.ToDictionary(m => m.Key, m => m.Value.Name);
        var notRated = ratings.Where(r => !r.Value.IsRated).Select(r => names[r.Key]).OrderBy(m => m.EmployeeNumber).ToList();
        var criteria = cycle.Criteria.ToDictionary(c => c.Id);
        var flags = flagged
            .Select(f => new FlagRow(names[f.AccountManagerId], criteria[f.CycleCriterionId].NameZh, criteria[f.CycleCriterionId].NameEn, f.Spread))
            .ToList();

        // Missing work by department and seat: for each seat of each department's frozen panel, how many of the
        // department's managers being rated its holder has scored on all, some or none of the seat's criteria; a
        // seat nobody held has all of them missing.
        var memberIds = cycle.Panel.Select(p => p.UserId).Distinct().ToList();
        var members = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var departmentIds = ratings.Keys.Select(m => managers[m].DepartmentId).Distinct().ToList();
        var departments = await db.OrgUnits.AsNoTracking().Where(u => departmentIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new { u.Name, u.NameEn, u.NameSortKey }, cancellationToken);
        var given = scores.GroupBy(s => (s.PanelMemberId, s.AccountManagerId)).ToDictionary(g => g.Key, g => g.Count());
        var seats = ratings.Keys.GroupBy(m => managers[m].DepartmentId)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key is { } d ? departments[d].NameSortKey : string.Empty, StringComparer.Ordinal)
            .SelectMany(g =>
            {
                var (department, departmentEn) = g.Key is { } d ? (departments[d].Name, departments[d].NameEn) : (null, null);
                var panel = cycle.PanelOf(g.Key);
                return Enum.GetValues<PanelRole>().SelectMany(role =>
                {
                    var holders = panel.Where(p => p.Role == role).ToList();
                    if (holders.Count == 0)
                    {
                        return [new SeatWork(department, departmentEn, role, null, 0, 0, g.Count())];
                    }

                    var toScore = cycle.Criteria.Count(c => c.IsScoredBy(role));
                    return holders.Select(p =>
                    {
                        var counts = g.Select(m => given.GetValueOrDefault((p.UserId, m))).ToList();
                        return new SeatWork(department, departmentEn, role, members.GetValueOrDefault(p.UserId) ?? "?", counts.Count(c => c >= toScore), counts.Count(c => c > 0 && c < toScore), counts.Count(c => c == 0));
                    });
                });
            })
            .ToList();
        return new CloseCheck(notRated, flags, threshold, seats);
    }

    private Task<List<int>> ActiveManagerIdsAsync(CancellationToken cancellationToken) =>
        db.AccountManagers.Where(m => m.IsActive).Select(m => m.Id).ToListAsync(cancellationToken);
}
