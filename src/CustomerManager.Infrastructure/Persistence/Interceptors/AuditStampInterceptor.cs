using CustomerManager.Domain.Common;
using CustomerManager.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerManager.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Stamps who created and last changed every <see cref="Entity"/>, and when (UTC, from <see cref="TimeProvider"/>),
/// and moves its version on by one with every saved change (the concurrency token checks the version read).
/// </summary>
public sealed class AuditStampInterceptor(TimeProvider clock, ICurrentUser currentUser) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in context.ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedUtc = now;
                entry.Entity.CreatedBy = currentUser.UserName;
            }
            else if (entry.State == EntityState.Modified || OwnedValuesChanged(entry))
            {
                entry.Entity.ModifiedUtc = now;
                entry.Entity.ModifiedBy = currentUser.UserName;
                var version = entry.Property(e => e.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }

    /// <summary>A change to a value the entity owns (tier bounds, the evidence, criterion scores, panel seats) is a change to the entity.</summary>
    private static bool OwnedValuesChanged(EntityEntry<Entity> entry) =>
        entry.References.Any(r => r.TargetEntry?.Metadata.IsOwned() == true && r.TargetEntry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
        || entry.Collections.Any(c => c.Metadata.TargetEntityType.IsOwned() && c.IsModified);
}
