using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Common;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Features.Assignments;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.AccountManagers;

/// <summary>Account managers: administrators manage them, the panel reads them.</summary>
[Authorize(Policy = Policies.Readers)]
public sealed class AccountManagersController(
    AppDbContext db,
    UserManager<AppUser> users,
    IValidator<AccountManagerForm> validator,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] AccountManagerListFilter filter, [FromServices] AccountManagerListQuery query, CancellationToken cancellationToken) =>
        View(await query.RunAsync(filter, User, cancellationToken));

    /// <summary>The current filtered list (all pages) as CSV or XLSX, with column names in the user's language.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] AccountManagerListFilter filter, ExportFormat format, [FromServices] AccountManagerListQuery query, CancellationToken cancellationToken)
    {
        string[] headers =
        [
            l["AccountManager.EmployeeNumber"], l["AccountManager.Name"], l["AccountManager.District"], l["Export.UnitCode"], l["UnitKind.Department"], l["AccountManager.Phone"],
            l["AccountManager.Status"], l["AccountManager.Customers"], l["AccountManager.CurrentTier"], l["Result.FinalScore"], l["AccountManager.Login"],
        ];
        return await TableExport.FileAsync(
            db,
            headers,
            await query.RowsAsync(filter, User, cancellationToken),
            m => [m.EmployeeNumber, m.Name, m.District, m.UnitCode, m.DepartmentShown, m.Phone, m.IsActive ? l["AccountManager.Active"].Value : l["AccountManager.Inactive"].Value,
                  m.Customers, m.Tier is { } tier ? l[$"Tier.{tier}"].Value : l["Tier.NotRated"].Value, m.FinalScore, m.UserName],
            format,
            $"{l["Export.ManagersFile"]}-{clock.GetLocalNow():yyyyMMdd}",
            cancellationToken);
    }

    /// <summary>Suggestions for the manager boxes of filters and pickers, as one types: employee number and label.</summary>
    [HttpGet]
    public async Task<IActionResult> Lookup(string? q, int? except, bool withoutLogin, CancellationToken cancellationToken) =>
        Json((await db.ManagerSuggestionsAsync(q, 20, cancellationToken, except, withoutLogin, db.AccountManagers.VisibleTo(User))).Select(m => new { value = m.EmployeeNumber, label = $"{m.Name} · {m.District}" }));

    [HttpGet]
    public async Task<IActionResult> Details(int id, int? cycleId, DateOnly? from, DateOnly? to, [FromServices] AccountManagerDetailsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.AccountManagers.VisibleTo(User).AnyAsync(m => m.Id == id, cancellationToken))
        {
            return NotFound();
        }

        var period = await query.PeriodAsync(cycleId, from, to, cancellationToken);
        return await query.RunAsync(id, period, cancellationToken) is { } model ? View(model) : NotFound();
    }

    [HttpGet]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Edit", await WithDistrictsAsync(new AccountManagerForm(), cancellationToken));

    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Create(AccountManagerForm form, CancellationToken cancellationToken)
    {
        form.Id = null;
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View("Edit", await WithDistrictsAsync(form, cancellationToken));
        }

        var manager = new AccountManager(form.EmployeeNumber!, form.Name!, form.Phone, await db.OrgUnits.SingleAsync(u => u.Name == form.District, cancellationToken));
        db.AccountManagers.Add(manager);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l["AccountManager.Created", manager.Name]);
        return RedirectToAction(nameof(Details), new { id = manager.Id });
    }

    [HttpGet]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var manager = await db.AccountManagers.AsNoTracking().Include(m => m.District).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        return manager is null
            ? NotFound()
            : View(await WithDistrictsAsync(
                new AccountManagerForm { Id = manager.Id, Version = manager.Version, EmployeeNumber = manager.EmployeeNumber, Name = manager.Name, Phone = manager.Phone, District = manager.District.Name },
                cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, AccountManagerForm form, CancellationToken cancellationToken)
    {
        var manager = await db.AccountManagers.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (manager is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.EmployeeNumber = manager.EmployeeNumber;
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(await WithDistrictsAsync(form, cancellationToken));
        }

        manager.UpdateProfile(form.Name!, form.Phone, await db.OrgUnits.SingleAsync(u => u.Name == form.District, cancellationToken));
        if (await db.SaveSeenAsync(manager, form.Version, ModelState, l, cancellationToken) is { } current)
        {
            form.Version = current;
            return View(await WithDistrictsAsync(form, cancellationToken));
        }

        TempData.Flash(l["AccountManager.Saved", manager.Name]);
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>Deactivation first asks for the manager's customers to be reassigned.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Deactivate(int id, CancellationToken cancellationToken)
    {
        var model = await DeactivationModelAsync(id, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>
    /// Deactivates the manager and their login together, in one transaction that first locks the manager: a
    /// customer assigned to them at the same moment (assignments lock the manager too) either stops this, or
    /// waits for it and then finds the manager inactive.
    /// </summary>
    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    [ActionName(nameof(Deactivate))]
    public async Task<IActionResult> DeactivateConfirmed(int id, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.AccountManagers.Where(m => m.Id == id).LockForUpdateAsync(cancellationToken) == 0)
        {
            return NotFound();
        }

        var manager = await db.AccountManagers.SingleAsync(m => m.Id == id, cancellationToken);
        try
        {
            manager.Deactivate(await db.Customers.CountAsync(c => c.CurrentManagerId == id, cancellationToken));
        }
        catch (DomainException e)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, l.Message(e));
            return View(nameof(Deactivate), await DeactivationModelAsync(id, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);

        // A manager who left cannot sign in any more; the session they may have ends at the next check.
        if (await users.Users.SingleOrDefaultAsync(u => u.AccountManagerId == id, cancellationToken) is { IsActive: true } user)
        {
            user.IsActive = false;
            var updated = await users.UpdateSecurityStampAsync(user);
            if (!updated.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                ModelState.AddModelError(string.Empty, l.Message(ErrorCodes.General.ChangedMeanwhile, []));
                return View(nameof(Deactivate), await DeactivationModelAsync(id, cancellationToken));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        TempData.Flash(l["AccountManager.Deactivated", manager.Name]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Activate(int id, CancellationToken cancellationToken)
    {
        var manager = await db.AccountManagers.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (manager is null)
        {
            return NotFound();
        }

        manager.Activate();
        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l["AccountManager.Activated", manager.Name]);
        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task<AccountManagerForm> WithDistrictsAsync(AccountManagerForm form, CancellationToken cancellationToken)
    {
        form.Districts = await db.DistrictsAsync(cancellationToken);
        return form;
    }

    private async Task<DeactivationModel?> DeactivationModelAsync(int id, CancellationToken cancellationToken)
    {
        var manager = await db.AccountManagers.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (manager is null)
        {
            return null;
        }

        var customers = await db.Customers.CountAsync(c => c.CurrentManagerId == id, cancellationToken);
        var successor = await db.AssignmentPickerAsync(l, null, null, except: id, cancellationToken);
        return new DeactivationModel(manager.Id, manager.Name, manager.EmployeeNumber, manager.IsActive, customers, successor, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
    }
}

public sealed record DeactivationModel(int Id, string Name, string EmployeeNumber, bool IsActive, int Customers, ManagerPicker Successor, DateOnly Today);
