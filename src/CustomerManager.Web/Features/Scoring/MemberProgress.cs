using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Features.Cycles;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Scoring;

/// <summary>
/// Where one panel member stands in a cycle: every active manager of the departments whose panel the member sits on
/// (as frozen when the cycle opened) in the scoring order (district, then name), each with how much of the member's
/// part is scored. The scoring list pages and filters it, the scoring page takes the
/// next and previous manager from it, the panel member's home counts it. It is kept per member and seat
/// (<see cref="CycleProgressCache"/>) until the cycle's scores or the managers change, so a province's 2,000
/// managers are read and grouped once per change rather than on every page view.
/// </summary>
public sealed class MemberProgressQuery(AppDbContext db, CycleProgressCache cache)
{
    public Task<IReadOnlyList<ScoringListRow>> RowsAsync(EvaluationCycle cycle, string memberId, PanelRole seat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return cache.GetAsync(db, $"member/{seat}/{memberId}", cycle.Id, () => ComputeAsync(cycle, memberId, seat, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyList<ScoringListRow>> ComputeAsync(EvaluationCycle cycle, string memberId, PanelRole seat, CancellationToken cancellationToken)
    {
        var toScore = cycle.Criteria.Count(c => c.IsScoredBy(seat));
        var given = await db.PanelScores.AsNoTracking().Where(s => s.CycleId == cycle.Id && s.PanelMemberId == memberId)
            .GroupBy(s => s.AccountManagerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var departments = cycle.DepartmentsOf(memberId, seat)?.ToList();
        var managers = await db.AccountManagers.AsNoTracking().Where(m => m.IsActive)
            .Where(m => departments == null || departments.Contains(m.District.ParentId ?? 0))
            .OrderBy(m => m.District.NameSortKey).ThenBy(m => m.NameSortKey).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.Name, m.EmployeeNumber, District = m.District.Name })
            .ToListAsync(cancellationToken);
        return managers.Select(m =>
        {
            var count = given.GetValueOrDefault(m.Id);
            return new ScoringListRow(m.Id, m.Name, m.EmployeeNumber, m.District, count == 0 ? CellState.Missing : count >= toScore ? CellState.Done : CellState.Partial);
        }).ToList();
    }
}
