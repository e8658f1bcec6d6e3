using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Organisation;
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

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> builder)
    {
        builder.Property(u => u.Code).HasMaxLength(OrgUnit.CodeMaxLength).IsRequired();
        builder.Property(u => u.Name).HasMaxLength(OrgUnit.NameMaxLength).IsRequired();
        builder.Property(u => u.NameEn).HasMaxLength(OrgUnit.NameMaxLength);
        builder.Property(u => u.NameSortKey).SortKey();
        builder.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.AuditStamps();

        builder.HasIndex(u => u.Name).IsUnique();
        builder.HasIndex(u => u.Code).IsUnique();
    }
}
