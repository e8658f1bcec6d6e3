using System.Globalization;
using System.Text.Json;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace CustomerManager.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Writes an <see cref="AuditEntry"/> (who, when, what, old and new values) for every change to the records
/// people manage, in the same transaction as the change itself. Entries for new records are written after
/// the insert so that they carry the database-generated id.
/// </summary>
public sealed class AuditTrailInterceptor(TimeProvider clock, ICurrentUser currentUser) : SaveChangesInterceptor
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Deleted = "Deleted";
    public const string RoleAdded = "RoleAdded";
    public const string RoleRemoved = "RoleRemoved";

    /// <summary>Properties never copied into the audit trail (secrets and bookkeeping).</summary>
    private static readonly HashSet<string> IgnoredProperties =
    [
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        nameof(AppUser.NormalizedUserName), nameof(AppUser.NormalizedEmail), nameof(AppUser.AccessFailedCount),
        nameof(Entity.CreatedUtc), nameof(Entity.CreatedBy), nameof(Entity.ModifiedUtc), nameof(Entity.ModifiedBy), nameof(Entity.Version),

        // Where a phone was at a check-in or check-out is personal data removed from the visit after its retention period:
        // the trail, kept for good, never copies it (the mark and the distance it records tell what was concluded).
        nameof(Visit.CheckInLatitude), nameof(Visit.CheckInLongitude), nameof(Visit.CheckInAccuracy),
        nameof(Visit.CheckOutLatitude), nameof(Visit.CheckOutLongitude), nameof(Visit.CheckOutAccuracy),
    ];

    /// <summary>
    /// Records created in bulk, or as a part of another record whose creation is audited, whose creation the audit
    /// stamps already tell; their changes are still audited. A visit's creation is audited (with what it passes on).
    /// </summary>
    private static readonly HashSet<Type> CreationNotAudited = [typeof(VisitReport), typeof(PanelScore), typeof(EvaluationResult)];

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private List<Pending>? _pending;

    /// <summary>True for a property whose values the audit trail records; false for secrets and bookkeeping.</summary>
    public static bool Records(string property) => !IgnoredProperties.Contains(property);
    private IDbContextTransaction? _ownTransaction;
    private bool _writingAudit;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Collect(eventData.Context) is { } context && _ownTransaction is null && context.Database.CurrentTransaction is null)
        {
            _ownTransaction = context.Database.BeginTransaction();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Collect(eventData.Context) is { } context && _ownTransaction is null && context.Database.CurrentTransaction is null)
        {
            _ownTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (TakeEntries(eventData.Context) is { } context)
        {
            _writingAudit = true;
            try
            {
                context.SaveChanges();
                _ownTransaction?.Commit();
            }
            finally
            {
                _writingAudit = false;
                EndOwnTransaction();
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (TakeEntries(eventData.Context) is { } context)
        {
            _writingAudit = true;
            try
            {
                await context.SaveChangesAsync(cancellationToken);
                if (_ownTransaction is not null)
                {
                    await _ownTransaction.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                _writingAudit = false;
                EndOwnTransaction();
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (!_writingAudit)
        {
            _pending = null;
            EndOwnTransaction();
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private DbContext? Collect(DbContext? context)
    {
        if (context is null || _writingAudit)
        {
            return null;
        }

        _pending = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => Describe(context, e))
            .OfType<Pending>()
            .ToList();
        return _pending.Count > 0 ? context : null;
    }

    private DbContext? TakeEntries(DbContext? context)
    {
        if (context is null || _writingAudit || _pending is not { Count: > 0 } pending)
        {
            return null;
        }

        _pending = null;
        var now = clock.GetUtcNow().UtcDateTime;
        var user = currentUser.UserName;
        context.Set<AuditEntry>().AddRange(pending.Select(p =>
        {
            var (oldValues, newValues) = p.Values();
            return new AuditEntry(now, user, p.EntityType, p.EntityId(), p.Action, Serialize(oldValues), Serialize(newValues));
        }));
        return context;
    }

    private static Pending? Describe(DbContext context, EntityEntry entry)
    {
        switch (entry.Entity)
        {
            case AuditEntry or Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey:
                return null;
            case IdentityUserRole<string> userRole:
                var role = context.Set<IdentityRole>().Find(userRole.RoleId)?.Name ?? userRole.RoleId;
                return entry.State switch
                {
                    EntityState.Added => new Pending(nameof(AppUser), () => userRole.UserId, RoleAdded, () => (null, new() { ["Role"] = role })),
                    EntityState.Deleted => new Pending(nameof(AppUser), () => userRole.UserId, RoleRemoved, () => (new() { ["Role"] = role }, null)),
                    _ => null,
                };
            case Entity or AppUser or Domain.Customers.CustomerAssignment:
                break;
            default:
                return null; // owned values (such as tier bounds) are audited with their owner, below
        }

        if (entry.State == EntityState.Added && CreationNotAudited.Contains(entry.Entity.GetType()))
        {
            return null;
        }

        var type = entry.Metadata.ClrType.Name;
        if (entry.State == EntityState.Added)
        {
            // Values of a new record are read after the insert, when keys and foreign keys are real.
            return new Pending(type, () => KeyOf(entry), Created, () =>
            {
                var (_, created) = Values(entry, EntityState.Added, prefix: string.Empty);
                AddOwnedValues(context, entry, EntityState.Added, null, created);
                return (null, created);
            });
        }

        var state = entry.State;
        var (oldValues, newValues) = Values(entry, state, prefix: string.Empty);
        AddOwnedValues(context, entry, state, oldValues, newValues);
        if (state == EntityState.Modified && newValues!.Count == 0)
        {
            return null;
        }

        return new Pending(type, () => KeyOf(entry), state == EntityState.Deleted ? Deleted : Updated, () => (oldValues, newValues));
    }

    /// <summary>
    /// Adds the owned values of an entity (prefixed "Navigation.Property"). EF replaces an owned instance by
    /// deleting the old one and adding the new: the old values come from the deleted entry of the same owner.
    /// </summary>
    private static void AddOwnedValues(DbContext context, EntityEntry owner, EntityState ownerState, Dictionary<string, object?>? oldValues, Dictionary<string, object?>? newValues)
    {
        foreach (var reference in owner.References.Where(r => r.Metadata.TargetEntityType.IsOwned() && r.TargetEntry is not null))
        {
            var target = reference.TargetEntry!;
            var prefix = reference.Metadata.Name + ".";
            var properties = target.Properties.Where(p => !p.Metadata.IsKey() && !p.Metadata.IsShadowProperty()).ToList();
            var replaced = target.State == EntityState.Added
                ? context.ChangeTracker.Entries()
                    .Where(e => e.State == EntityState.Deleted && e.Metadata == target.Metadata)
                    .FirstOrDefault(e => e.Metadata.FindPrimaryKey()!.Properties.All(k => Equals(e.Property(k.Name).CurrentValue, target.Property(k.Name).CurrentValue)))
                : null;
            foreach (var property in properties)
            {
                var name = property.Metadata.Name;
                object? before = ownerState == EntityState.Added ? null
                    : replaced is not null ? replaced.Property(name).OriginalValue
                    : target.State == EntityState.Added ? null
                    : property.OriginalValue;
                var after = ownerState == EntityState.Deleted ? null : property.CurrentValue;
                if (ownerState is EntityState.Modified or EntityState.Unchanged && Equals(before, after))
                {
                    continue;
                }

                if (oldValues is not null && ownerState != EntityState.Added)
                {
                    oldValues[prefix + name] = Value(before);
                }

                if (newValues is not null && after is not null)
                {
                    newValues[prefix + name] = Value(after);
                }
            }
        }
    }

    private static (Dictionary<string, object?>? Old, Dictionary<string, object?>? New) Values(EntityEntry entry, EntityState state, string prefix)
    {
        var properties = entry.Properties.Where(p => !p.Metadata.IsPrimaryKey() && !IgnoredProperties.Contains(p.Metadata.Name) && !p.Metadata.IsShadowProperty());
        switch (state)
        {
            case EntityState.Added:
                return (null, properties.Where(p => p.CurrentValue is not null).ToDictionary(p => prefix + p.Metadata.Name, p => Value(p.CurrentValue)));
            case EntityState.Deleted:
                return (properties.ToDictionary(p => prefix + p.Metadata.Name, p => Value(p.OriginalValue)), null);
            default:
                var changed = properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                return (changed.ToDictionary(p => prefix + p.Metadata.Name, p => Value(p.OriginalValue)),
                        changed.ToDictionary(p => prefix + p.Metadata.Name, p => Value(p.CurrentValue)));
        }
    }

    private static object? Value(object? value) => value switch
    {
        Enum e => e.ToString(),
        System.Collections.IEnumerable list and not string => list.Cast<object?>().Select(Value).ToList(),
        _ => value,
    };

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));

    private static string Format(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string? Serialize(Dictionary<string, object?>? values) =>
        values is null || values.Count == 0 ? null : JsonSerializer.Serialize(values, Json);

    private void EndOwnTransaction()
    {
        _ownTransaction?.Dispose();
        _ownTransaction = null;
    }

    private sealed record Pending(string EntityType, Func<string> EntityId, string Action, Func<(Dictionary<string, object?>? Old, Dictionary<string, object?>? New)> Values);
}
