using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.AccountManagers;

public sealed record TierHistoryRow(int CycleId, string CycleName, DateOnly PeriodStart, DateOnly PeriodEnd, bool IsRated, decimal? FinalScore, Tier? Tier);

public sealed record ManagerCustomerRow(int Id, string LicenceNumber, string StoreName, string Owner, CustomerStatus Status);

public sealed record ManagerVisitRow(int Id, DateTime VisitedAt, VisitKind Kind, int CustomerId, string StoreName, int VolumeCartons, bool HasComplaint);

/// <summary>A visit marked far or too short, with where the phone was (shown to those who may see locations).</summary>
public sealed record FlaggedVisitRow(
    int Id, DateTime VisitedAt, int CustomerId, string StoreName, VisitVerification Verification, int? DistanceMeters, int? DurationMinutes, GeoPoint? CheckInPoint);

public sealed record AccountManagerDetailsModel(
    int Id,
    string EmployeeNumber,
    string Name,
    string? Phone,
    string District,
    bool IsActive,
    string? UserName,
    IReadOnlyList<TierHistoryRow> TierHistory,
    int CustomerCount,
    IReadOnlyList<ManagerCustomerRow> Customers,
    IReadOnlyList<ManagerVisitRow> RecentVisits,
    EvidencePeriod Period,
    EvidenceFigures Evidence,
    DateTime? EvidenceFrozenUtc)
{
    public const int CustomersShown = 20;
    public const int VisitsShown = 10;
    public const int FlaggedShown = 20;

    /// <summary>The period's visits marked far or too short, newest first (<see cref="FlaggedShown"/> at most).</summary>
    public IReadOnlyList<FlaggedVisitRow> Flagged { get; init; } = [];

    /// <summary>The result of the latest published cycle, if any.</summary>
    public TierHistoryRow? Current => TierHistory.Count > 0 ? TierHistory[0] : null;
}

public sealed record CycleOption(int Id, string Name, DateOnly PeriodStart, DateOnly PeriodEnd);

/// <summary>The period the evidence figures cover, and the cycles offered as periods.</summary>
public sealed record EvidencePeriod(DateOnly From, DateOnly To, int? CycleId, IReadOnlyList<CycleOption> Cycles, bool CycleIsClosed = false);

/// <summary>One manager's page: profile, tier across published cycles, customers, recent visits and evidence.</summary>
public sealed class AccountManagerDetailsQuery(AppDbContext db, EvidenceQuery evidence, TimeProvider clock)
{
    public const int DefaultEvidenceDays = 90;

    /// <summary>
    /// The evidence period: a chosen cycle's, or the dates given, or by default the open cycle's (else the
    /// last 90 days).
    /// </summary>
    public async Task<EvidencePeriod> PeriodAsync(int? cycleId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var cycles = await db.Cycles.AsNoTracking().OrderByDescending(c => c.PeriodStart)
            .Select(c => new CyclePeriod(c.Id, c.Name, c.PeriodStart, c.PeriodEnd, c.Status))
            .ToListAsync(cancellationToken);
        var options = cycles.Select(c => new CycleOption(c.CycleId, c.Name, c.Start, c.End)).ToList();
        var chosen = cycles.FirstOrDefault(c => c.CycleId == cycleId)
            ?? (from is null && to is null ? cycles.FirstOrDefault(c => c.Status == CycleStatus.Open) : null);
        if (chosen is not null)
        {
            return new EvidencePeriod(chosen.Start, chosen.End, chosen.CycleId, options, chosen.FreezesEvidence);
        }

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var end = to ?? today;
        var start = from ?? end.AddDays(-DefaultEvidenceDays);
        return start <= end ? new EvidencePeriod(start, end, null, options) : new EvidencePeriod(end, start, null, options);
    }

    public async Task<AccountManagerDetailsModel?> RunAsync(int id, EvidencePeriod period, CancellationToken cancellationToken)
    {
        var manager = await db.AccountManagers.AsNoTracking().Include(m => m.District).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (manager is null)
        {
            return null;
        }

        var userName = await db.Users.AsNoTracking().Where(u => u.AccountManagerId == id).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
        var history = await db.Results.AsNoTracking()
            .Where(r => r.AccountManagerId == id)
            .Join(db.Cycles.Where(c => c.Status == CycleStatus.Published), r => r.CycleId, c => c.Id, (r, c) => new { r, c })
            .OrderByDescending(x => x.c.PeriodEnd)
            .Select(x => new TierHistoryRow(x.c.Id, x.c.Name, x.c.PeriodStart, x.c.PeriodEnd, x.r.IsRated, x.r.FinalScore, x.r.Tier))
            .ToListAsync(cancellationToken);
        var customers = db.Customers.AsNoTracking().Where(c => c.CurrentManagerId == id);
        var customerCount = await customers.CountAsync(cancellationToken);
        var customerRows = await customers.OrderBy(c => c.StoreNameSortKey).Take(AccountManagerDetailsModel.CustomersShown)
            .Select(c => new ManagerCustomerRow(c.Id, c.LicenceNumber, c.StoreName, c.Owner, c.Status))
            .ToListAsync(cancellationToken);
        var visits = await db.Visits.AsNoTracking()
            .Where(v => v.AccountManagerId == id)
            .Join(db.Customers, v => v.CustomerId, c => c.Id, (v, c) => new { v, c })
            .OrderByDescending(x => x.v.VisitedAt)
            .Take(AccountManagerDetailsModel.VisitsShown)
            .Select(x => new ManagerVisitRow(x.v.Id, x.v.VisitedAt, x.v.Kind, x.c.Id, x.c.StoreName, x.v.VolumeCartons, x.v.Complaint != null))
            .ToListAsync(cancellationToken);

        // A closed cycle's figures are the ones stored with the result, as the panel saw them; any other period is counted now.
        var frozen = period is { CycleId: { } cycle, CycleIsClosed: true }
            ? await db.Results.AsNoTracking().Where(r => r.CycleId == cycle && r.AccountManagerId == id)
                .Select(r => new { r.Evidence, r.EvidenceTakenUtc }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var figures = frozen?.Evidence ?? await evidence.ForManagerAsync(id, period.From, period.To, cancellationToken);
        var start = period.From.ToDateTime(TimeOnly.MinValue);
        var end = period.To.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var flagged = (await db.Visits.AsNoTracking()
                .Where(v => v.AccountManagerId == id && v.VisitedAt >= start && v.VisitedAt < end
                            && (v.Verification == VisitVerification.Far || v.Verification == VisitVerification.TooShort))
                .Join(db.Customers, v => v.CustomerId, c => c.Id, (v, c) => new { v, c.StoreName })
                .OrderByDescending(x => x.v.VisitedAt)
                .Take(AccountManagerDetailsModel.FlaggedShown)
                .Select(x => new { x.v.Id, x.v.VisitedAt, x.v.CustomerId, x.StoreName, x.v.Verification, x.v.DistanceMeters, x.v.CheckedInAt, x.v.CheckedOutAt, x.v.CheckInLatitude, x.v.CheckInLongitude })
                .ToListAsync(cancellationToken))
            .Select(x => new FlaggedVisitRow(
                x.Id, x.VisitedAt, x.CustomerId, x.StoreName, x.Verification, x.DistanceMeters,
                x.CheckedInAt is { } inAt && x.CheckedOutAt is { } outAt ? (int)(outAt - inAt).TotalMinutes : null,
                x.CheckInLatitude is { } lat && x.CheckInLongitude is { } lon ? new GeoPoint(lat, lon) : null))
            .ToList();
        return new AccountManagerDetailsModel(manager.Id, manager.EmployeeNumber, manager.Name, manager.Phone, manager.District.Name, manager.IsActive,
            userName, history, customerCount, customerRows, visits, period, figures, frozen?.EvidenceTakenUtc)
        {
            Flagged = flagged,
        };
    }
}
