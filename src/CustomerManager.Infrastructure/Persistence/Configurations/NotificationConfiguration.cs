using CustomerManager.Domain.Notifications;
using CustomerManager.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerManager.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.UserId).HasMaxLength(450).IsRequired();
        builder.Property(n => n.Key).HasMaxLength(Notification.KeyMaxLength).IsRequired();
        builder.Property(n => n.Subject).HasMaxLength(Notification.SubjectMaxLength).IsRequired();
        builder.Property(n => n.Detail).HasMaxLength(Notification.DetailMaxLength);
        builder.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength).IsRequired();
        builder.Property(n => n.EmailError).HasMaxLength(Notification.ErrorMaxLength);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(n => new { n.UserId, n.Key }).IsUnique(); // the same event never notifies a user twice
        builder.HasIndex(n => new { n.UserId, n.ReadUtc }); // the navbar's unread count
        builder.HasIndex(n => new { n.UserId, n.CreatedUtc }); // the list, newest first
        builder.HasIndex(n => new { n.Email, n.EmailDueUtc }); // the e-mail worker's queue
    }
}

internal sealed class ReminderRunConfiguration : IEntityTypeConfiguration<ReminderRun>
{
    public void Configure(EntityTypeBuilder<ReminderRun> builder)
    {
        builder.ToTable("ReminderRuns");
        builder.Property(r => r.Kind).HasMaxLength(ReminderRun.KindMaxLength).IsRequired();
        builder.HasIndex(r => new { r.Kind, r.CycleId, r.Day }).IsUnique();
    }
}
