using CustomerManager.Domain.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class RatingSettingsConfiguration : IEntityTypeConfiguration<RatingSettings>
{
    public void Configure(EntityTypeBuilder<RatingSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.OwnsOne(s => s.Bounds, b => b.MapBounds());
        builder.Navigation(s => s.Bounds).IsRequired();
        builder.Property(s => s.AppealDays).HasDefaultValue(RatingSettings.DefaultAppealDays);
        builder.AuditStamps();
    }
}

internal static class TierBoundsMapping
{
    public static void MapBounds<TOwner>(this OwnedNavigationBuilder<TOwner, TierBounds> bounds)
        where TOwner : class
    {
        bounds.Property(b => b.FiveStar).HasColumnName("BoundFiveStar");
        bounds.Property(b => b.FourStar).HasColumnName("BoundFourStar");
        bounds.Property(b => b.ThreeStar).HasColumnName("BoundThreeStar");
        bounds.Property(b => b.Ordinary).HasColumnName("BoundOrdinary");
    }
}
