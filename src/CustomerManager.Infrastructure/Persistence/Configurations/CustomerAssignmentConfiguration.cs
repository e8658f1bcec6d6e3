using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class CustomerAssignmentConfiguration : IEntityTypeConfiguration<CustomerAssignment>
{
    public void Configure(EntityTypeBuilder<CustomerAssignment> builder)
    {
        builder.Property(a => a.Reason).HasMaxLength(CustomerAssignment.ReasonMaxLength);
        builder.Property(a => a.ChangedBy).HasMaxLength(EntityBuilderExtensions.UserNameMaxLength);
        builder.Ignore(a => a.IsCurrent);
        builder.HasOne<AccountManager>().WithMany().HasForeignKey(a => a.AccountManagerId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(a => new { a.CustomerId, a.From });

        // At most one current assignment per customer, whatever two administrators do at the same moment.
        // Double quotes name the column on SQLite, SQL Server (QUOTED_IDENTIFIER is on for filtered indexes) and PostgreSQL.
        builder.HasIndex(a => a.CustomerId).IsUnique().HasFilter("\"To\" IS NULL").HasDatabaseName("IX_CustomerAssignments_OneCurrentPerCustomer");
        builder.HasIndex(a => new { a.AccountManagerId, a.From });
    }
}
