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
        builder.Property(m => m.Phone).HasMaxLength(AccountManager.PhoneMaxLength);
        builder.Property(m => m.District).HasMaxLength(AccountManager.DistrictMaxLength).IsRequired();
        builder.AuditStamps();

        builder.HasIndex(m => m.EmployeeNumber).IsUnique();
        builder.HasIndex(m => new { m.District, m.Name });
        builder.HasIndex(m => m.Name);
    }
}
