using MailKit.Security;

namespace CustomerManager.Web.Features.Notifications;

/// <summary>
/// E-mail of notifications (section <c>Email</c>): off unless <see cref="Enabled"/> and a <see cref="Host"/> are set.
/// The password comes from the environment or a secret store (<c>Email__Password</c>), never from a committed file.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public bool Enabled { get; set; }

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, for example <c>客户经理管理系统 &lt;noreply@example.com&gt;</c>.</summary>
    public string From { get; set; } = "CustomerManager <noreply@localhost>";

    /// <summary>The app's address as people open it (links in e-mails), for example <c>https://cm.example.com</c>.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Whether this node runs the background sender (every node may: each e-mail is claimed by one).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>How often the worker looks for e-mails to send.</summary>
    public int PollSeconds { get; set; } = 15;

    /// <summary>How many e-mails one pass sends at most.</summary>
    public int BatchSize { get; set; } = 50;

    public bool IsConfigured => Enabled && !string.IsNullOrWhiteSpace(Host);
}
