using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Inbox;

public sealed record InboxItem(
    int Id, ReportKind Kind, string Message, ReportStatus Status, string? Reply, string? HandledBy, DateTime? HandledUtc,
    int VisitId, DateTime VisitedAt, string ManagerName, string StoreName, string Address);

public sealed record InboxModel(PanelRole Seat, IReadOnlyList<ReportKind> Kinds, ReportStatus? Status, int Unhandled, PagedList<InboxItem> Page);

/// <summary>
/// What visits pass on, for the panel seat that receives it: information for logistics and for the call
/// centre, violations and unlicensed retail for the monopoly leader. Recipients acknowledge (with a reply);
/// the monopoly leader closes cases once dealt with.
/// </summary>
[Authorize(Policy = Policies.PanelMember)]
public sealed class InboxController(AppDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock) : Controller
{
    public static IReadOnlyList<ReportKind> KindsFor(PanelRole seat) =>
        Enum.GetValues<ReportKind>().Where(k => VisitReport.RecipientOf(k) == seat).ToList();

    [HttpGet]
    public async Task<IActionResult> Index(ReportStatus? status, int? page, CancellationToken cancellationToken)
    {
        var seat = User.PanelRoleOf()!.Value;
        var kinds = KindsFor(seat);
        var reports = db.VisitReports.AsNoTracking().Where(r => kinds.Contains(r.Kind));
        var unhandled = await reports.CountAsync(r => r.Status == ReportStatus.New, cancellationToken);
        if (status is { } wanted)
        {
            reports = reports.Where(r => r.Status == wanted);
        }

        var items = from r in reports
                    join v in db.Visits on r.VisitId equals v.Id
                    join m in db.AccountManagers on v.AccountManagerId equals m.Id
                    join c in db.Customers on v.CustomerId equals c.Id
                    orderby r.Status, v.VisitedAt descending
                    select new InboxItem(r.Id, r.Kind, r.Message, r.Status, r.Reply, r.HandledBy, r.HandledUtc, v.Id, v.VisitedAt, m.Name, c.StoreName, c.Address);
        return View(new InboxModel(seat, kinds, status, unhandled, await items.ToPagedListAsync(page, 25, cancellationToken)));
    }

    [HttpPost]
    public Task<IActionResult> Acknowledge(int id, string? reply, CancellationToken cancellationToken) =>
        HandleAsync(id, (report, seat) => report.Acknowledge(seat, User.Identity!.Name!, reply, clock.GetUtcNow().UtcDateTime), "Inbox.Acknowledged", cancellationToken);

    [HttpPost]
    public Task<IActionResult> Close(int id, string? reply, CancellationToken cancellationToken) =>
        HandleAsync(id, (report, seat) => report.Close(seat, User.Identity!.Name!, reply, clock.GetUtcNow().UtcDateTime), "Inbox.Closed", cancellationToken);

    private async Task<IActionResult> HandleAsync(int id, Action<VisitReport, PanelRole> act, string done, CancellationToken cancellationToken)
    {
        var seat = User.PanelRoleOf()!.Value;
        var kinds = KindsFor(seat);
        var report = await db.VisitReports.SingleOrDefaultAsync(r => r.Id == id && kinds.Contains(r.Kind), cancellationToken);
        if (report is null)
        {
            return NotFound();
        }

        try
        {
            act(report, seat);
            await db.SaveChangesAsync(cancellationToken);
            TempData.Flash(l[done]);
        }
        catch (DomainException e)
        {
            TempData.Flash(l[e.Code]);
        }

        return RedirectToAction(nameof(Index));
    }
}
