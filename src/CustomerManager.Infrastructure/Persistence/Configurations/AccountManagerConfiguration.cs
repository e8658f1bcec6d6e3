using CustomerManager.Domain.AccountManagers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class AccountManagerConfiguration : IEntityTypeConfiguration<AccountManager>
{
    public void Configure(EntityTypeBuilder<AccountManager> builder)
    {
        builder.Property(m => m.EmployeeNumber).HasMaxLength(AccountManager.EmployeeNumberMaxLength).IsRequired();
        builder.Property(m => m.Name).HasMaxLength(AccountManager.NameMaxLength).IsRequired();
        builder.Property(m => m.NameSortKey).SortKey();
        builder.Property(m => m.Phone).HasMaxLength(AccountManager.PhoneMaxLength);
        builder.HasOne(m => m.District).WithMany().HasForeignKey(m => m.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.AuditStamps();

        builder.HasIndex(m => m.EmployeeNumber).IsUnique();
        builder.HasIndex(m => new { m.DistrictId, m.NameSortKey });
        builder.HasIndex(m => m.NameSortKey);
    }
}

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> builder)
    {
        builder.Property(d => d.Name).HasMaxLength(District.NameMaxLength).IsRequired();
        builder.Property(d => d.NameSortKey).SortKey();
        builder.AuditStamps();

        builder.HasIndex(d => d.Name).IsUnique();
    }
}
