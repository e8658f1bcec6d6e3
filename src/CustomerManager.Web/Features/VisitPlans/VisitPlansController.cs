using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.VisitPlans;

/// <summary>
/// Visit plans and routes (线路拜访): each customer's frequency, route day and week, kept by its manager or an
/// administrator, one at a time or for a selection; each business type's default frequency (administrators); and plan
/// compliance per manager for any period. The panel and supervisors read the plans of the managers they see.
/// </summary>
[Authorize(Policy = Policies.AnyRole)]
public sealed class VisitPlansController(AppDbContext db, IStringLocalizer<SharedResource> l) : Controller
{
    private const string PlanEditors = AppRoles.Administrator + "," + AppRoles.AccountManager;

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] RoutePlanFilter filter, [FromServices] RoutePlanListQuery query, CancellationToken cancellationToken)
    {
        var managerId = User.SeesManyManagers() ? filter.ManagerId ?? await db.ManagerIdFromTextAsync(filter.Manager, cancellationToken) : User.AccountManagerIdOf();
        filter.ManagerId = managerId;
        var model = await query.RunAsync(filter, User, managerId, cancellationToken);
        if (User.SeesManyManagers())
        {
            model = model with
            {
                Picker = await db.ManagerPickerAsync(
                    db.AccountManagers.VisibleTo(User).Where(m => m.IsActive), "managerId", "manager", l["RoutePlan.ChooseManager"], managerId, filter.Manager, null, cancellationToken),
            };
        }

        return View(model);
    }

    [HttpPost]
    [Authorize(Roles = PlanEditors)]
    public async Task<IActionResult> Bulk(RoutePlanBulkForm form, CancellationToken cancellationToken)
    {
        var back = Url.Action(nameof(Index)) + (form.ReturnQuery is { } q && q.StartsWith('?') ? q : string.Empty);
        if (form.Ids.Count == 0)
        {
            TempData.Warn(l["RoutePlan.NothingSelected"]);
            return Redirect(back);
        }

        if (!form.TryRead(out var frequency, out var day, out var week))
        {
            TempData.Warn(l["RoutePlan.NothingChosen"]);
            return Redirect(back);
        }

        var point = form.ReadCollectionPoint();
        if (point.Set && !User.IsInRole(AppRoles.Administrator))
        {
            // Administrators choose the collection points; the managers see theirs.
            return Forbid();
        }

        var ids = form.Ids.Distinct().ToList();
        var customers = await Editable(db.Customers).Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        if (customers.Count != ids.Count)
        {
            return NotFound();
        }

        foreach (var c in customers)
        {
            c.Plan(frequency.Set ? frequency.Value : c.Frequency, day.Set ? day.Value : c.RouteDay, week.Set ? week.Value : c.RouteWeek, c.RouteSequence);
            if (point.Set)
            {
                c.MarkCollectionPoint(point.Value);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l.Count("RoutePlan.BulkSaved", customers.Count));
        return Redirect(back);
    }

    [HttpGet]
    [Authorize(Roles = PlanEditors)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var customer = await Editable(db.Customers.AsNoTracking()).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return NotFound();
        }

        var form = new RoutePlanForm
        {
            Id = customer.Id,
            Version = customer.Version,
            Frequency = customer.Frequency,
            RouteDay = customer.RouteDay,
            RouteWeek = customer.RouteWeek,
            RouteSequence = customer.RouteSequence,
            Latitude = RoutePlanForm.Show(customer.Latitude),
            Longitude = RoutePlanForm.Show(customer.Longitude),
        };
        await WithShownAsync(form, customer, cancellationToken);

        // A week beyond the frequency's (week 3 of a fortnight, left from a monthly plan) is read as its last: shown so.
        form.RouteWeek = Math.Min(customer.RouteWeek, VisitFrequencies.RouteWeeks(form.Frequency ?? form.DefaultFrequency));
        return View(form);
    }

    [HttpPost]
    [Authorize(Roles = PlanEditors)]
    public async Task<IActionResult> Edit(int id, RoutePlanForm form, [FromServices] IValidator<RoutePlanForm> validator, CancellationToken cancellationToken)
    {
        var customer = await Editable(db.Customers).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return NotFound();
        }

        form.Id = id;
        await WithShownAsync(form, customer, cancellationToken);
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(form);
        }

        try
        {
            db.Entry(customer).Property(c => c.Version).OriginalValue = form.Version;
            customer.Plan(form.Frequency, form.RouteDay, form.RouteWeek!.Value, form.RouteSequence);
            if (User.SeesEverything())
            {
                // The store's place: an administrator's correction (audited with the customer).
                if (form.Location is { } point)
                {
                    customer.Locate(point);
                }
                else
                {
                    customer.Unlocate();
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            TempData.Flash(l["RoutePlan.Saved", customer.StoreName]);
            return RedirectToAction(nameof(Index), new { managerId = customer.CurrentManagerId });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Message(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l.Message(ErrorCodes.General.ChangedMeanwhile, []));
            form.Version = await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => c.Version).SingleAsync(cancellationToken);
        }

        return View(form);
    }

    [HttpGet]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Defaults(CancellationToken cancellationToken) =>
        View(new FrequencyDefaultsForm { Frequencies = await db.FrequencyDefaultsAsync(cancellationToken) });

    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Defaults(FrequencyDefaultsForm form, CancellationToken cancellationToken)
    {
        if (form.Frequencies.Count != Enum.GetValues<BusinessType>().Length || form.Frequencies.Any(f => !Enum.IsDefined(f.Key) || !Enum.IsDefined(f.Value)))
        {
            ModelState.AddModelError(string.Empty, l["Validation.Choose"]);
            form.Frequencies = await db.FrequencyDefaultsAsync(cancellationToken);
            return View(form);
        }

        var stored = await db.VisitFrequencyDefaults.ToDictionaryAsync(d => d.BusinessType, cancellationToken);
        foreach (var (type, frequency) in form.Frequencies)
        {
            if (stored.TryGetValue(type, out var row))
            {
                row.ChangeTo(frequency);
            }
            else
            {
                db.VisitFrequencyDefaults.Add(new VisitFrequencyDefault(type, frequency));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l["RoutePlan.DefaultsSaved"]);
        return RedirectToAction(nameof(Defaults));
    }

    [HttpGet]
    public async Task<IActionResult> Compliance([FromQuery] PlanComplianceFilter filter, [FromServices] PlanComplianceQuery query, CancellationToken cancellationToken) =>
        View(await query.RunAsync(filter, User, cancellationToken));

    /// <summary>The customers whose plan the user keeps: an administrator any, a manager their current ones.</summary>
    private IQueryable<RetailCustomer> Editable(IQueryable<RetailCustomer> customers)
    {
        if (User.SeesEverything())
        {
            return customers;
        }

        var me = User.AccountManagerIdOf() ?? -1;
        return customers.Where(c => c.CurrentManagerId == me);
    }

    private async Task<RoutePlanForm> WithShownAsync(RoutePlanForm form, RetailCustomer customer, CancellationToken cancellationToken)
    {
        form.StoreName = customer.StoreName;
        form.BusinessType = customer.BusinessType;
        form.DefaultFrequency = (await db.FrequencyDefaultsAsync(cancellationToken))[customer.BusinessType];
        form.ManagerId = customer.CurrentManagerId;
        return form;
    }
}
