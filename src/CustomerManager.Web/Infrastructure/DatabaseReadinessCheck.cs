using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerManager.Web.Infrastructure;

/// <summary>
/// Readiness (<c>/health/ready</c>, and <c>/health</c>): the database answers, has every migration of this build, and
/// takes a write — the node's row in <see cref="AppDbContext.ReadinessProbes"/> is updated, so a database that can
/// still be read but no longer written (a full disk, files made read-only) is not ready. Asked often (a proxy, a
/// load balancer), the answer is kept two seconds per node.
/// </summary>
public sealed class DatabaseReadinessCheck(AppDbContext db, TimeProvider clock, DatabaseReadinessCheck.Kept kept, ILogger<DatabaseReadinessCheck> logger) : IHealthCheck
{
    public const string Tag = "ready";

    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(2);

    /// <summary>The node's name in the probe table: two processes on one machine share the row, which does no harm.</summary>
    public static readonly string Node = Environment.MachineName;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (kept.Last is { } last && now - last.At < KeptFor)
        {
            return last.Result;
        }

        var result = await ProbeAsync(now.UtcDateTime, cancellationToken);
        kept.Last = (now, result);
        return result;
    }

    private async Task<HealthCheckResult> ProbeAsync(DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                return HealthCheckResult.Unhealthy("The database lacks migrations of this build.");
            }

            if (await db.ReadinessProbes.Where(p => p.Node == Node).ExecuteUpdateAsync(s => s.SetProperty(p => p.CheckedUtc, now), cancellationToken) == 0)
            {
                db.ReadinessProbes.Add(new ReadinessProbe { Node = Node, CheckedUtc = now });
                await db.SaveChangesAsync(cancellationToken);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Readiness: the database cannot be written");
            return HealthCheckResult.Unhealthy("The database cannot be written.");
        }
    }

    /// <summary>The last answer of this node (a singleton).</summary>
    public sealed class Kept
    {
        public (DateTimeOffset At, HealthCheckResult Result)? Last { get; set; }
    }
}
