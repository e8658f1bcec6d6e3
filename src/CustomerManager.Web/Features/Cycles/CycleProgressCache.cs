using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Cycles;

/// <summary>
/// The progress board and the close check of a cycle read every score of it and every manager (24,000 and 2,000
/// rows in a province), the ranking every result (written only when the cycle closes or reopens, which changes
/// its version): they are computed again only when something they read changed, which one cheap query
/// tells (the cycle's version and its count of score writes, which scoring bumps in its transaction; the count,
/// versions and highest id of the managers and of the districts: any insert, update or delete moves one of them),
/// and at least every <see cref="MaxAge"/> (panel members' names). One per app node, safe to lose.
/// </summary>
public sealed class CycleProgressCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(string Kind, int CycleId), Entry> _entries = new();

    /// <summary>The fingerprint taken in a request (its DbContext): the close page shows the board and the check, and asks once.</summary>
    private readonly ConditionalWeakTable<AppDbContext, ConcurrentDictionary<int, Fingerprint?>> _taken = new();

    /// <summary>What <paramref name="compute"/> gives for this kind of figure and cycle, kept while nothing it reads changed.</summary>
    public async Task<T> GetAsync<T>(AppDbContext db, string kind, int cycleId, Func<Task<T>> compute, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(compute);
        var taken = _taken.GetOrCreateValue(db);
        if (!taken.TryGetValue(cycleId, out var fingerprint))
        {
            fingerprint = await FingerprintAsync(db, cycleId, cancellationToken);
            taken[cycleId] = fingerprint;
        }

        var now = clock.GetUtcNow();
        if (_entries.TryGetValue((kind, cycleId), out var entry) && entry.Fingerprint == fingerprint && now - entry.Taken < MaxAge && entry.Value is T kept)
        {
            return kept;
        }

        var value = await compute();
        _entries[(kind, cycleId)] = new Entry(fingerprint, now, value);
        return value;
    }

    private static Task<Fingerprint?> FingerprintAsync(AppDbContext db, int cycleId, CancellationToken cancellationToken) =>
        db.Cycles.AsNoTracking().Where(c => c.Id == cycleId).Select(c => (Fingerprint?)new Fingerprint(
            c.Version,
            EF.Property<int>(c, EvaluationCycleScoreWrites.Column),
            db.AccountManagers.Count(),
            db.AccountManagers.Sum(m => (long)m.Version),
            db.AccountManagers.Max(m => (int?)m.Id) ?? 0,
            db.OrgUnits.Count(),
            db.OrgUnits.Sum(d => (long)d.Version)))
            .SingleOrDefaultAsync(cancellationToken);

    private sealed record Fingerprint(int Cycle, int ScoreWrites, int Managers, long ManagerVersions, int LastManager, int Districts, long DistrictVersions);

    private sealed record Entry(Fingerprint? Fingerprint, DateTimeOffset Taken, object Value);
}
