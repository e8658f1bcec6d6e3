using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class AppealConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> builder)
    {
        builder.ToTable("Appeals");
        builder.Property(a => a.Reason).HasMaxLength(Appeal.ReasonMaxLength).IsRequired();
        builder.Property(a => a.Decision).HasMaxLength(Appeal.DecisionMaxLength);
        builder.AuditStamps();
        builder.HasOne<EvaluationCycle>().WithMany().HasForeignKey(a => a.CycleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AccountManager>().WithMany().HasForeignKey(a => a.AccountManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(a => a.Criteria, c =>
        {
            c.ToTable("AppealCriteria");
            c.WithOwner().HasForeignKey("AppealId");
            c.Property<int>("Id");
            c.HasKey("Id");
        });
        builder.Navigation(a => a.Criteria).HasField("_criteria");
        builder.OwnsMany(a => a.Responses, r =>
        {
            r.ToTable("AppealResponses");
            r.WithOwner().HasForeignKey("AppealId");
            r.Property<int>("Id");
            r.HasKey("Id");
            r.Property(x => x.PanelMemberId).HasMaxLength(450).IsRequired();
            r.Property(x => x.Text).HasMaxLength(Appeal.ResponseMaxLength).IsRequired();
        });
        builder.Navigation(a => a.Responses).HasField("_responses");

        // A cycle's appeals, by state; a manager's own. The one open appeal per manager and cycle is a filtered
        // unique index whose condition each provider spells its own way (AppDbContext.OnModelCreating).
        builder.HasIndex(a => new { a.CycleId, a.Status });
        builder.HasIndex(a => new { a.AccountManagerId, a.CycleId });
    }
}
