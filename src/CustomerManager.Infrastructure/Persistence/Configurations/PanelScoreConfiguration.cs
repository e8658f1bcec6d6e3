using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class PanelScoreConfiguration : IEntityTypeConfiguration<PanelScore>
{
    public void Configure(EntityTypeBuilder<PanelScore> builder)
    {
        builder.Property(s => s.Comment).HasMaxLength(PanelScore.CommentMaxLength);
        builder.Property(s => s.PanelMemberId).HasMaxLength(PanelScore.PanelMemberIdMaxLength).IsRequired();
        builder.AuditStamps();

        builder.HasOne<EvaluationCycle>().WithMany().HasForeignKey(s => s.CycleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CycleCriterion>().WithMany().HasForeignKey(s => s.CycleCriterionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AccountManager>().WithMany().HasForeignKey(s => s.AccountManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.PanelMemberId).OnDelete(DeleteBehavior.Restrict);

        // Covers the progress board's counts and the scores rating reads (AppDbContext.GivenScores).
        builder.HasIndex(s => new { s.CycleId, s.AccountManagerId, s.PanelMemberId, s.CycleCriterionId, s.Value });
        builder.HasIndex(s => new { s.CycleId, s.PanelMemberId, s.AccountManagerId }); // covers a member's progress: how many of each manager they scored
        builder.HasIndex(s => new { s.CycleCriterionId, s.AccountManagerId, s.PanelMemberId }).IsUnique();
    }
}

internal sealed class EvaluationResultConfiguration : IEntityTypeConfiguration<EvaluationResult>
{
    public void Configure(EntityTypeBuilder<EvaluationResult> builder)
    {
        builder.ToTable("Results");
        builder.AuditStamps();
        builder.HasOne<AccountManager>().WithMany().HasForeignKey(r => r.AccountManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(r => r.CriterionScores, s =>
        {
            s.ToTable("ResultCriterionScores");
            s.WithOwner().HasForeignKey("ResultId");
            s.Property<int>("Id");
            s.HasKey("Id");
        });
        builder.Navigation(r => r.CriterionScores).HasField("_criterionScores");

        // The evidence snapshot: the figures the panel saw, in columns of the result's own row.
        builder.OwnsOne(r => r.Evidence);
        builder.Navigation(r => r.Evidence).IsRequired();

        builder.HasIndex(r => new { r.CycleId, r.AccountManagerId }).IsUnique();
        builder.HasIndex(r => new { r.AccountManagerId, r.CycleId });
        builder.HasIndex(r => new { r.CycleId, r.Tier });
    }
}
