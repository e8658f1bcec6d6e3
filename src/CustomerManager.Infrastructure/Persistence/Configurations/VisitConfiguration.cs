using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.PrimitiveCollection(v => v.BrandsRecommended).HasField("_brandsRecommended");
        foreach (var text in new[]
                 {
                     nameof(Visit.MarketInformation), nameof(Visit.CustomerFeedback), nameof(Visit.Complaint),
                     nameof(Visit.ComplaintResolution), nameof(Visit.DataChange), nameof(Visit.ViolationDescription),
                     nameof(Visit.UnlicensedDescription), nameof(Visit.ShareWithLogistics), nameof(Visit.ShareWithCallCentre),
                 })
        {
            builder.Property<string?>(text).HasMaxLength(Visit.TextMaxLength);
        }

        builder.Property(v => v.ViolationType).HasMaxLength(Visit.ShortTextMaxLength);
        builder.Property(v => v.UnlicensedPlace).HasMaxLength(Visit.ShortTextMaxLength * 2);
        builder.AuditStamps();

        builder.HasOne<AccountManager>().WithMany().HasForeignKey(v => v.AccountManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RetailCustomer>().WithMany().HasForeignKey(v => v.CustomerId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(v => new { v.AccountManagerId, v.VisitedAt });
        builder.HasIndex(v => new { v.CustomerId, v.VisitedAt });
        builder.HasIndex(v => v.VisitedAt);
    }
}
