using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Features.Visits;

/// <summary>
/// Market visits (拜访记录). Account managers log, correct and delete their own (within the rules of
/// <see cref="VisitChangeRules"/>); administrators and the panel read all of them.
/// </summary>
[Authorize(Policy = Policies.AnyRole)]
public sealed class VisitsController(
    AppDbContext db,
    IValidator<VisitForm> validator,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock,
    IOptions<VisitOptions> options) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] VisitListFilter filter, [FromServices] VisitListQuery query, CancellationToken cancellationToken) =>
        View(await query.RunAsync(filter, User, cancellationToken));

    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] VisitListFilter filter, ExportFormat format, [FromServices] VisitListQuery query, CancellationToken cancellationToken)
    {
        string[] headers =
        [
            l["Visit.When"], l["Visit.Kind"], l["Export.ManagerEmployeeNumber"], l["Visit.Manager"], l["AccountManager.District"],
            l["Customer.LicenceNumber"], l["Customer.StoreName"], l["Visit.Volume"], l["Visit.MarketInformation"], l["Visit.Complaint"],
            l["Visit.Violation"], l["Visit.Unlicensed"], l["Visit.Shared"],
        ];
        string Flag(bool value) => value ? l["Common.Yes"] : string.Empty;
        return await TableExport.FileAsync(
            headers,
            query.Rows(filter, User),
            v => [v.VisitedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), l[$"VisitKind.{v.Kind}"].Value, v.ManagerEmployeeNumber, v.ManagerName,
                  v.District, v.LicenceNumber, v.StoreName, v.VolumeCartons, v.MarketInformation, Flag(v.HasComplaint), Flag(v.HasViolation), Flag(v.HasUnlicensed), Flag(v.HasShared)],
            format,
            $"{l["Export.VisitsFile"]}-{clock.GetLocalNow():yyyyMMdd}",
            cancellationToken);
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var visit = await db.Visits.AsNoTracking().Include(v => v.Reports).VisibleTo(User).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
        {
            return NotFound();
        }

        var manager = await db.AccountManagers.AsNoTracking().Where(m => m.Id == visit.AccountManagerId).Select(m => m.Name).SingleAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == visit.CustomerId).Select(c => new { c.StoreName, c.LicenceNumber }).SingleAsync(cancellationToken);
        var reports = visit.Reports.OrderBy(r => r.Kind)
            .Select(r => new VisitReportView(r.Id, r.Kind, r.Message, r.Status, r.HandledBy, r.HandledUtc, r.Reply)).ToList();
        var reason = User.AccountManagerIdOf() is { } me ? await CannotChangeAsync(visit, me, cancellationToken) : "Visit.NotAuthor";
        return View(new VisitDetailsModel(visit.Id, visit.VisitedAt, visit.Kind, visit.AccountManagerId, manager, visit.CustomerId, customer.StoreName, customer.LicenceNumber, visit, reports, reason));
    }

    [HttpGet]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> Create(int? customerId, CancellationToken cancellationToken) =>
        View("Edit", await WithOptionsAsync(new VisitForm { CustomerId = customerId, VisitedAt = Now() }, cancellationToken));

    [HttpPost]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> Create(VisitForm form, CancellationToken cancellationToken)
    {
        form.Id = null;
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View("Edit", await WithOptionsAsync(form, cancellationToken));
        }

        var customer = await OwnCustomerAsync(form.CustomerId!.Value, cancellationToken);
        if (customer is null)
        {
            ModelState.AddModelError(nameof(VisitForm.CustomerId), l["Visit.NotAssigned"]);
            return View("Edit", await WithOptionsAsync(form, cancellationToken));
        }

        try
        {
            var visit = Visit.Log(Me, customer, form.VisitedAt!.Value, Now(), form.Kind!.Value, WithDataChange(form, customer));
            db.Visits.Add(visit);
            await db.SaveChangesAsync(cancellationToken);
            TempData.Flash(l["Visit.Logged", customer.StoreName]);
            return RedirectToAction(nameof(Details), new { id = visit.Id });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l[e.Code]);
            return View("Edit", await WithOptionsAsync(form, cancellationToken));
        }
    }

    [HttpGet]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var visit = await db.Visits.AsNoTracking().VisibleTo(User).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
        {
            return NotFound();
        }

        if (await CannotChangeAsync(visit, Me, cancellationToken) is { } reason)
        {
            TempData.Flash(l[reason]);
            return RedirectToAction(nameof(Details), new { id });
        }

        return View(await WithOptionsAsync(VisitForm.From(visit), cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> Edit(int id, VisitForm form, CancellationToken cancellationToken)
    {
        var visit = await db.Visits.Include(v => v.Reports).VisibleTo(User).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.CustomerId = visit.CustomerId;
        if (await CannotChangeAsync(visit, Me, cancellationToken) is { } reason)
        {
            ModelState.AddModelError(string.Empty, l[reason]);
            return View(await WithOptionsAsync(form, cancellationToken));
        }

        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(await WithOptionsAsync(form, cancellationToken));
        }

        var customer = await db.Customers.Include(c => c.Assignments).SingleAsync(c => c.Id == visit.CustomerId, cancellationToken);
        try
        {
            visit.Revise(customer, form.VisitedAt!.Value, Now(), form.Kind!.Value, WithDataChange(form, customer));
            await db.SaveChangesAsync(cancellationToken);
            TempData.Flash(l["Visit.Saved"]);
            return RedirectToAction(nameof(Details), new { id });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l[e.Code]);
            return View(await WithOptionsAsync(form, cancellationToken));
        }
    }

    [HttpPost]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var visit = await db.Visits.Include(v => v.Reports).VisibleTo(User).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
        {
            return NotFound();
        }

        var reason = await CannotChangeAsync(visit, Me, cancellationToken)
            ?? (visit.Reports.Any(r => r.Status != ReportStatus.New) ? "Report.AlreadyAcknowledged" : null);
        if (reason is not null)
        {
            TempData.Flash(l[reason]);
            return RedirectToAction(nameof(Details), new { id });
        }

        db.Visits.Remove(visit);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l["Visit.Deleted"]);
        return RedirectToAction(nameof(Index));
    }

    private int Me => User.AccountManagerIdOf()!.Value;

    private DateTime Now() => clock.GetLocalNow().DateTime;

    /// <summary>Null when the author may still change the visit; otherwise why not.</summary>
    private async Task<string?> CannotChangeAsync(Visit visit, int managerId, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(visit.VisitedAt);
        var closed = await db.Cycles.AnyAsync(c => (c.Status == CycleStatus.Closed || c.Status == CycleStatus.Published) && c.PeriodStart <= day && c.PeriodEnd >= day, cancellationToken);
        return VisitChangeRules.Check(visit, managerId, clock.GetUtcNow().UtcDateTime, options.Value.EditWindowDays, closed);
    }

    private Task<RetailCustomer?> OwnCustomerAsync(int customerId, CancellationToken cancellationToken) =>
        db.Customers.Include(c => c.Assignments).Where(c => c.Id == customerId && c.Assignments.Any(a => a.AccountManagerId == Me)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>A new phone or address goes into the customer's record (audited) and is noted on the visit.</summary>
    private VisitContent WithDataChange(VisitForm form, RetailCustomer customer)
    {
        var notes = new List<string>();
        if (!string.IsNullOrWhiteSpace(form.NewPhone) && form.NewPhone.Trim() != customer.Phone)
        {
            notes.Add(l["Visit.PhoneChangedTo", form.NewPhone.Trim()]);
            customer.Update(customer.StoreName, customer.Owner, form.NewPhone, customer.Address, customer.BusinessType, customer.Status);
        }

        if (!string.IsNullOrWhiteSpace(form.NewAddress) && form.NewAddress.Trim() != customer.Address)
        {
            notes.Add(l["Visit.AddressChangedTo", form.NewAddress.Trim()]);
            customer.Update(customer.StoreName, customer.Owner, customer.Phone, form.NewAddress, customer.BusinessType, customer.Status);
        }

        var content = form.ToContent();
        return notes.Count == 0 ? content : content with { DataChange = string.Join("; ", new[] { form.DataChange?.Trim() }.Where(s => !string.IsNullOrEmpty(s)).Concat(notes)) };
    }

    private async Task<VisitForm> WithOptionsAsync(VisitForm form, CancellationToken cancellationToken)
    {
        var me = User.AccountManagerIdOf() ?? -1;
        form.Customers = await db.Customers.AsNoTracking()
            .Where(c => c.CurrentManagerId == me && c.Status != CustomerStatus.Closed || c.Id == form.CustomerId && c.Assignments.Any(a => a.AccountManagerId == me))
            .OrderBy(c => c.StoreName)
            .Select(c => new CustomerOption(c.Id, c.StoreName, c.LicenceNumber))
            .ToListAsync(cancellationToken);
        form.BrandOptions = await db.Brands.AsNoTracking().Where(b => b.IsActive).OrderBy(b => b.SortOrder).Select(b => b.Name).ToListAsync(cancellationToken);
        return form;
    }
}
