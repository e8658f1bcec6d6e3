using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Infrastructure.Queries;

/// <summary>
/// Results stored before evidence snapshots existed get theirs once, at start-up: the figures of the cycle's
/// period as the visits stand then, marked with when they were taken (the form says so). Nothing to do on
/// every later start.
/// </summary>
public sealed class EvidenceBackfill(AppDbContext db, EvidenceQuery evidence, TimeProvider clock, ILogger<EvidenceBackfill> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var cycles = await db.Cycles
            .Where(c => db.Results.Any(r => r.CycleId == c.Id && r.EvidenceTakenUtc == null))
            .Include(c => c.Results)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var recorded = 0;
        foreach (var cycle in cycles)
        {
            var figures = await evidence.ForAllAsync(cycle.PeriodStart, cycle.PeriodEnd, cancellationToken);
            var missing = cycle.Results.Where(r => r.EvidenceTakenUtc is null).ToList();
            foreach (var result in missing)
            {
                result.RecordMissingEvidence(figures.GetValueOrDefault(result.AccountManagerId) ?? Domain.Evaluation.EvidenceFigures.None, clock.GetUtcNow().UtcDateTime);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                recorded += missing.Count;
                logger.LogInformation("Evidence recorded for {Results} results of cycle {CycleId}", missing.Count, cycle.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance of the app, starting at the same moment, recorded them first.
                db.ChangeTracker.Clear();
            }
        }

        return recorded;
    }
}
