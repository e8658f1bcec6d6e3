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
        builder.Ignore(v => v.CheckInPoint);
        builder.Ignore(v => v.CheckOutPoint);
        builder.Ignore(v => v.DurationMinutes);
        builder.Ignore(v => v.AwaitsCheckOut);
        builder.AuditStamps();

        builder.HasOne<AccountManager>().WithMany().HasForeignKey(v => v.AccountManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RetailCustomer>().WithMany().HasForeignKey(v => v.CustomerId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(v => v.Reports).WithOne().HasForeignKey(r => r.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(v => v.Reports).HasField("_reports");
        builder.HasMany(v => v.Market).WithOne().HasForeignKey(o => o.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(v => v.Market).HasField("_market");

        builder.HasIndex(v => new { v.AccountManagerId, v.VisitedAt });
        builder.HasIndex(v => new { v.CustomerId, v.VisitedAt });
        builder.HasIndex(v => v.VisitedAt);

        // Customers covered by every manager in a period (the panel's evidence): counted in this index alone.
        builder.HasIndex(v => new { v.VisitedAt, v.AccountManagerId, v.CustomerId });

        // Planned visits made by every manager in a period (plan compliance): counted in this index alone.
        builder.HasIndex(v => new { v.PlannedOn, v.AccountManagerId, v.CustomerId, v.OnPlannedDay, v.VisitedAt });

        // Locations past their retention period: found without reading the visits that never had one.
        builder.HasIndex(v => v.CheckedInAt);
    }
}

internal sealed class VisitReportConfiguration : IEntityTypeConfiguration<VisitReport>
{
    public void Configure(EntityTypeBuilder<VisitReport> builder)
    {
        builder.Property(r => r.Message).HasMaxLength(Visit.TextMaxLength + Visit.ShortTextMaxLength * 2 + 2).IsRequired();
        builder.Property(r => r.Reply).HasMaxLength(VisitReport.ReplyMaxLength);
        builder.Property(r => r.HandledBy).HasMaxLength(EntityBuilderExtensions.UserNameMaxLength);
        builder.Ignore(r => r.IsCase);
        builder.AuditStamps();

        // Inboxes: by status, newest first, walked in the list's order whatever the number of items; the kind and
        // the manager ride along so that a seat's and a department's items are told apart in the index alone. A
        // seat's items are counted on (kind, status, manager), reading only theirs; the page compares "kind + 0" so
        // that SQLite does not take that index to find it, which would sort a seat's every item.
        builder.HasIndex(r => new { r.Status, r.VisitedAt, r.Id, r.Kind, r.AccountManagerId }).IsDescending(false, true, true, false, false);
        builder.HasIndex(r => new { r.Kind, r.Status, r.AccountManagerId });
        builder.HasIndex(r => r.VisitId);
    }
}

internal sealed class BrandConfiguration : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> builder)
    {
        builder.Property(b => b.Name).HasMaxLength(Brand.NameMaxLength).IsRequired();
        builder.AuditStamps();
        builder.HasIndex(b => b.Name).IsUnique();
    }
}

internal sealed class VisitMonthTotalConfiguration : IEntityTypeConfiguration<VisitMonthTotal>
{
    public void Configure(EntityTypeBuilder<VisitMonthTotal> builder)
    {
        builder.HasKey(t => new { t.AccountManagerId, t.Month });
        builder.Ignore(t => t.Tally);
        builder.HasOne<AccountManager>().WithMany().HasForeignKey(t => t.AccountManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VisitedCustomerQuarterConfiguration : IEntityTypeConfiguration<VisitedCustomerQuarter>
{
    public void Configure(EntityTypeBuilder<VisitedCustomerQuarter> builder)
    {
        // A quarter's rows by manager: every manager's customers covered are counted in this key alone.
        builder.HasKey(q => new { q.Quarter, q.AccountManagerId, q.CustomerId });
        builder.HasOne<AccountManager>().WithMany().HasForeignKey(q => q.AccountManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RetailCustomer>().WithMany().HasForeignKey(q => q.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
