using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Assignments;

public sealed record SelectedCustomer(int Id, string LicenceNumber, string StoreName, string? CurrentManager, int Version);

public sealed record AssignmentPageModel(string Mode, AssignmentForm Form, IReadOnlyList<SelectedCustomer> Customers, int CustomerCount, string? FromManagerName, ManagerPicker Manager)
{
    public AssignmentFieldsModel Fields => new(Manager, Form.EffectiveDate, Form.Reason);
}

/// <summary>
/// Assigning customers to account managers: one customer, a selection from the list, or all customers of
/// one manager. History is kept by the domain (<see cref="RetailCustomer.AssignTo"/>); every change is audited.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AssignmentsController(
    AppDbContext db,
    IValidator<AssignmentForm> validator,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock,
    ILogger<AssignmentsController> logger) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Reassign(int customerId, CancellationToken cancellationToken) =>
        await PageAsync(nameof(Reassign), new AssignmentForm { CustomerId = customerId, CustomerIds = [customerId] }, cancellationToken);

    [HttpPost]
    [ActionName(nameof(Reassign))]
    public Task<IActionResult> ReassignPost(AssignmentForm form, CancellationToken cancellationToken)
    {
        form.CustomerIds = form.CustomerId is { } id ? [id] : [];
        form.FromManagerId = null;
        return ApplyAsync(nameof(Reassign), form, cancellationToken);
    }

    /// <summary>The customers ticked on the list, to review before choosing the new manager.</summary>
    [HttpGet]
    public async Task<IActionResult> Bulk([FromQuery(Name = "ids")] List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            // "Reassign selected" with nothing ticked: back to the list the user came from, with what to do.
            TempData.Warn(l["Assignment.NothingSelected"]);
            var referer = Request.Headers.Referer.ToString();
            return Uri.TryCreate(referer, UriKind.Absolute, out var from) && from.Authority == Request.Host.Value
                ? LocalRedirect(from.PathAndQuery)
                : RedirectToAction("Index", "Customers");
        }

        return await PageAsync(nameof(Bulk), new AssignmentForm { CustomerIds = ids }, cancellationToken);
    }

    [HttpPost]
    [ActionName(nameof(Bulk))]
    public Task<IActionResult> BulkPost(AssignmentForm form, CancellationToken cancellationToken)
    {
        form.CustomerId = null;
        form.FromManagerId = null;
        return ApplyAsync(nameof(Bulk), form, cancellationToken);
    }

    /// <summary>Every current customer of one manager moves to another (e.g. before the first leaves).</summary>
    [HttpGet]
    public async Task<IActionResult> All(int fromManagerId, CancellationToken cancellationToken) =>
        await PageAsync(nameof(All), new AssignmentForm { FromManagerId = fromManagerId }, cancellationToken);

    [HttpPost]
    [ActionName(nameof(All))]
    public Task<IActionResult> AllPost(AssignmentForm form, CancellationToken cancellationToken)
    {
        form.CustomerId = null;
        form.CustomerIds = [];
        return ApplyAsync(nameof(All), form, cancellationToken);
    }

    /// <summary>
    /// Applies the order in one transaction. It locks the new manager first, so that a deactivation at the same
    /// moment cannot leave customers with an inactive manager; two administrators moving the same customer at
    /// once cannot both succeed (the customer's version and the one-current-assignment index decide), and the
    /// one who loses is told.
    /// </summary>
    private async Task<IActionResult> ApplyAsync(string view, AssignmentForm form, CancellationToken cancellationToken)
    {
        form.ToManagerId ??= await db.ManagerIdFromTextAsync(form.ToManager, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (form.ToManagerId is { } target)
        {
            await db.AccountManagers.Where(m => m.Id == target).LockForUpdateAsync(cancellationToken);
        }

        var customers = await Selected(form).Include(c => c.Assignments).ToListAsync(cancellationToken);
        if (customers.Count == 0 || (form.FromManagerId is null && customers.Count != form.CustomerIds.Distinct().Count()))
        {
            return NotFound();
        }

        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return await PageAsync(view, form, cancellationToken);
        }

        if (form.CustomerId is not null && form.Version is { } seen && customers[0].Version != seen)
        {
            // The customer was reassigned (or edited) since this page was shown.
            ModelState.AddModelError(string.Empty, l["Assignment.ChangedMeanwhile"]);
            db.ChangeTracker.Clear();
            form.Version = null; // the page shows the customer as it is now
            return await PageAsync(view, form, cancellationToken);
        }

        var moved = 0;
        var tooEarly = new List<string>();
        foreach (var customer in customers.Where(c => c.CurrentManagerId != form.ToManagerId))
        {
            try
            {
                customer.AssignTo(form.ToManagerId!.Value, form.EffectiveDate!.Value, form.Reason, User.Identity?.Name);
                moved++;
            }
            catch (DomainException e) when (e.Code == ErrorCodes.Assignment.BeforeCurrent)
            {
                tooEarly.Add(customer.LicenceNumber);
            }
        }

        if (tooEarly.Count > 0)
        {
            ModelState.AddModelError(nameof(form.EffectiveDate), l["Assignment.BeforeCurrentFor", string.Join(", ", tooEarly.Take(10)) + (tooEarly.Count > 10 ? "…" : string.Empty)]);
            db.ChangeTracker.Clear();
            return await PageAsync(view, form, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (!Retries.DatabaseUnavailable(e))
        {
            // Another administrator moved one of these customers at the same moment: nothing of this order is saved.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, l["Assignment.ChangedMeanwhile"]);
            return await PageAsync(view, form, cancellationToken);
        }

        logger.LogInformation("{Count} customers assigned to manager {ManagerId}", moved, form.ToManagerId);
        var skipped = customers.Count - moved;
        TempData.Flash(skipped == 0
            ? l.Count("Assignment.Done", moved)
            : $"{l.Count("Assignment.Done", moved)} {l.Count("Assignment.Skipped", skipped)}");

        if (Url.IsLocalUrl(form.ReturnUrl))
        {
            return LocalRedirect(form.ReturnUrl);
        }

        return form.CustomerId is { } one
            ? RedirectToAction("Details", "Customers", new { id = one })
            : RedirectToAction("Index", "Customers", new { managerId = form.ToManagerId });
    }

    private IQueryable<RetailCustomer> Selected(AssignmentForm form)
    {
        if (form.FromManagerId is { } from)
        {
            return db.Customers.Where(c => c.CurrentManagerId == from);
        }

        var ids = form.CustomerIds.Distinct().Take(AssignmentForm.MaxSelected + 1).ToList();
        return db.Customers.Where(c => ids.Contains(c.Id));
    }

    private async Task<IActionResult> PageAsync(string view, AssignmentForm form, CancellationToken cancellationToken)
    {
        form.EffectiveDate ??= DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        string? fromName = null;
        if (form.FromManagerId is { } from)
        {
            fromName = await db.AccountManagers.AsNoTracking().Where(m => m.Id == from).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken);
            if (fromName is null)
            {
                return NotFound();
            }
        }

        var selected = Selected(form).AsNoTracking();
        var count = await selected.CountAsync(cancellationToken);
        if (form.FromManagerId is null && (count == 0 || count != form.CustomerIds.Distinct().Count()))
        {
            return NotFound();
        }

        var shown = await selected.OrderBy(c => c.StoreNameSortKey).Take(50)
            .Select(c => new SelectedCustomer(c.Id, c.LicenceNumber, c.StoreName, db.AccountManagers.Where(m => m.Id == c.CurrentManagerId).Select(m => m.Name).FirstOrDefault(), c.Version))
            .ToListAsync(cancellationToken);
        if (form.CustomerId is not null)
        {
            form.Version ??= shown.FirstOrDefault()?.Version;
        }

        // The manager the customers already have is not offered as their new one.
        var current = form.FromManagerId ?? await selected.Select(c => c.CurrentManagerId).Distinct().Take(2).ToListAsync(cancellationToken) switch
        {
            [var only] => only,
            _ => null,
        };
        var manager = await db.AssignmentPickerAsync(l, form.ToManagerId, form.ToManager, current, cancellationToken);
        return View("Assign", new AssignmentPageModel(view, form, shown, count, fromName, manager));
    }
}
