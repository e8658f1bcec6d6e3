using System.Data;
using System.Data.Common;
using CustomerManager.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CustomerManager.Infrastructure.Persistence;

/// <summary>What the tracked visits' pending changes add to or take from the kept totals.</summary>
public sealed record VisitTotalChanges(
    Dictionary<(int ManagerId, DateOnly Month), VisitTally> Months,
    Dictionary<(int ManagerId, int CustomerId, DateOnly Quarter), int> CustomerQuarters)
{
    public bool IsEmpty => Months.Count == 0 && CustomerQuarters.Count == 0;
}

/// <summary>
/// Keeps <see cref="VisitMonthTotal"/> and <see cref="VisitedCustomerQuarter"/> equal to the visits:
/// <see cref="AppDbContext"/> takes what the tracked visits change before it saves them and applies it, after they
/// are written, in the same transaction; each manager's row is locked first, so that two visits saved at once add up
/// on every engine. <see cref="RebuildAsync"/> recounts everything from the visits (the <c>rebuild-visit-totals</c>
/// command, and once after an upgrade that introduced a table of them).
/// </summary>
public static class VisitTotals
{
    /// <summary>What the tracked visits' pending changes add to or take from each manager's months and customer-quarters.</summary>
    public static VisitTotalChanges PendingChanges(ChangeTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var months = new Dictionary<(int, DateOnly), VisitTally>();
        var quarters = new Dictionary<(int, int, DateOnly), int>();
        void Add(Visit visit, int sign)
        {
            var month = (visit.AccountManagerId, VisitMonthTotal.MonthOf(visit.VisitedAt));
            var tally = sign > 0 ? VisitTally.Of(visit) : -VisitTally.Of(visit);
            months[month] = months.GetValueOrDefault(month) + tally;
            var quarter = (visit.AccountManagerId, visit.CustomerId, VisitedCustomerQuarter.QuarterOf(visit.VisitedAt));
            quarters[quarter] = quarters.GetValueOrDefault(quarter) + sign;
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

        foreach (var unchanged in months.Where(c => c.Value.IsZero).Select(c => c.Key).ToList())
        {
            months.Remove(unchanged);
        }

        foreach (var unchanged in quarters.Where(c => c.Value == 0).Select(c => c.Key).ToList())
        {
            quarters.Remove(unchanged);
        }

        return new VisitTotalChanges(months, quarters);
    }

    /// <summary>
    /// Adds <paramref name="changes"/> to the totals inside the caller's transaction, in SQL alone: nothing is left in
    /// the change tracker for a later save to write again.
    /// </summary>
    internal static async Task ApplyAsync(AppDbContext db, VisitTotalChanges changes, CancellationToken cancellationToken)
    {
        foreach (var managerId in changes.Months.Keys.Select(k => k.ManagerId).Union(changes.CustomerQuarters.Keys.Select(k => k.ManagerId)).Order())
        {
            await db.AccountManagers.Where(m => m.Id == managerId).LockForUpdateAsync(cancellationToken);
        }

        foreach (var ((managerId, month), t) in changes.Months.OrderBy(c => c.Key))
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
                        .SetProperty(x => x.ComplaintsResolvedOnSpot, x => x.ComplaintsResolvedOnSpot + t.ComplaintsResolvedOnSpot)
                        .SetProperty(x => x.OnSiteVisits, x => x.OnSiteVisits + t.OnSite)
                        .SetProperty(x => x.VerifiedVisits, x => x.VerifiedVisits + t.Verified)
                        .SetProperty(x => x.FarVisits, x => x.FarVisits + t.Far)
                        .SetProperty(x => x.ShortVisits, x => x.ShortVisits + t.TooShort)
                        .SetProperty(x => x.MarketVisits, x => x.MarketVisits + t.MarketVisits),
                    cancellationToken);
            if (updated == 0)
            {
                // The manager's row is locked: no other transaction can insert this month's row meanwhile.
                await db.Database.ExecuteSqlAsync(
                    $"""
                     INSERT INTO "VisitMonthTotals" ("AccountManagerId", "Month", "Visits", "BrandsRecommended", "VolumeCartons", "MarketInformation",
                         "DataChanges", "Violations", "UnlicensedRetail", "Complaints", "ComplaintsResolvedOnSpot",
                         "OnSiteVisits", "VerifiedVisits", "FarVisits", "ShortVisits", "MarketVisits")
                     VALUES ({managerId}, {month}, {t.Visits}, {t.BrandsRecommended}, {t.VolumeCartons}, {t.MarketInformation},
                         {t.DataChanges}, {t.Violations}, {t.UnlicensedRetail}, {t.Complaints}, {t.ComplaintsResolvedOnSpot},
                         {t.OnSite}, {t.Verified}, {t.Far}, {t.TooShort}, {t.MarketVisits})
                     """,
                    cancellationToken);
            }
        }

        foreach (var ((managerId, customerId, quarter), visits) in changes.CustomerQuarters.OrderBy(c => c.Key))
        {
            var row = db.VisitedCustomerQuarters.Where(q => q.Quarter == quarter && q.AccountManagerId == managerId && q.CustomerId == customerId);
            if (await row.ExecuteUpdateAsync(s => s.SetProperty(q => q.Visits, q => q.Visits + visits), cancellationToken) == 0)
            {
                if (visits > 0)
                {
                    await db.Database.ExecuteSqlAsync(
                        $"""
                         INSERT INTO "VisitedCustomerQuarters" ("Quarter", "AccountManagerId", "CustomerId", "Visits")
                         VALUES ({quarter}, {managerId}, {customerId}, {visits})
                         """,
                        cancellationToken);
                }
            }
            else if (visits < 0)
            {
                await row.Where(q => q.Visits <= 0).ExecuteDeleteAsync(cancellationToken);
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
                    g.Count(v => v.ComplaintResolvedOnSpot),
                    g.Count(v => v.Kind == VisitKind.OnSite),
                    g.Count(v => v.Verification == VisitVerification.Verified),
                    g.Count(v => v.Verification == VisitVerification.Far),
                    g.Count(v => v.Verification == VisitVerification.TooShort),
                    g.Count(v => v.MarketSpecs > 0)),
            })
            .ToDictionaryAsync(x => x.ManagerId, x => x.Tally, cancellationToken);

    /// <summary>
    /// Recounts every manager's months and customer-quarters from the visits, month by month and quarter by quarter, in
    /// one transaction; returns how many rows of each there are.
    /// </summary>
    public static async Task<(int Months, int CustomerQuarters)> RebuildAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.VisitMonthTotals.ExecuteDeleteAsync(cancellationToken);
        await db.VisitedCustomerQuarters.ExecuteDeleteAsync(cancellationToken);
        var (months, quarters) = (0, 0);
        if (await db.Visits.AnyAsync(cancellationToken))
        {
            var firstVisit = await db.Visits.MinAsync(v => v.VisitedAt, cancellationToken);
            var lastVisit = await db.Visits.MaxAsync(v => v.VisitedAt, cancellationToken);
            for (var month = VisitMonthTotal.MonthOf(firstVisit); month <= VisitMonthTotal.MonthOf(lastVisit); month = month.AddMonths(1))
            {
                var start = month.ToDateTime(TimeOnly.MinValue);
                var end = month.AddMonths(1).ToDateTime(TimeOnly.MinValue);
                var tallies = await ByManagerAsync(db.Visits.AsNoTracking().Where(v => v.VisitedAt >= start && v.VisitedAt < end), cancellationToken);
                db.VisitMonthTotals.AddRange(tallies.Select(t => new VisitMonthTotal(t.Key, month, t.Value)));
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                months += tallies.Count;
            }

            // Hundreds of thousands of rows a quarter at province scale: counted and written by the database alone.
            for (var quarter = VisitedCustomerQuarter.QuarterOf(firstVisit); quarter <= VisitedCustomerQuarter.QuarterOf(lastVisit); quarter = quarter.AddMonths(3))
            {
                quarters += await db.Database.ExecuteSqlAsync(
                    $"""
                     INSERT INTO "VisitedCustomerQuarters" ("Quarter", "AccountManagerId", "CustomerId", "Visits")
                     SELECT {quarter}, "AccountManagerId", "CustomerId", COUNT(*) FROM "Visits"
                     WHERE "VisitedAt" >= {TimeParameter(db, "start", quarter)} AND "VisitedAt" < {TimeParameter(db, "end", quarter.AddMonths(3))}
                     GROUP BY "AccountManagerId", "CustomerId"
                     """,
                    cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return (months, quarters);
    }

    /// <summary>
    /// The start of <paramref name="day"/> as a parameter of the visits' own column type: a plain DateTime in raw SQL
    /// would be a time-zoned timestamp on PostgreSQL, which the column (local times, no zone) is not.
    /// </summary>
    private static DbParameter TimeParameter(AppDbContext db, string name, DateOnly day)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = DbType.DateTime2;
        parameter.Value = day.ToDateTime(TimeOnly.MinValue);
        return parameter;
    }

    /// <summary>After an upgrade that introduced a table of totals: counts them once when there are visits but no such rows.</summary>
    public static async Task<bool> EnsureBuiltAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Visits.AnyAsync(cancellationToken)
            || (await db.VisitMonthTotals.AnyAsync(cancellationToken) && await db.VisitedCustomerQuarters.AnyAsync(cancellationToken)))
        {
            return false;
        }

        await RebuildAsync(db, cancellationToken);
        return true;
    }
}
