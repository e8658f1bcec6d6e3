using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class ImportUploadConfiguration : IEntityTypeConfiguration<ImportUpload>
{
    public void Configure(EntityTypeBuilder<ImportUpload> builder)
    {
        builder.HasKey(u => u.Token);
        builder.Property(u => u.Token).HasMaxLength(ImportUpload.TokenLength);
        builder.Property(u => u.UserId).HasMaxLength(450).IsRequired();
        builder.Property(u => u.FileName).HasMaxLength(ImportUpload.FileNameMaxLength).IsRequired();
        builder.Property(u => u.Table).IsRequired();
        builder.HasIndex(u => u.CreatedUtc);
    }
}
