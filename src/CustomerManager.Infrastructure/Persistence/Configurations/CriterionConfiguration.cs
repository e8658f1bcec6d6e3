using CustomerManager.Domain.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class CriterionConfiguration : IEntityTypeConfiguration<Criterion>
{
    public void Configure(EntityTypeBuilder<Criterion> builder)
    {
        builder.ToTable("Criteria");
        builder.Property(c => c.NameZh).HasMaxLength(Criterion.NameMaxLength).IsRequired();
        builder.Property(c => c.NameEn).HasMaxLength(Criterion.NameMaxLength).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(Criterion.DescriptionMaxLength);
        builder.PrimitiveCollection(c => c.ScoredBy).HasField("_scoredBy");
        builder.AuditStamps();
        builder.HasIndex(c => new { c.IsRetired, c.SortOrder });
    }
}
