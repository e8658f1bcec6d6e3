using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace CustomerManager.Infrastructure.Persistence;

/// <summary>
/// EF Core's retrying execution strategy on the server databases, for what can be replayed without a doubt: a
/// command run outside a transaction (every page's reads, the connection opened for them) is tried again up to
/// <see cref="MaxRetryCount"/> times when the database is briefly unreachable. A unit of work in a transaction
/// (every save here has one: the audit trail and the visit totals are written with the change) is run once: a
/// transient failure rolls it back whole and the user gets the friendly "try again" page, so that a write is
/// never replayed on a half-known state and never saved twice. SQLite, in the app's own process, has no
/// network to fail and keeps EF's default strategy.
/// </summary>
public static class Retries
{
    public const int MaxRetryCount = 3;

    /// <summary>At most this long between two tries: a few seconds in all before the "try again" page.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs <paramref name="work"/>, which streams a large result (an export), without the retrying strategy's
    /// buffering: EF reads a whole result into memory before the first row when it may retry a query.
    /// </summary>
    public static Task StreamingAsync(this DbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        new Once(db).ExecuteAsync(work, cancellationToken);

    /// <summary>
    /// Whether <paramref name="error"/> (or what it wraps: a failed save, the retries given up) is the database out of
    /// reach for a moment rather than a fault: its server down or restarting, SQLite locked beyond the wait.
    /// </summary>
    public static bool DatabaseUnavailable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true } or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 })
            {
                return true; // 5, 6: SQLITE_BUSY, SQLITE_LOCKED
            }
        }

        return false;
    }

    internal static bool InTransaction(ExecutionStrategyDependencies dependencies) =>
        dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;

    /// <summary>Runs once: while it runs, queries are compiled for a strategy that never retries, so they stream.</summary>
    private sealed class Once(DbContext db) : ExecutionStrategy(db, 0, TimeSpan.Zero)
    {
        protected override bool ShouldRetryOn(Exception exception) => false;
    }
}

/// <summary>Npgsql's retrying strategy, retrying only outside a transaction (<see cref="Retries"/>).</summary>
public sealed class PostgreSqlRetries(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, Retries.MaxRetryCount, Retries.MaxRetryDelay, null)
{
    private bool _once;

    protected override void OnFirstExecution()
    {
        _once = Retries.InTransaction(Dependencies);
        if (_once)
        {
            ExceptionsEncountered.Clear();
            return;
        }

        base.OnFirstExecution();
    }

    protected override bool ShouldRetryOn(Exception? exception) => !_once && base.ShouldRetryOn(exception);
}

/// <summary>SQL Server's retrying strategy, retrying only outside a transaction (<see cref="Retries"/>).</summary>
public sealed class SqlServerRetries(ExecutionStrategyDependencies dependencies)
    : SqlServerRetryingExecutionStrategy(dependencies, Retries.MaxRetryCount, Retries.MaxRetryDelay, null)
{
    private bool _once;

    protected override void OnFirstExecution()
    {
        _once = Retries.InTransaction(Dependencies);
        if (_once)
        {
            ExceptionsEncountered.Clear();
            return;
        }

        base.OnFirstExecution();
    }

    protected override bool ShouldRetryOn(Exception exception) => !_once && base.ShouldRetryOn(exception);
}
