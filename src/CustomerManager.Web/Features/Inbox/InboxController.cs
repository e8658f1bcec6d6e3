using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Features.Notifications;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Inbox;

public sealed record InboxItem(
    int Id, ReportKind Kind, string Message, ReportStatus Status, string? Reply, string? HandledBy, string? HandledByName, DateTime? HandledUtc, int Version,
    int VisitId, DateTime VisitedAt, string ManagerName, string StoreName, string Address);

public sealed record InboxModel(PanelRole Seat, IReadOnlyList<ReportKind> Kinds, ReportStatus? Status, int Unhandled, PagedList<InboxItem> Page, int? PostedId = null, string? PostedReply = null);

/// <summary>Acknowledging or closing an item: the reply, and the item's version when the page showed it.</summary>
public sealed class InboxActionForm
{
    public string? Reply { get; set; }

    public int Version { get; set; }

    /// <summary>The list the user came from, to go back to.</summary>
    public ReportStatus? Status { get; set; }

    public int? Page { get; set; }
}

public sealed class InboxActionFormValidator : AbstractValidator<InboxActionForm>
{
    public InboxActionFormValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(f => f.Reply).OptionalText(l, VisitReport.ReplyMaxLength);
}

/// <summary>
/// What visits pass on, for the panel seat that receives it: information for logistics and for the call
/// centre, violations and unlicensed retail for the monopoly leader. Recipients acknowledge (with a reply);
/// the monopoly leader closes cases once dealt with. An item someone else handled meanwhile is never
/// overwritten unseen (its version is checked).
/// </summary>
[Authorize(Policy = Policies.PanelMember)]
public sealed class InboxController(AppDbContext db, IValidator<InboxActionForm> validator, IStringLocalizer<SharedResource> l, TimeProvider clock, Notifier notifier) : Controller
{
    public const int PageSize = 25;

    public static IReadOnlyList<ReportKind> KindsFor(PanelRole seat) =>
        Enum.GetValues<ReportKind>().Where(k => VisitReport.RecipientOf(k) == seat).ToList();

    [HttpGet]
    public async Task<IActionResult> Index(ReportStatus? status, int? page, CancellationToken cancellationToken) =>
        View(await ModelAsync(status, page, cancellationToken));

    [HttpPost]
    public Task<IActionResult> Acknowledge(int id, InboxActionForm form, CancellationToken cancellationToken) =>
        HandleAsync(id, form, (report, seat) => report.Acknowledge(seat, User.Identity!.Name!, form.Reply, clock.GetUtcNow().UtcDateTime), "Inbox.Acknowledged", cancellationToken);

    [HttpPost]
    public Task<IActionResult> Close(int id, InboxActionForm form, CancellationToken cancellationToken) =>
        HandleAsync(id, form, (report, seat) => report.Close(seat, User.Identity!.Name!, form.Reply, clock.GetUtcNow().UtcDateTime), "Inbox.Closed", cancellationToken);

    private async Task<InboxModel> ModelAsync(ReportStatus? status, int? page, CancellationToken cancellationToken)
    {
        var seat = User.PanelRoleOf()!.Value;
        var kinds = KindsFor(seat);
        // Only the items of the departments whose panel the member sits on, of the seat's kinds (written into the SQL,
        // IN (3, 4), not sent as a JSON list). Counted on the (kind, status, manager) index: only the seat's items are
        // read. Paged on the (status, time) index, which gives the list's order and holds kind and manager: the page
        // compares them in a form no index serves (ReportKindFilter, OfPanelDepartments), or the planner would pick
        // the (kind, status, manager) index there too and sort every item of the seat.
        var me = User.UserIdOf()!;
        var counted = db.VisitReports.AsNoTracking().Where(r => EF.Constant(kinds).Contains(r.Kind)).OfPanelDepartments(db, me, seat);
        var reports = db.VisitReports.AsNoTracking().Where(ReportKindFilter.Unindexed(kinds)).OfPanelDepartments(db, me, seat, unindexed: true);
        var unhandled = await counted.Where(r => r.Status == ReportStatus.New).Take(PagingExtensions.CountLimit + 1).CountAsync(cancellationToken);
        if (status is { } wanted)
        {
            reports = reports.Where(r => r.Status == wanted);
            counted = counted.Where(r => r.Status == wanted);
        }

        // The items alone are counted and paged, in the order of their (status, date) index; only the page's
        // items are joined to their visits, managers, stores and handlers. A fixed page size: the items' forms
        // bring the user back to their page by its number alone.
        var paged = await reports.ToBoundedPagedListAsync(
            r => r.OrderBy(x => x.Status).ThenByDescending(x => x.VisitedAt).ThenByDescending(x => x.Id).Select(x => x.Id),
            ids => from r in db.VisitReports.AsNoTracking().Where(r => ids.Contains(r.Id))
                   join v in db.Visits on r.VisitId equals v.Id
                   join m in db.AccountManagers on v.AccountManagerId equals m.Id
                   join c in db.Customers on v.CustomerId equals c.Id
                   join u in db.Users on r.HandledBy equals u.UserName into handlers
                   from u in handlers.DefaultIfEmpty()
                   select new InboxItem(r.Id, r.Kind, r.Message, r.Status, r.Reply, r.HandledBy, u == null ? null : u.DisplayName, r.HandledUtc, r.Version, v.Id, v.VisitedAt, m.Name, c.StoreName, c.Address),
            i => i.Id,
            page,
            PageSize,
            cancellationToken,
            countUpTo: (limit, ct) => counted.Take(limit).CountAsync(ct));
        return new InboxModel(seat, kinds, status, unhandled, paged with { PageSizeChoosable = false });
    }

    private async Task<IActionResult> HandleAsync(int id, InboxActionForm form, Action<VisitReport, PanelRole> act, string done, CancellationToken cancellationToken)
    {
        var seat = User.PanelRoleOf()!.Value;
        var kinds = KindsFor(seat);
        var report = await db.VisitReports.Where(r => r.Id == id && EF.Constant(kinds).Contains(r.Kind)).OfPanelDepartments(db, User.UserIdOf()!, seat)
            .SingleOrDefaultAsync(cancellationToken);
        if (report is null)
        {
            return NotFound();
        }

        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            // The typed reply comes back in the item's form, beside the message.
            return View(nameof(Index), await ModelAsync(form.Status, form.Page, cancellationToken) with { PostedId = id, PostedReply = form.Reply });
        }

        // The version the page showed: someone who handled the item since (or at this very moment) is not
        // overwritten, and the user is told who, with the reply they typed, which was not saved.
        try
        {
            if (report.Version == form.Version)
            {
                act(report, seat);

                // The manager who passed the item on is told, once, that its recipient took it (saved with the change).
                await notifier.ItemAcknowledgedAsync(report, cancellationToken);
                if (await db.SaveSeenAsync(report, form.Version, ModelState, l, cancellationToken) is null)
                {
                    TempData.Flash(l[report.IsCase && report.Status == ReportStatus.InHand ? "Inbox.TakenInHand" : done]);
                    return RedirectToAction(nameof(Index), new { status = form.Status, page = form.Page > 1 ? form.Page : null });
                }
            }

            var handledBy = await db.VisitReports.AsNoTracking().Where(r => r.Id == id).Select(r => r.HandledBy).SingleOrDefaultAsync(cancellationToken);
            var name = await db.Users.AsNoTracking().Where(u => u.UserName == handledBy).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? handledBy ?? "?";
            TempData.Warn(string.IsNullOrWhiteSpace(form.Reply) ? l["Inbox.ChangedMeanwhile", name] : l["Inbox.ChangedMeanwhileReply", name, form.Reply.Trim()]);
        }
        catch (DomainException e)
        {
            TempData.Warn(l.Message(e));
        }

        return RedirectToAction(nameof(Index), new { status = form.Status, page = form.Page > 1 ? form.Page : null });
    }
}
