using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal static class EntityBuilderExtensions
{
    public const int UserNameMaxLength = 256;

    /// <summary>Limits of the audit stamps every <see cref="Entity"/> carries.</summary>
    public static void AuditStamps<T>(this EntityTypeBuilder<T> builder)
        where T : Entity
    {
        builder.Property(e => e.CreatedBy).HasMaxLength(UserNameMaxLength);
        builder.Property(e => e.ModifiedBy).HasMaxLength(UserNameMaxLength);
    }
}
