using System.Globalization;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Scoring;

/// <summary>Why one item of a score form (or, with <see cref="Item"/> null, the whole form) was not saved.</summary>
public sealed record ScoreProblem(int? Item, string Message);

/// <summary>
/// Saves a panel member's scores for one manager, all or nothing, in one transaction that first locks the
/// cycle. Closing takes the same lock first, so a score is either part of the results or refused: it is never
/// stored in a closed cycle. Two tabs saving the same score cannot overwrite each other unseen (versions).
/// </summary>
public sealed class ScoreRecorder(AppDbContext db, IStringLocalizer<SharedResource> l)
{
    /// <returns>Null when the cycle does not exist; otherwise the problems (none: saved).</returns>
    public async Task<IReadOnlyList<ScoreProblem>?> SaveAsync(int cycleId, int managerId, string memberId, PanelRole seat, IReadOnlyList<ScoreItem> items, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Cycles.Where(c => c.Id == cycleId).LockForScoringAsync(cancellationToken) == 0)
        {
            return null;
        }

        var cycle = await db.Cycles.Include(c => c.Criteria).AsSplitQuery().SingleAsync(c => c.Id == cycleId, cancellationToken);
        var department = await db.DepartmentOfAsync(managerId, cancellationToken);

        // In a published cycle, only an upheld appeal of this manager being re-scored lets its contested criteria be scored.
        var appeal = cycle.Status == CycleStatus.Published
            ? await db.Appeals.AsNoTracking().SingleOrDefaultAsync(a => a.CycleId == cycleId && a.AccountManagerId == managerId && a.Status == AppealStatus.Rescoring, cancellationToken)
            : null;
        var existing = await db.PanelScores.Where(s => s.CycleId == cycleId && s.AccountManagerId == managerId && s.PanelMemberId == memberId)
            .ToDictionaryAsync(s => s.CycleCriterionId, cancellationToken);
        var problems = new List<ScoreProblem>();
        if (items.Count == 0 || (items.All(i => string.IsNullOrWhiteSpace(i.Value)) && existing.Count == 0))
        {
            problems.Add(new ScoreProblem(0, l["Scoring.NothingEntered"]));
        }

        for (var i = 0; i < items.Count && problems.Count == 0; i++)
        {
            var item = items[i];
            if (string.IsNullOrWhiteSpace(item.Value))
            {
                if (existing.ContainsKey(item.CycleCriterionId))
                {
                    problems.Add(new ScoreProblem(i, l["Scoring.CannotClear"]));
                }

                continue;
            }

            try
            {
                var value = ScoreFormValidator.ValueOf(item);
                if (existing.TryGetValue(item.CycleCriterionId, out var score))
                {
                    if (score.Version != item.Version)
                    {
                        problems.Add(new ScoreProblem(i, l["Scoring.ChangedMeanwhile", score.Value.ToString("0.#", CultureInfo.CurrentCulture)]));
                        continue;
                    }

                    cycle.ChangeScore(score, memberId, value, item.Comment, appeal);
                }
                else if (item.Version != 0)
                {
                    problems.Add(new ScoreProblem(i, l["Scoring.ChangedMeanwhile", "—"]));
                }
                else
                {
                    db.PanelScores.Add(cycle.RecordScore(item.CycleCriterionId, memberId, seat, managerId, value, item.Comment, department, appeal));
                }
            }
            catch (DomainException e)
            {
                problems.Add(new ScoreProblem(e.Code == ErrorCodes.Cycle.NotOpen ? null : i, l.Message(e)));
            }
        }

        if (problems.Count == 0)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return [];
            }
            catch (DbUpdateException e) when (!Retries.DatabaseUnavailable(e))
            {
                // Another tab saved the same score at the same moment (unique index, or the version moved on).
                problems.Add(new ScoreProblem(null, l["Scoring.Conflict"]));
            }
        }

        await transaction.RollbackAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return problems;
    }
}
