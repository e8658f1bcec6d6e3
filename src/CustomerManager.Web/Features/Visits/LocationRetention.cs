using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Features.Visits;

/// <summary>
/// Removes the phone's locations from visits checked in more than <see cref="VisitOptions.LocationRetentionDays"/> ago
/// (personal data, kept no longer than needed); the marks, the distance and the times stay. Runs when the app starts and
/// then once a day; running on two nodes at once does no harm (the same rows are emptied).
/// </summary>
public sealed class LocationRetention(IServiceScopeFactory scopes, TimeProvider clock, IOptions<VisitOptions> options, ILogger<LocationRetention> logger) : BackgroundService
{
    /// <summary>Empties the locations of visits checked in before the retention period; returns how many visits.</summary>
    public static Task<int> ForgetAsync(AppDbContext db, DateTime checkedInBefore, CancellationToken cancellationToken) =>
        db.Visits
            .Where(v => v.CheckedInAt < checkedInBefore && (v.CheckInLatitude != null || v.CheckOutLatitude != null))
            .ExecuteUpdateAsync(
                s => s.SetProperty(v => v.CheckInLatitude, (double?)null).SetProperty(v => v.CheckInLongitude, (double?)null).SetProperty(v => v.CheckInAccuracy, (double?)null)
                    .SetProperty(v => v.CheckOutLatitude, (double?)null).SetProperty(v => v.CheckOutLongitude, (double?)null).SetProperty(v => v.CheckOutAccuracy, (double?)null),
                cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), clock);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var cutoff = clock.GetLocalNow().DateTime.Date.AddDays(-options.Value.LocationRetentionDays);
                var removed = await ForgetAsync(db, cutoff, stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Locations removed from {Visits} visits checked in before {Cutoff:yyyy-MM-dd}", removed, cutoff);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next day's run tries again.
                logger.LogWarning(e, "Removing old visit locations failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
