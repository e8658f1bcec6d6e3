using CustomerManager.Domain.Notifications;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Features.Notifications;

public sealed record NotificationRow(long Id, NotificationKind Kind, string Subject, string? Detail, int? Count, DateTime CreatedUtc, bool IsRead, EmailState Email);

public sealed record NotificationsModel(PagedList<NotificationRow> Page, int Unread, bool EmailOn, bool EmailConfigured, bool HasAddress);

/// <summary>
/// A user's notifications, newest first: opening one marks it read and goes to its page; all can be marked read at
/// once; each user turns the e-mail copies on or off. Everyone signed in has this page and sees only their own.
/// </summary>
[Authorize(Policy = Policies.AnyRole)]
public sealed class NotificationsController(AppDbContext db, TimeProvider clock, IOptions<EmailOptions> email, IStringLocalizer<SharedResource> l) : Controller
{
    public const int PageSize = 20;

    [HttpGet]
    public async Task<IActionResult> Index(int? page, CancellationToken cancellationToken)
    {
        var me = Me;
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
        var rows = await mine.OrderByDescending(n => n.CreatedUtc).ThenByDescending(n => n.Id)
            .Select(n => new NotificationRow(n.Id, n.Kind, n.Subject, n.Detail, n.Count, n.CreatedUtc, n.ReadUtc != null, n.Email))
            .ToPagedListAsync(page, PageSize, cancellationToken);
        var unread = await mine.CountAsync(n => n.ReadUtc == null, cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => new { u.EmailNotifications, u.Email }).SingleAsync(cancellationToken);
        return View(new NotificationsModel(rows with { PageSizeChoosable = false }, unread, user.EmailNotifications, email.Value.IsConfigured, !string.IsNullOrWhiteSpace(user.Email)));
    }

    /// <summary>Marks one of the user's notifications read and goes to the page it is about.</summary>
    [HttpPost]
    public async Task<IActionResult> Open(long id, CancellationToken cancellationToken)
    {
        var me = Me;
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == me, cancellationToken);
        if (notification is null)
        {
            return NotFound();
        }

        notification.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Url.IsLocalUrl(notification.Link) ? LocalRedirect(notification.Link) : RedirectToAction(nameof(Index));
    }

    [HttpPost]
    public async Task<IActionResult> ReadAll(CancellationToken cancellationToken)
    {
        var me = Me;
        var now = clock.GetUtcNow().UtcDateTime;
        var marked = await db.Notifications.Where(n => n.UserId == me && n.ReadUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadUtc, now), cancellationToken);
        TempData.Flash(l.Count("Notifications.MarkedRead", marked));
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Turns the e-mail copies of the user's notifications on or off (those not yet sent follow at once).</summary>
    [HttpPost]
    public async Task<IActionResult> Email(bool on, CancellationToken cancellationToken)
    {
        var me = Me;
        await db.Users.Where(u => u.Id == me).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailNotifications, on), cancellationToken);
        TempData.Flash(l[on ? "Notifications.EmailOn" : "Notifications.EmailOff"]);
        return RedirectToAction(nameof(Index));
    }

    private string Me => User.UserIdOf()!;
}

/// <summary>The navbar's bell: how many of the signed-in user's notifications are unread (an index seek).</summary>
public sealed class NotificationBellViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var me = UserClaimsPrincipal.UserIdOf();
        var unread = me is null ? 0 : await db.Notifications.CountAsync(n => n.UserId == me && n.ReadUtc == null, HttpContext.RequestAborted);
        return View(unread);
    }
}
