using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class RetailCustomerConfiguration : IEntityTypeConfiguration<RetailCustomer>
{
    public void Configure(EntityTypeBuilder<RetailCustomer> builder)
    {
        builder.ToTable("Customers");
        builder.Property(c => c.LicenceNumber).HasMaxLength(RetailCustomer.LicenceNumberMaxLength).IsRequired();
        builder.Property(c => c.StoreName).HasMaxLength(RetailCustomer.StoreNameMaxLength).IsRequired();
        builder.Property(c => c.Owner).HasMaxLength(RetailCustomer.OwnerMaxLength).IsRequired();
        builder.Property(c => c.StoreNameSortKey).SortKey();
        builder.Property(c => c.OwnerSortKey).SortKey();
        builder.Property(c => c.Phone).HasMaxLength(RetailCustomer.PhoneMaxLength);
        builder.Property(c => c.Address).HasMaxLength(RetailCustomer.AddressMaxLength).IsRequired();
        builder.Ignore(c => c.Location);
        builder.AuditStamps();

        builder.HasOne<AccountManager>().WithMany().HasForeignKey(c => c.CurrentManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Assignments).WithOne().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Assignments).HasField("_assignments");

        builder.HasIndex(c => c.LicenceNumber).IsUnique();
        builder.HasIndex(c => new { c.CurrentManagerId, c.StoreNameSortKey });
        builder.HasIndex(c => c.StoreNameSortKey);
        builder.HasIndex(c => c.OwnerSortKey);
        builder.HasIndex(c => c.Phone);
        builder.HasIndex(c => new { c.Status, c.BusinessType });
    }
}

internal sealed class VisitFrequencyDefaultConfiguration : IEntityTypeConfiguration<VisitFrequencyDefault>
{
    public void Configure(EntityTypeBuilder<VisitFrequencyDefault> builder)
    {
        builder.AuditStamps();
        builder.HasIndex(d => d.BusinessType).IsUnique();
    }
}
