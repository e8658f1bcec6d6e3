using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class ReadinessProbeConfiguration : IEntityTypeConfiguration<ReadinessProbe>
{
    public void Configure(EntityTypeBuilder<ReadinessProbe> builder)
    {
        builder.HasKey(p => p.Node);
        builder.Property(p => p.Node).HasMaxLength(ReadinessProbe.NodeMaxLength);
    }
}
