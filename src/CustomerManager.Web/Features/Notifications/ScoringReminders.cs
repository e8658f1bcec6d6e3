using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Notifications;

/// <summary>
/// The daily reminder of the panel (in the app's background): from three days before an open cycle's period ends
/// until it ends, each member who still has managers to score is told how many, once. Every app node runs the job;
/// the first to insert the reminder's <see cref="ReminderRun"/> row (unique per kind, cycle and day) sends it, any
/// other finds the row taken and sends nothing.
/// </summary>
public sealed class ScoringReminders(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<ScoringReminders> logger) : BackgroundService
{
    public const string Kind = "ScoringDue";

    /// <summary>How many days before its period ends a cycle's reminder goes out.</summary>
    public const int DaysBefore = 3;

    /// <summary>Runs the reminders due today; returns how many notifications this node wrote.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var latest = today.AddDays(DaysBefore);
        List<int> cycles;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            cycles = await db.Cycles.AsNoTracking().Where(c => c.Status == CycleStatus.Open && c.PeriodEnd >= today && c.PeriodEnd <= latest)
                .Select(c => c.Id).ToListAsync(cancellationToken);
        }

        var written = 0;
        foreach (var cycleId in cycles)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery().SingleAsync(c => c.Id == cycleId, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                db.ReminderRuns.Add(new ReminderRun { Kind = Kind, CycleId = cycleId, Day = cycle.PeriodEnd.AddDays(-DaysBefore), RunUtc = clock.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node (or an earlier run) holds this reminder: it is sent, or being sent, there.
                continue;
            }

            written += await scope.ServiceProvider.GetRequiredService<Notifier>().ScoringDueAsync(cycle, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Scoring reminder of cycle {CycleId}: {Notifications} notifications", cycleId, written);
        }

        return written;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Notifications:Reminders", true))
        {
            return;
        }

        var every = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Notifications:ReminderCheckMinutes", 60)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The scoring reminders failed; trying again in {Minutes} min", every.TotalMinutes);
            }

            try
            {
                await Task.Delay(every, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
