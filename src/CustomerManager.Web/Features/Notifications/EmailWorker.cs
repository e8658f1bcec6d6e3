using System.Globalization;
using CustomerManager.Domain.Notifications;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Localization;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CustomerManager.Web.Features.Notifications;

/// <summary>
/// Sends the e-mails of notifications in the background, never inside a request: every few seconds it takes the
/// due ones, claims each (so two app nodes never send the same e-mail), sends it through SMTP (MailKit) in Chinese
/// and English, and records the outcome; a failure is tried again later (1, 4, 16, 64 minutes) and given up after
/// <see cref="Notification.MaxEmailAttempts"/> attempts. A user who turned e-mail off meanwhile gets none.
/// </summary>
public sealed class EmailWorker(IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider clock, ILogger<EmailWorker> logger) : BackgroundService
{
    /// <summary>How long a claim holds: a node that died while sending leaves the e-mail to be tried again after it.</summary>
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(10);

    /// <summary>Sends what is due now; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var l = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.Email == EmailState.Pending && n.EmailDueUtc <= now)
            .OrderBy(n => n.EmailDueUtc).Take(settings.BatchSize)
            .Select(n => new { n.Id, n.EmailDueUtc }).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        using var smtp = new SmtpClient();
        var sent = 0;
        foreach (var item in due)
        {
            // The claim: only the node whose update finds the due time unchanged sends.
            var claimed = await db.Notifications.Where(n => n.Id == item.Id && n.Email == EmailState.Pending && n.EmailDueUtc == item.EmailDueUtc)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.EmailDueUtc, now + ClaimFor), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var notification = await db.Notifications.SingleAsync(n => n.Id == item.Id, cancellationToken);
            var user = await db.Users.AsNoTracking().Where(u => u.Id == notification.UserId)
                .Select(u => new { u.Email, u.DisplayName, u.EmailNotifications, u.IsActive }).SingleOrDefaultAsync(cancellationToken);
            if (user is null || !user.IsActive || !user.EmailNotifications || string.IsNullOrWhiteSpace(user.Email))
            {
                notification.EmailNotWanted();
            }
            else
            {
                try
                {
                    if (!smtp.IsConnected)
                    {
                        await smtp.ConnectAsync(settings.Host!, settings.Port, settings.Security, cancellationToken);
                        if (!string.IsNullOrEmpty(settings.UserName))
                        {
                            await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
                        }
                    }

                    await smtp.SendAsync(Message(l, settings, notification, user.Email, user.DisplayName), cancellationToken);
                    notification.EmailSent(clock.GetUtcNow().UtcDateTime);
                    sent++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "E-mail of notification {NotificationId} failed (attempt {Attempt})", notification.Id, notification.EmailAttempts + 1);
                    notification.EmailFailed(e.Message, clock.GetUtcNow().UtcDateTime);
                    if (smtp.IsConnected)
                    {
                        await smtp.DisconnectAsync(true, CancellationToken.None);
                    }
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (smtp.IsConnected)
        {
            await smtp.DisconnectAsync(true, cancellationToken);
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured || !options.Value.RunWorker)
        {
            logger.LogInformation("This node sends no notification e-mails (Email:Enabled, Email:Host, Email:RunWorker)");
            return;
        }

        var every = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sending notification e-mails failed; trying again in {Seconds} s", every.TotalSeconds);
            }

            try
            {
                await Task.Delay(every, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>The e-mail of one notification: its sentence in Chinese, then in English, with the link to the page.</summary>
    private static MimeMessage Message(IStringLocalizer l, EmailOptions settings, Notification notification, string address, string name)
    {
        var link = settings.BaseUrl.TrimEnd('/') + notification.Link;
        string In(string culture, Func<string> text)
        {
            var before = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
            try
            {
                return text();
            }
            finally
            {
                CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = before;
            }
        }

        var zh = In(Cultures.Chinese, () => NotificationText.Of(l, notification.Kind, notification.Subject, notification.Detail, notification.Count));
        var en = In(Cultures.English, () => NotificationText.Of(l, notification.Kind, notification.Subject, notification.Detail, notification.Count));
        var footerZh = In(Cultures.Chinese, () => l["Email.Footer"]);
        var footerEn = In(Cultures.English, () => l["Email.Footer"]);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(name, address));
        message.Subject = zh;
        message.Body = new TextPart("plain") { Text = $"{zh}\n{link}\n\n{en}\n{link}\n\n--\n{footerZh}\n{footerEn}\n" };
        return message;
    }
}
