using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Infrastructure.Persistence;

/// <summary>
/// "Check, then act" inside one transaction is only safe when the rows the check reads are locked first: on
/// SQL Server and PostgreSQL (read committed) two transactions could both pass the same check. Writing a row
/// without changing it takes its write lock until the transaction ends, on every engine; a second transaction
/// doing the same waits, then reads what the first committed. (SQLite locks the whole database at the
/// transaction's start anyway.)
/// </summary>
public static class RowLocks
{
    /// <summary>Locks the rows until the current transaction ends, changing nothing; returns how many there are.</summary>
    public static Task<int> LockForUpdateAsync<T>(this IQueryable<T> rows, CancellationToken cancellationToken)
        where T : Entity =>
        rows.ExecuteUpdateAsync(s => s.SetProperty(e => e.Version, e => e.Version), cancellationToken);
}
