using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal static class EntityBuilderExtensions
{
    public const int UserNameMaxLength = 256;

    /// <summary>
    /// What every <see cref="Entity"/> carries: the limits of its audit stamps, and its version as a concurrency
    /// token (an update or delete of a row someone else changed meanwhile fails instead of overwriting it).
    /// </summary>
    public static void AuditStamps<T>(this EntityTypeBuilder<T> builder)
        where T : Entity
    {
        builder.Property(e => e.CreatedBy).HasMaxLength(UserNameMaxLength);
        builder.Property(e => e.ModifiedBy).HasMaxLength(UserNameMaxLength);
        builder.Property(e => e.Version).IsConcurrencyToken().HasDefaultValue(1);
    }

    /// <summary>A <see cref="NameOrder"/> key: ASCII hex, so a plain (non-Unicode) column; filled in by <see cref="SortKeyBackfill"/> for rows older than it.</summary>
    public static PropertyBuilder<string> SortKey(this PropertyBuilder<string> property) =>
        property.HasMaxLength(NameOrder.KeyMaxLength).IsUnicode(false).IsRequired().HasDefaultValue(string.Empty);
}
