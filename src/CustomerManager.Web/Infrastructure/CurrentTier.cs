using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Infrastructure;

/// <summary>A manager's current tier is their result in the latest published cycle.</summary>
public static class CurrentTier
{
    public sealed record PublishedCycle(int Id, string Name);

    public static Task<PublishedCycle?> LatestPublishedCycleAsync(this AppDbContext db, CancellationToken cancellationToken) =>
        db.Cycles.AsNoTracking()
            .Where(c => c.Status == CycleStatus.Published)
            .OrderByDescending(c => c.PeriodEnd)
            .Select(c => new PublishedCycle(c.Id, c.Name))
            .FirstOrDefaultAsync(cancellationToken);
}
