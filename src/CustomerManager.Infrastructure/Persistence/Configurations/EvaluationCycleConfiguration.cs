using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Organisation;
using CustomerManager.Infrastructure.Identity;
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

            // The department whose managers the seat scores (null: company-wide, cycles opened before departments
            // had panels). No foreign key: the frozen panel outlives a department deleted later.
            p.Property(x => x.DepartmentId);
        });
        builder.Navigation(c => c.Panel).HasField("_panel");
        builder.Property(c => c.GuidelineReason).HasMaxLength(EvaluationCycle.ReasonMaxLength);
        builder.Property(c => c.GuidelineSummary).HasMaxLength(200);
        builder.OwnsMany(c => c.Guideline, g =>
        {
            g.ToTable("CycleGuideline");
            g.WithOwner().HasForeignKey("CycleId");
            g.Property<int>("Id");
            g.HasKey("Id");
        });
        builder.Navigation(c => c.Guideline).HasField("_guideline");
        builder.OwnsMany(c => c.Reopened, r =>
        {
            r.ToTable("CycleReopenings");
            r.WithOwner().HasForeignKey("CycleId");
            r.Property<int>("Id");
            r.HasKey("Id");
            r.Property(x => x.Reason).HasMaxLength(EvaluationCycle.ReasonMaxLength).IsRequired();
        });
        builder.Navigation(c => c.Reopened).HasField("_reopened");
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

internal sealed class DepartmentSeatConfiguration : IEntityTypeConfiguration<DepartmentSeat>
{
    public void Configure(EntityTypeBuilder<DepartmentSeat> builder)
    {
        builder.ToTable("DepartmentSeats");
        builder.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.AuditStamps();
        builder.HasIndex(s => new { s.UnitId, s.Role }).IsUnique();
        builder.HasIndex(s => s.UserId);
    }
}
