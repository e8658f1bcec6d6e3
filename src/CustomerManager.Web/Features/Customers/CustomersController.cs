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

namespace CustomerManager.Web.Features.Customers;

/// <summary>
/// Retail customers (零售户). Everyone reads them within their <see cref="DataScope"/> (an account manager
/// only their own); administrators create and edit them.
/// </summary>
[Authorize(Policy = Policies.AnyRole)]
public sealed class CustomersController(
    AppDbContext db,
    IValidator<CustomerForm> validator,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] CustomerListFilter filter, [FromServices] CustomerListQuery query, CancellationToken cancellationToken) =>
        View(await query.RunAsync(filter, User, cancellationToken));

    /// <summary>The current filtered list (all pages) as CSV or XLSX, with column names in the user's language.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] CustomerListFilter filter, ExportFormat format, [FromServices] CustomerListQuery query, CancellationToken cancellationToken)
    {
        string[] headers =
        [
            l["Customer.LicenceNumber"], l["Customer.StoreName"], l["Customer.Owner"], l["Customer.Phone"], l["Customer.Address"],
            l["Customer.BusinessType"], l["Customer.Status"], l["Export.ManagerEmployeeNumber"], l["Export.ManagerName"], l["AccountManager.District"],
            l["RoutePlan.Frequency"], l["RoutePlan.RouteDay"], l["RoutePlan.RouteWeek"], l["RoutePlan.Sequence"], l["Import.Column.CollectionPoint"],
        ];
        return await TableExport.FileAsync(
            db,
            headers,
            query.Rows(filter, User),
            c => [c.LicenceNumber, c.StoreName, c.Owner, c.Phone, c.Address, l[$"BusinessType.{c.BusinessType}"].Value, l[$"CustomerStatus.{c.Status}"].Value, c.ManagerEmployeeNumber, c.ManagerName, c.District,
                  c.Frequency is { } f ? l[$"VisitFrequency.{f}"].Value : null, c.RouteDay is { } d ? System.Globalization.CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(d) : null,
                  c.RouteDay is null ? null : c.RouteWeek, c.RouteSequence, l[c.IsCollectionPoint ? "Common.Yes" : "Common.No"].Value],
            format,
            $"{l["Export.CustomersFile"]}-{clock.GetLocalNow():yyyyMMdd}",
            cancellationToken);
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, [FromServices] CustomerDetailsQuery query, CancellationToken cancellationToken) =>
        await query.RunAsync(id, User, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpGet]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Edit", await WithManagersAsync(new CustomerForm { AssignedFrom = Today }, cancellationToken));

    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Create(CustomerForm form, CancellationToken cancellationToken)
    {
        form.Id = null;
        form.ManagerId ??= await db.ManagerIdFromTextAsync(form.Manager, cancellationToken);
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View("Edit", await WithManagersAsync(form, cancellationToken));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var customer = new RetailCustomer(form.LicenceNumber!, form.StoreName!, form.Owner!, form.Phone, form.Address!, form.BusinessType!.Value);
        customer.Update(customer.StoreName, customer.Owner, customer.Phone, customer.Address, customer.BusinessType, form.Status!.Value);
        customer.MarkCollectionPoint(form.IsCollectionPoint);
        if (form.ManagerId is { } managerId)
        {
            // The first manager stays active until this commits (deactivation takes the same lock).
            await db.AccountManagers.Where(m => m.Id == managerId).LockForUpdateAsync(cancellationToken);
            if (!await db.AccountManagers.AnyAsync(m => m.Id == managerId && m.IsActive, cancellationToken))
            {
                ModelState.AddModelError(nameof(CustomerForm.ManagerId), l["Assignment.ManagerInactive"]);
                return View("Edit", await WithManagersAsync(form, cancellationToken));
            }

            customer.AssignTo(managerId, form.AssignedFrom!.Value, l["Assignment.NewCustomer"], User.Identity?.Name);
        }

        db.Customers.Add(customer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (!Retries.DatabaseUnavailable(e))
        {
            // The same licence number was registered by someone else at the same moment (unique index).
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(CustomerForm.LicenceNumber), l["Customer.LicenceNumberTaken"]);
            return View("Edit", await WithManagersAsync(form, cancellationToken));
        }

        TempData.Flash(l["Customer.Created", customer.StoreName]);
        return RedirectToAction(nameof(Details), new { id = customer.Id });
    }

    [HttpGet]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var c = await db.Customers.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        return c is null
            ? NotFound()
            : View(new CustomerForm
            {
                Id = c.Id,
                Version = c.Version,
                LicenceNumber = c.LicenceNumber,
                StoreName = c.StoreName,
                Owner = c.Owner,
                Phone = c.Phone,
                Address = c.Address,
                BusinessType = c.BusinessType,
                Status = c.Status,
                IsCollectionPoint = c.IsCollectionPoint,
            });
    }

    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, CustomerForm form, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.LicenceNumber = customer.LicenceNumber;
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(form);
        }

        customer.Update(form.StoreName!, form.Owner!, form.Phone, form.Address!, form.BusinessType!.Value, form.Status!.Value);
        customer.MarkCollectionPoint(form.IsCollectionPoint);
        if (await db.SaveSeenAsync(customer, form.Version, ModelState, l, cancellationToken) is { } current)
        {
            form.Version = current;
            return View(form);
        }

        TempData.Flash(l["Customer.Saved", customer.StoreName]);
        return RedirectToAction(nameof(Details), new { id });
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    private async Task<CustomerForm> WithManagersAsync(CustomerForm form, CancellationToken cancellationToken)
    {
        form.Picker = await db.ManagerPickerAsync(
            db.AccountManagers.Where(m => m.IsActive), nameof(CustomerForm.ManagerId), nameof(CustomerForm.Manager), l["Customer.NoManagerYet"], form.ManagerId, form.Manager, null, cancellationToken);
        return form;
    }
}
