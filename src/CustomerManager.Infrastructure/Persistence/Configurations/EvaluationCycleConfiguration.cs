using CustomerManager.Domain.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class EvaluationCycleConfiguration : IEntityTypeConfiguration<EvaluationCycle>
{
    public void Configure(EntityTypeBuilder<EvaluationCycle> builder)
    {
        builder.ToTable("Cycles");

        // How many times scores of the cycle were written: bumped in the scoring transaction (ScoreRecorder), read
        // by the progress board's cache to know whether anything changed without reading every score.
        builder.Property<int>(EvaluationCycleScoreWrites.Column).HasDefaultValue(0);
        builder.Property(c => c.Name).HasMaxLength(EvaluationCycle.NameMaxLength).IsRequired();
        builder.Property(c => c.LastReopenReason).HasMaxLength(EvaluationCycle.ReasonMaxLength);
        builder.OwnsOne(c => c.Bounds, b => b.MapBounds());
        builder.HasMany(c => c.Criteria).WithOne().HasForeignKey(c => c.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Criteria).HasField("_criteria");
        builder.OwnsMany(c => c.Panel, p =>
        {
            p.ToTable("CyclePanel");
            p.WithOwner().HasForeignKey("CycleId");
            p.Property<int>("Id");
            p.HasKey("Id");
            p.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        });
        builder.Navigation(c => c.Panel).HasField("_panel");
        builder.HasMany(c => c.Results).WithOne().HasForeignKey(r => r.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Results).HasField("_results");
        builder.Ignore(c => c.Period);
        builder.AuditStamps();
        builder.HasIndex(c => c.Name).IsUnique();
        builder.HasIndex(c => c.PeriodStart);
        builder.HasIndex(c => c.Status);
    }
}

internal sealed class CycleCriterionConfiguration : IEntityTypeConfiguration<CycleCriterion>
{
    public void Configure(EntityTypeBuilder<CycleCriterion> builder)
    {
        builder.ToTable("CycleCriteria");
        builder.Property(c => c.NameZh).HasMaxLength(Criterion.NameMaxLength).IsRequired();
        builder.Property(c => c.NameEn).HasMaxLength(Criterion.NameMaxLength).IsRequired();
        builder.PrimitiveCollection(c => c.ScoredBy).HasField("_scoredBy");
        builder.HasOne<Criterion>().WithMany().HasForeignKey(c => c.CriterionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.CycleId, c.SortOrder });
    }
}
