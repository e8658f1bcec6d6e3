namespace CustomerManager.Domain.Notifications;

/// <summary>What a notification tells; its text is written in the reader's language when shown or e-mailed.</summary>
public enum NotificationKind
{
    /// <summary>To a panel member: a cycle they sit on opened ({Subject}: the cycle, {Count}: managers to score).</summary>
    CycleOpened = 1,

    /// <summary>To a panel member: the cycle's period ends in three days and they still have managers to score ({Count}).</summary>
    ScoringDue = 2,

    /// <summary>To an account manager: their result of a cycle is published ({Detail}: the tier, or empty when not rated).</summary>
    ResultPublished = 3,

    /// <summary>To an account manager: an item they passed on was acknowledged ({Subject}: the store, {Detail}: the seat).</summary>
    ItemAcknowledged = 4,

    /// <summary>To an account manager: their appeal was decided ({Detail}: upheld or dismissed).</summary>
    AppealDecided = 5,

    /// <summary>To an administrator: a manager appealed ({Detail}: the manager).</summary>
    AppealArrived = 6,

    /// <summary>To a panel member: the administrator asks for a response to an appeal ({Detail}: the manager).</summary>
    AppealResponseRequested = 7,

    /// <summary>To a panel member: an upheld appeal needs their re-scoring ({Detail}: the manager).</summary>
    AppealRescoring = 8,

    /// <summary>To an account manager: their re-scored result after an upheld appeal ({Detail}: the tier).</summary>
    AppealResolved = 9,

    /// <summary>To a panel member: a closed cycle was reopened for one manager of their departments ({Detail}: the manager).</summary>
    ManagerReopened = 10,
}

/// <summary>Where a notification's e-mail stands.</summary>
public enum EmailState
{
    /// <summary>No e-mail: sending is off, the user turned it off or has no address.</summary>
    None = 0,

    Pending = 1,

    Sent = 2,

    /// <summary>Every attempt failed; the notification still shows in the app.</summary>
    Failed = 3,
}

/// <summary>
/// A message to one user (in-app, and by e-mail unless they turned it off), written in the same transaction as the
/// event it tells of. <see cref="Key"/> names the event for this user: the same event never notifies twice.
/// </summary>
public sealed class Notification
{
    public const int KeyMaxLength = 100;
    public const int SubjectMaxLength = 200;
    public const int DetailMaxLength = 200;
    public const int LinkMaxLength = 300;
    public const int ErrorMaxLength = 500;

    /// <summary>How many times an e-mail is tried before it is given up.</summary>
    public const int MaxEmailAttempts = 5;

    private Notification()
    {
        UserId = Key = Subject = Link = string.Empty;
    }

    public Notification(string userId, NotificationKind kind, string key, string subject, string? detail, int? count, string link, DateTime nowUtc, bool email)
        : this()
    {
        UserId = userId;
        Kind = kind;
        Key = Truncate(key, KeyMaxLength)!;
        Subject = Truncate(subject, SubjectMaxLength)!;
        Detail = Truncate(detail, DetailMaxLength);
        Count = count;
        Link = Truncate(link, LinkMaxLength)!;
        CreatedUtc = nowUtc;
        Email = email ? EmailState.Pending : EmailState.None;
        EmailDueUtc = email ? nowUtc : null;
    }

    public long Id { get; private set; }

    public string UserId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>The event this tells of, for this user (unique per user).</summary>
    public string Key { get; private set; }

    /// <summary>What it is about: a cycle's name, a store's name.</summary>
    public string Subject { get; private set; }

    public string? Detail { get; private set; }

    public int? Count { get; private set; }

    /// <summary>The page it leads to, an app-relative path.</summary>
    public string Link { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime? ReadUtc { get; private set; }

    public EmailState Email { get; private set; }

    public int EmailAttempts { get; private set; }

    /// <summary>When the e-mail is next tried (pending), or was given up.</summary>
    public DateTime? EmailDueUtc { get; private set; }

    public DateTime? EmailSentUtc { get; private set; }

    public string? EmailError { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadUtc ??= nowUtc;

    /// <summary>The e-mail was handed to the mail server.</summary>
    public void EmailSent(DateTime nowUtc)
    {
        Email = EmailState.Sent;
        EmailAttempts++;
        EmailSentUtc = nowUtc;
        EmailDueUtc = null;
        EmailError = null;
    }

    /// <summary>An attempt failed: tried again later (1, 4, 16, 64 minutes), given up after <see cref="MaxEmailAttempts"/>.</summary>
    public void EmailFailed(string error, DateTime nowUtc)
    {
        EmailAttempts++;
        EmailError = Truncate(error, ErrorMaxLength);
        if (EmailAttempts >= MaxEmailAttempts)
        {
            Email = EmailState.Failed;
            EmailDueUtc = null;
            return;
        }

        EmailDueUtc = nowUtc.AddMinutes(Math.Pow(4, EmailAttempts - 1));
    }

    /// <summary>The user turned e-mail off (or has no address) before it went: nothing is sent.</summary>
    public void EmailNotWanted()
    {
        Email = EmailState.None;
        EmailDueUtc = null;
    }

    private static string? Truncate(string? value, int max) =>
        value is null ? null : value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");
}
