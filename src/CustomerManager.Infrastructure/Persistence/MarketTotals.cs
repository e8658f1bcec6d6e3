using CustomerManager.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CustomerManager.Infrastructure.Persistence;

/// <summary>
/// Keeps <see cref="MarketWeekTotal"/> equal to the observations: <see cref="AppDbContext"/> takes the districts and weeks
/// whose observations the pending changes touch before it saves them, and recounts each of them from its observations after
/// they are written, in the same transaction, with the district's row locked (two visits of one district's week saved at
/// once are recounted one after the other, on every engine): the week's days (<see cref="MarketDayTotal"/>) from its
/// observations on their (district, day) index, the week from its days. At province scale a district's week is about 6,000
/// observations (8 ms); least and greatest prices stay right when an observation is corrected or deleted, which adding
/// differences could not do.
/// </summary>
public static class MarketTotals
{
    /// <summary>The (district, week) pairs whose observations the tracked changes add, change or remove.</summary>
    public static async Task<HashSet<(int DistrictId, DateOnly WeekStart)>> PendingKeysAsync(AppDbContext db, ChangeTracker tracker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tracker);
        var keys = new HashSet<(int, DateOnly)>();
        foreach (var entry in tracker.Entries<MarketObservation>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                keys.Add((entry.Entity.DistrictId, entry.Entity.WeekStart));
            }

            if (entry.State is EntityState.Deleted or EntityState.Modified)
            {
                keys.Add((entry.OriginalValues.GetValue<int>(nameof(MarketObservation.DistrictId)), entry.OriginalValues.GetValue<DateOnly>(nameof(MarketObservation.WeekStart))));
            }
        }

        // A visit deleted without its observations loaded: the database removes them with it.
        var deleted = tracker.Entries<Visit>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToList();
        if (deleted.Count > 0)
        {
            foreach (var key in await db.MarketObservations.AsNoTracking().Where(o => deleted.Contains(o.VisitId))
                         .Select(o => new { o.DistrictId, o.WeekStart }).Distinct().ToListAsync(cancellationToken))
            {
                keys.Add((key.DistrictId, key.WeekStart));
            }
        }

        return keys;
    }

    /// <summary>
    /// Locks the districts of <paramref name="keys"/>, in order, inside the caller's transaction: before the observations are
    /// written, so that two saves in one district queue at the lock instead of each waiting for the other's rows.
    /// </summary>
    internal static async Task LockAsync(AppDbContext db, IEnumerable<(int DistrictId, DateOnly WeekStart)> keys, CancellationToken cancellationToken)
    {
        foreach (var districtId in keys.Select(k => k.DistrictId).Distinct().Order())
        {
            await db.OrgUnits.Where(u => u.Id == districtId).LockForUpdateAsync(cancellationToken);
        }
    }

    /// <summary>Recounts the weeks of <paramref name="keys"/> inside the caller's transaction (their districts locked), in SQL alone.</summary>
    internal static async Task RecountAsync(AppDbContext db, IEnumerable<(int DistrictId, DateOnly WeekStart)> keys, CancellationToken cancellationToken)
    {
        foreach (var (districtId, weekStart) in keys.Order())
        {
            await RecountWeekAsync(db, districtId, weekStart, cancellationToken);
        }
    }

    /// <summary>
    /// A district merged into another: its observations move there, inside the caller's transaction, and the weeks they
    /// touch are recounted in the district they join; the merged district keeps no totals.
    /// </summary>
    public static async Task MoveDistrictAsync(AppDbContext db, int fromDistrictId, int toDistrictId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var weeks = await db.MarketObservations.Where(o => o.DistrictId == fromDistrictId).Select(o => o.WeekStart).Distinct().ToListAsync(cancellationToken);
        if (weeks.Count == 0)
        {
            return;
        }

        var keys = weeks.Select(w => (toDistrictId, w)).ToList();
        await LockAsync(db, [.. keys, .. weeks.Select(w => (fromDistrictId, w))], cancellationToken);
        await db.MarketObservations.Where(o => o.DistrictId == fromDistrictId).ExecuteUpdateAsync(s => s.SetProperty(o => o.DistrictId, toDistrictId), cancellationToken);
        await db.MarketDayTotals.Where(t => t.DistrictId == fromDistrictId).ExecuteDeleteAsync(cancellationToken);
        await db.MarketWeekTotals.Where(t => t.DistrictId == fromDistrictId).ExecuteDeleteAsync(cancellationToken);
        await RecountAsync(db, keys, cancellationToken);
    }

    private static async Task RecountWeekAsync(AppDbContext db, int districtId, DateOnly weekStart, CancellationToken cancellationToken)
    {
        var (first, after) = (weekStart, weekStart.AddDays(7));
        await db.MarketDayTotals.Where(t => t.DistrictId == districtId && t.Day >= first && t.Day < after).ExecuteDeleteAsync(cancellationToken);
        await db.MarketWeekTotals.Where(t => t.DistrictId == districtId && t.WeekStart == weekStart).ExecuteDeleteAsync(cancellationToken);

        // The week's days from its observations, then the week from its days.
        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO "MarketDayTotals" ("DistrictId", "Day", "BrandSpecId", "WeekStart", "Observations",
                 "PackPrices", "PackPriceSum", "PackPriceMin", "PackPriceMax", "CartonPrices", "CartonPriceSum", "CartonPriceMin", "CartonPriceMax",
                 "AboveGuide", "Priced", "StockReported", "StockCounts", "StockCartonsSum", "Stockouts", "DaysCounts", "DaysOutOfStockSum")
             SELECT "DistrictId", "ObservedOn", "BrandSpecId", {weekStart}, COUNT(*),
                 COUNT("PackPrice"), COALESCE(SUM("PackPrice"), 0), MIN("PackPrice"), MAX("PackPrice"),
                 COUNT("CartonPrice"), COALESCE(SUM("CartonPrice"), 0), MIN("CartonPrice"), MAX("CartonPrice"),
                 SUM(CASE WHEN "AboveGuide" = {true} THEN 1 ELSE 0 END),
                 SUM(CASE WHEN "PackPrice" IS NOT NULL OR "CartonPrice" IS NOT NULL THEN 1 ELSE 0 END),
                 SUM(CASE WHEN "StockCartons" IS NOT NULL OR "DaysOutOfStock" IS NOT NULL THEN 1 ELSE 0 END),
                 COUNT("StockCartons"), COALESCE(SUM("StockCartons"), 0),
                 SUM(CASE WHEN "Stockout" = {true} THEN 1 ELSE 0 END), COUNT("DaysOutOfStock"), COALESCE(SUM("DaysOutOfStock"), 0)
             FROM "MarketObservations"
             WHERE "DistrictId" = {districtId} AND "ObservedOn" >= {first} AND "ObservedOn" < {after}
             GROUP BY "DistrictId", "ObservedOn", "BrandSpecId"
             """,
            cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO "MarketWeekTotals" ("DistrictId", "WeekStart", "BrandSpecId", "Observations",
                 "PackPrices", "PackPriceSum", "PackPriceMin", "PackPriceMax", "CartonPrices", "CartonPriceSum", "CartonPriceMin", "CartonPriceMax",
                 "AboveGuide", "Priced", "StockReported", "StockCounts", "StockCartonsSum", "Stockouts", "DaysCounts", "DaysOutOfStockSum")
             SELECT "DistrictId", {weekStart}, "BrandSpecId", SUM("Observations"),
                 SUM("PackPrices"), SUM("PackPriceSum"), MIN("PackPriceMin"), MAX("PackPriceMax"),
                 SUM("CartonPrices"), SUM("CartonPriceSum"), MIN("CartonPriceMin"), MAX("CartonPriceMax"),
                 SUM("AboveGuide"), SUM("Priced"), SUM("StockReported"), SUM("StockCounts"), SUM("StockCartonsSum"), SUM("Stockouts"), SUM("DaysCounts"), SUM("DaysOutOfStockSum")
             FROM "MarketDayTotals"
             WHERE "DistrictId" = {districtId} AND "Day" >= {first} AND "Day" < {after}
             GROUP BY "DistrictId", "BrandSpecId"
             """,
            cancellationToken);
    }

    /// <summary>Recounts every week from the observations (the <c>rebuild-visit-totals</c> command); returns the rows written.</summary>
    public static async Task<int> RebuildAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.MarketWeekTotals.ExecuteDeleteAsync(cancellationToken);
        await db.MarketDayTotals.ExecuteDeleteAsync(cancellationToken);
        var keys = await db.MarketObservations.AsNoTracking().Select(o => new { o.DistrictId, o.WeekStart }).Distinct().ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            await RecountWeekAsync(db, key.DistrictId, key.WeekStart, cancellationToken);
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
            await own.DisposeAsync();
        }

        return await db.MarketWeekTotals.CountAsync(cancellationToken);
    }

    /// <summary>After an upgrade that introduced a table of totals: counts them once when there are observations but no such rows.</summary>
    public static async Task<bool> EnsureBuiltAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.MarketObservations.AnyAsync(cancellationToken)
            || (await db.MarketWeekTotals.AnyAsync(cancellationToken) && await db.MarketDayTotals.AnyAsync(cancellationToken)))
        {
            return false;
        }

        await RebuildAsync(db, cancellationToken);
        return true;
    }
}
