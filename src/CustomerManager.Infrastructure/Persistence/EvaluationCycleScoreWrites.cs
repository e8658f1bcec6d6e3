using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Infrastructure.Persistence;

/// <summary>The count of score writes a cycle keeps (a shadow column of <c>Cycles</c>, outside the domain and the audit trail).</summary>
public static class EvaluationCycleScoreWrites
{
    public const string Column = "ScoreWrites";

    /// <summary>
    /// Locks the cycle's row until the current transaction ends, like <see cref="RowLocks.LockForUpdateAsync{T}"/>, and
    /// counts one more write of its scores; returns how many cycles there are (0: none with that id).
    /// </summary>
    public static Task<int> LockForScoringAsync(this IQueryable<Domain.Evaluation.EvaluationCycle> cycles, CancellationToken cancellationToken) =>
        cycles.ExecuteUpdateAsync(s => s.SetProperty(c => EF.Property<int>(c, Column), c => EF.Property<int>(c, Column) + 1), cancellationToken);
}
