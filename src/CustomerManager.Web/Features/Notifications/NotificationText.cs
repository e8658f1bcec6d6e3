using CustomerManager.Domain.Notifications;
using CustomerManager.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Notifications;

/// <summary>
/// A notification's sentence in the current UI language, from its kind and values: the page shows it in the
/// reader's language, the e-mail in both (a notification stores values, never text).
/// </summary>
public static class NotificationText
{
    /// <summary>A day kept as yyyy-MM-dd, shown in the reader's culture (as every other date).</summary>
    private static string Day(string? isoDay) =>
        DateOnly.TryParseExact(isoDay, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? day.ToString("D", System.Globalization.CultureInfo.CurrentCulture)
            : isoDay ?? string.Empty;

    public static string Of(IStringLocalizer l, NotificationKind kind, string subject, string? detail, int? count)
    {
        ArgumentNullException.ThrowIfNull(l);
        string Tier(string? tier) => tier is null ? l["Tier.NotRated"] : l[$"Tier.{tier}"];
        return kind switch
        {
            NotificationKind.CycleOpened => l.Count("Notification.CycleOpened", count ?? 0, subject),
            NotificationKind.ScoringDue => l.Count("Notification.ScoringDue", count ?? 0, subject, Day(detail)),
            NotificationKind.ResultPublished => l["Notification.ResultPublished", subject, Tier(detail)],
            NotificationKind.ItemAcknowledged => l["Notification.ItemAcknowledged", subject, l[$"ReportKind.{detail}"]],
            NotificationKind.AppealArrived => l["Notification.AppealArrived", detail ?? "?", subject],
            NotificationKind.AppealResponseRequested => l["Notification.AppealResponseRequested", detail ?? "?", subject],
            NotificationKind.AppealRescoring => l["Notification.AppealRescoring", detail ?? "?", subject],
            NotificationKind.AppealDecided => l[$"Notification.AppealDecided.{detail}", subject],
            NotificationKind.AppealResolved => l["Notification.AppealResolved", subject, Tier(detail)],
            NotificationKind.ManagerReopened => l["Notification.ManagerReopened", detail ?? "?", subject],
            _ => subject,
        };
    }
}
