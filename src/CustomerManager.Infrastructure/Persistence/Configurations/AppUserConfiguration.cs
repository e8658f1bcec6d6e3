using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Organisation;
using CustomerManager.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength).IsRequired();
        builder.Property(u => u.EmailNotifications).HasDefaultValue(true);
        builder.HasOne<AccountManager>().WithMany().HasForeignKey(u => u.AccountManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.AccountManagerId).IsUnique();
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.SupervisedUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
