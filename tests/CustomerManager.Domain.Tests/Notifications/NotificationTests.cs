using CustomerManager.Domain.Notifications;

namespace CustomerManager.Domain.Tests.Notifications;

public class NotificationTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 4, 0, 0, DateTimeKind.Utc);

    private static Notification WithEmail() => new("u1", NotificationKind.CycleOpened, "cycle-opened:1", "2026 Q4", null, 6, "/Scoring?cycleId=1", Now, email: true);

    [Fact]
    public void AFailedEmailIsTriedAgainLaterAndGivenUpAfterTheLastAttempt()
    {
        var notification = WithEmail();
        var due = new List<DateTime?>();

        for (var attempt = 1; attempt < Notification.MaxEmailAttempts; attempt++)
        {
            notification.EmailFailed("connection refused", Now);
            due.Add(notification.EmailDueUtc);
        }

        notification.EmailFailed("connection refused", Now);

        Assert.Equal([Now.AddMinutes(1), Now.AddMinutes(4), Now.AddMinutes(16), Now.AddMinutes(64)], due);
        Assert.Equal(EmailState.Failed, notification.Email);
        Assert.Null(notification.EmailDueUtc);
        Assert.Equal(Notification.MaxEmailAttempts, notification.EmailAttempts);
    }

    [Fact]
    public void ASentEmailIsNotDueAgainAndReadingKeepsTheFirstTime()
    {
        var notification = WithEmail();

        notification.EmailFailed("timeout", Now);
        notification.EmailSent(Now.AddMinutes(1));
        notification.MarkRead(Now.AddMinutes(2));
        notification.MarkRead(Now.AddMinutes(3));

        Assert.Equal((EmailState.Sent, 2, (DateTime?)null, (string?)null), (notification.Email, notification.EmailAttempts, notification.EmailDueUtc, notification.EmailError));
        Assert.Equal(Now.AddMinutes(2), notification.ReadUtc);
    }

    [Fact]
    public void WithoutEmailNothingIsQueuedAndLongValuesAreCut()
    {
        var notification = new Notification("u1", NotificationKind.ItemAcknowledged, "ack:1", new string('店', 300), null, null, "/Visits/Details/1", Now, email: false);

        Assert.Equal(EmailState.None, notification.Email);
        Assert.Null(notification.EmailDueUtc);
        Assert.Equal(Notification.SubjectMaxLength, notification.Subject.Length);
        Assert.EndsWith("…", notification.Subject, StringComparison.Ordinal);
    }
}
