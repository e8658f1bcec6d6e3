using CustomerManager.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CustomerManager.Infrastructure.Persistence;

/// <summary>
/// Keeps <see cref="VisitMonthTotal"/> equal to the visits: <see cref="AppDbContext"/> takes what the tracked
/// visits change before it saves them and applies it, after they are written, in the same transaction; each
/// manager's row is locked first, so that two visits saved at once add up on every engine. <see cref="RebuildAsync"/>
/// recounts everything from the visits (the <c>rebuild-visit-totals</c> command, and once after the upgrade
/// that introduced the totals).
/// </summary>
public static class VisitTotals
{
    /// <summary>What the tracked visits' pending changes add to or take from each manager's months.</summary>
    public static Dictionary<(int ManagerId, DateOnly Month), VisitTally> PendingChanges(ChangeTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var changes = new Dictionary<(int, DateOnly), VisitTally>();
        void Add(Visit visit, int sign)
        {
            var key = (visit.AccountManagerId, VisitMonthTotal.MonthOf(visit.VisitedAt));
            var tally = sign > 0 ? VisitTally.Of(visit) : -VisitTally.Of(visit);
            changes[key] = changes.GetValueOrDefault(key) + tally;
        }

        foreach (var entry in tracker.Entries<Visit>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    Add(entry.Entity, +1);
                    break;
                case EntityState.Deleted:
                    Add((Visit)entry.OriginalValues.ToObject(), -1);
                    break;
                case EntityState.Modified:
                    Add((Visit)entry.OriginalValues.ToObject(), -1);
                    Add(entry.Entity, +1);
                    break;
            }
        }

        foreach (var unchanged in changes.Where(c => c.Value.IsZero).Select(c => c.Key).ToList())
        {
            changes.Remove(unchanged);
        }

        return changes;
    }

    /// <summary>
    /// Adds <paramref name="changes"/> to the totals inside the caller's transaction, in SQL alone: nothing is left in
    /// the change tracker for a later save to write again.
    /// </summary>
    internal static async Task ApplyAsync(AppDbContext db, Dictionary<(int ManagerId, DateOnly Month), VisitTally> changes, CancellationToken cancellationToken)
    {
        foreach (var managerId in changes.Keys.Select(k => k.ManagerId).Distinct().Order())
        {
            await db.AccountManagers.Where(m => m.Id == managerId).LockForUpdateAsync(cancellationToken);
        }

        foreach (var ((managerId, month), t) in changes.OrderBy(c => c.Key))
        {
            var updated = await db.VisitMonthTotals
                .Where(x => x.AccountManagerId == managerId && x.Month == month)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(x => x.Visits, x => x.Visits + t.Visits)
                        .SetProperty(x => x.BrandsRecommended, x => x.BrandsRecommended + t.BrandsRecommended)
                        .SetProperty(x => x.VolumeCartons, x => x.VolumeCartons + t.VolumeCartons)
                        .SetProperty(x => x.MarketInformation, x => x.MarketInformation + t.MarketInformation)
                        .SetProperty(x => x.DataChanges, x => x.DataChanges + t.DataChanges)
                        .SetProperty(x => x.Violations, x => x.Violations + t.Violations)
                        .SetProperty(x => x.UnlicensedRetail, x => x.UnlicensedRetail + t.UnlicensedRetail)
                        .SetProperty(x => x.Complaints, x => x.Complaints + t.Complaints)
                        .SetProperty(x => x.ComplaintsResolvedOnSpot, x => x.ComplaintsResolvedOnSpot + t.ComplaintsResolvedOnSpot),
                    cancellationToken);
            if (updated == 0)
            {
                // The manager's row is locked: no other transaction can insert this month's row meanwhile.
                await db.Database.ExecuteSqlAsync(
                    $"""
                     INSERT INTO "VisitMonthTotals" ("AccountManagerId", "Month", "Visits", "BrandsRecommended", "VolumeCartons", "MarketInformation",
                         "DataChanges", "Violations", "UnlicensedRetail", "Complaints", "ComplaintsResolvedOnSpot")
                     VALUES ({managerId}, {month}, {t.Visits}, {t.BrandsRecommended}, {t.VolumeCartons}, {t.MarketInformation},
                         {t.DataChanges}, {t.Violations}, {t.UnlicensedRetail}, {t.Complaints}, {t.ComplaintsResolvedOnSpot})
                     """,
                    cancellationToken);
            }
        }
    }

    /// <summary>The tally of <paramref name="visits"/> per manager, in one grouped query.</summary>
    public static Task<Dictionary<int, VisitTally>> ByManagerAsync(IQueryable<Visit> visits, CancellationToken cancellationToken) =>
        visits
            .GroupBy(v => v.AccountManagerId)
            .Select(g => new
            {
                ManagerId = g.Key,
                Tally = new VisitTally(
                    g.Count(),
                    g.Sum(v => v.BrandCount),
                    g.Sum(v => v.VolumeCartons),
                    g.Count(v => v.MarketInformation != null),
                    g.Count(v => v.DataChange != null),
                    g.Count(v => v.ViolationType != null),
                    g.Count(v => v.UnlicensedPlace != null),
                    g.Count(v => v.Complaint != null),
                    g.Count(v => v.ComplaintResolvedOnSpot)),
            })
            .ToDictionaryAsync(x => x.ManagerId, x => x.Tally, cancellationToken);

    /// <summary>Recounts every manager's months from the visits, month by month, in one transaction; returns how many rows there are.</summary>
    public static async Task<int> RebuildAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.VisitMonthTotals.ExecuteDeleteAsync(cancellationToken);
        var rows = 0;
        if (await db.Visits.AnyAsync(cancellationToken))
        {
            var first = VisitMonthTotal.MonthOf(await db.Visits.MinAsync(v => v.VisitedAt, cancellationToken));
            var last = VisitMonthTotal.MonthOf(await db.Visits.MaxAsync(v => v.VisitedAt, cancellationToken));
            for (var month = first; month <= last; month = month.AddMonths(1))
            {
                var start = month.ToDateTime(TimeOnly.MinValue);
                var end = month.AddMonths(1).ToDateTime(TimeOnly.MinValue);
                var tallies = await ByManagerAsync(db.Visits.AsNoTracking().Where(v => v.VisitedAt >= start && v.VisitedAt < end), cancellationToken);
                db.VisitMonthTotals.AddRange(tallies.Select(t => new VisitMonthTotal(t.Key, month, t.Value)));
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                rows += tallies.Count;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>After the upgrade that introduced the totals: counts them once when there are visits but no totals.</summary>
    public static async Task<bool> EnsureBuiltAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.VisitMonthTotals.AnyAsync(cancellationToken) || !await db.Visits.AnyAsync(cancellationToken))
        {
            return false;
        }

        await RebuildAsync(db, cancellationToken);
        return true;
    }
}
