using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class BrandSpecConfiguration : IEntityTypeConfiguration<BrandSpec>
{
    public void Configure(EntityTypeBuilder<BrandSpec> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(BrandSpec.NameMaxLength).IsRequired();
        builder.AuditStamps();
        builder.HasOne<Brand>().WithMany().HasForeignKey(s => s.BrandId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.BrandId, s.Name }).IsUnique();
        builder.HasMany(s => s.GuidePrices).WithOne().HasForeignKey(p => p.BrandSpecId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.GuidePrices).HasField("_guidePrices");
    }
}

internal sealed class GuidePriceConfiguration : IEntityTypeConfiguration<GuidePrice>
{
    public void Configure(EntityTypeBuilder<GuidePrice> builder)
    {
        builder.AuditStamps();
        builder.HasIndex(p => new { p.BrandSpecId, p.EffectiveFrom }).IsUnique();
    }
}

internal sealed class MarketObservationConfiguration : IEntityTypeConfiguration<MarketObservation>
{
    public void Configure(EntityTypeBuilder<MarketObservation> builder)
    {
        builder.HasOne<BrandSpec>().WithMany().HasForeignKey(o => o.BrandSpecId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RetailCustomer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AccountManager>().WithMany().HasForeignKey(o => o.AccountManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(o => o.DistrictId).OnDelete(DeleteBehavior.Restrict);

        // A district's days: its weeks recounted into the totals, the days at a period's ends, its collection points.
        builder.HasIndex(o => new { o.DistrictId, o.ObservedOn });

        // A collection point's latest figures (the visit form's hints) and its history.
        builder.HasIndex(o => new { o.CustomerId, o.ObservedOn });
        builder.HasIndex(o => o.VisitId);
    }
}

internal sealed class MarketWeekTotalConfiguration : IEntityTypeConfiguration<MarketWeekTotal>
{
    public void Configure(EntityTypeBuilder<MarketWeekTotal> builder)
    {
        // A unit's weeks: its districts' rows for a range of weeks, in the key.
        builder.HasKey(t => new { t.DistrictId, t.WeekStart, t.BrandSpecId });
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BrandSpec>().WithMany().HasForeignKey(t => t.BrandSpecId).OnDelete(DeleteBehavior.Restrict);

        // Sums of a district's week outgrow a single price's decimal(9,4) on the server engines.
        builder.Property(t => t.PackPriceSum).HasPrecision(18, 4);
        builder.Property(t => t.CartonPriceSum).HasPrecision(18, 4);
    }
}

internal sealed class MarketDayTotalConfiguration : IEntityTypeConfiguration<MarketDayTotal>
{
    public void Configure(EntityTypeBuilder<MarketDayTotal> builder)
    {
        // A unit's days at a period's ends: its districts' rows for a range of days, in the key.
        builder.HasKey(t => new { t.DistrictId, t.Day, t.BrandSpecId });
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BrandSpec>().WithMany().HasForeignKey(t => t.BrandSpecId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.PackPriceSum).HasPrecision(18, 4);
        builder.Property(t => t.CartonPriceSum).HasPrecision(18, 4);
    }
}
