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
}
