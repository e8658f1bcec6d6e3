using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Visits;
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
    IOptions<VisitOptions> options,
    SiteCheckTicket tickets,
    MarketGridService market) : Controller
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
            l["Customer.LicenceNumber"], l["Customer.StoreName"], l["Visit.Volume"], l["Visit.Brands"], l["Visit.MarketInformation"], l["Visit.CustomerFeedback"],
            l["Visit.Complaint"], l["Visit.ComplaintResolution"], l["Visit.ResolvedOnSpot"], l["Visit.CustomerSatisfiedQuestion"], l["Visit.DataChange"],
            l["Visit.ViolationType"], l["Export.ViolationDescription"], l["Visit.UnlicensedPlace"], l["Export.UnlicensedDescription"],
            l["Visit.ShareWithLogistics"], l["Visit.ShareWithCallCentre"], l["SiteCheck.Title"], l["SiteCheck.Distance"], l["SiteCheck.CheckInTime"], l["SiteCheck.CheckOutTime"],
        ];
        string Flag(bool value) => value ? l["Common.Yes"] : string.Empty;
        string? YesNo(bool? value) => value is { } yes ? l[yes ? "Common.Yes" : "Common.No"].Value : null;
        var separator = l["List.Separator"].Value;
        return await TableExport.FileAsync(
            db,
            headers,
            query.ExportRows(filter, User),
            v => [v.VisitedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), l[$"VisitKind.{v.Kind}"].Value, v.ManagerEmployeeNumber, v.ManagerName,
                  v.District, v.LicenceNumber, v.StoreName, v.VolumeCartons, string.Join(separator, v.Brands), v.MarketInformation, v.CustomerFeedback,
                  v.Complaint, v.ComplaintResolution, v.Complaint is null ? null : Flag(v.ComplaintResolvedOnSpot), YesNo(v.CustomerSatisfied), v.DataChange,
                  v.ViolationType, v.ViolationDescription, v.UnlicensedPlace, v.UnlicensedDescription, v.ShareWithLogistics, v.ShareWithCallCentre,
                  v.Kind == VisitKind.OnSite ? l[$"VisitVerification.{v.Verification}"].Value : null, v.DistanceMeters,
                  v.CheckedInAt?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), v.CheckedOutAt?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)],
            format,
            $"{l["Export.VisitsFile"]}-{clock.GetLocalNow():yyyyMMdd}",
            cancellationToken);
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var visit = await db.Visits.AsNoTracking().Include(v => v.Reports).VisibleTo(User, db.AccountManagers).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
        {
            return NotFound();
        }

        var manager = await db.AccountManagers.AsNoTracking().Where(m => m.Id == visit.AccountManagerId).Select(m => m.Name).SingleAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == visit.CustomerId).Select(c => new { c.StoreName, c.LicenceNumber }).SingleAsync(cancellationToken);
        var handlers = visit.Reports.Select(r => r.HandledBy).OfType<string>().Distinct().ToList();
        var handlerNames = handlers.Count == 0 ? new Dictionary<string, string>() : await db.Users.AsNoTracking().Where(u => handlers.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, cancellationToken);
        var reports = visit.Reports.OrderBy(r => r.Kind)
            .Select(r => new VisitReportView(r.Id, r.Kind, r.Message, r.Status, r.HandledBy, r.HandledBy is null ? null : handlerNames.GetValueOrDefault(r.HandledBy), r.HandledUtc, r.Reply)).ToList();
        var rules = await RulesAsync(cancellationToken);
        var me = User.AccountManagerIdOf();
        var canCheckOut = visit.WhyNotCheckOut(me, Now(), rules) is null;
        return View(new VisitDetailsModel(visit.Id, visit.VisitedAt, visit.Kind, visit.AccountManagerId, manager, visit.CustomerId, customer.StoreName, customer.LicenceNumber,
            visit, reports, rules.WhyNotChange(visit, me), rules.WhyNotDelete(visit, me))
        {
            SeesLocations = SeesLocations(visit),
            CanCheckOut = canCheckOut,
            Market = visit.MarketSpecs == 0 ? [] : await MarketGridService.Views(db, db.MarketObservations.AsNoTracking().Where(o => o.VisitId == id)).ToListAsync(cancellationToken),
            Site = options.Value.SiteRules,
        });
    }

    [HttpGet]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> Create(int? customerId, CancellationToken cancellationToken) =>
        View("Edit", await WithOptionsAsync(new VisitForm { CustomerId = customerId, VisitedAt = Now() }, null, cancellationToken));

    /// <summary>
    /// Checks in at one of the manager's stores (签到), called by the visit form's script: the server's time and the phone's
    /// location (none when the user refused it or the phone had no fix) come back sealed in a ticket the form carries.
    /// </summary>
    [HttpPost]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> CheckIn(int customerId, string? latitude, string? longitude, string? accuracy, CancellationToken cancellationToken)
    {
        var store = await db.Customers.AsNoTracking().VisibleTo(User, db.AccountManagers).Where(c => c.Id == customerId)
            .Select(c => new { c.Latitude, c.Longitude }).SingleOrDefaultAsync(cancellationToken);
        if (store is null)
        {
            return NotFound();
        }

        var (point, precision) = SiteCheckTicket.Read(latitude, longitude, accuracy);
        var fix = new SiteFix(Now(), point, precision);
        var site = options.Value.SiteRules;
        var storePoint = store.Latitude is { } lat && store.Longitude is { } lon ? new GeoPoint(lat, lon) : (GeoPoint?)null;
        var assessment = site.Assess(storePoint, fix, null);
        string message = !site.IsUsable(fix) ? l[point is null ? "SiteCheck.NoLocation" : "SiteCheck.Imprecise", fix.At.ToString("t", System.Globalization.CultureInfo.CurrentCulture)]
            : storePoint is null ? l["SiteCheck.CheckedInNewStore", fix.At.ToString("t", System.Globalization.CultureInfo.CurrentCulture)]
            : l["SiteCheck.CheckedInAt", fix.At.ToString("t", System.Globalization.CultureInfo.CurrentCulture), assessment.DistanceMeters!.Value];
        return Json(new
        {
            ticket = tickets.Seal(Me, customerId, fix),
            at = fix.At.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            far = assessment.Verification == VisitVerification.Far,
            message,
        });
    }

    /// <summary>The author checks out of an on-site visit (签退) on the day of its check-in; the visit is then marked.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> CheckOut(int id, string? latitude, string? longitude, string? accuracy, CancellationToken cancellationToken)
    {
        var visit = await db.Visits.Include(v => v.Reports).VisibleTo(User, db.AccountManagers).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
        {
            return NotFound();
        }

        var customer = await db.Customers.SingleAsync(c => c.Id == visit.CustomerId, cancellationToken);
        var (point, precision) = SiteCheckTicket.Read(latitude, longitude, accuracy);
        try
        {
            visit.CheckOut(Me, new SiteFix(Now(), point, precision), customer, options.Value.SiteRules, await RulesAsync(cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            TempData.Flash(l[$"SiteCheck.CheckedOut.{visit.Verification}", visit.DurationMinutes ?? 0]);
        }
        catch (DomainException e)
        {
            TempData.Warn(l.Message(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Warn(l.Message(ErrorCodes.General.ChangedMeanwhile, []));
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> Create(VisitForm form, CancellationToken cancellationToken)
    {
        form.Id = null;
        var checkIn = form.Kind == VisitKind.OnSite && form.CustomerId is { } checkedCustomer
            ? tickets.Open(form.CheckInTicket, Me, checkedCustomer, DateOnly.FromDateTime(Now()))
            : null;
        if (checkIn is not null && await db.Visits.AnyAsync(v => v.CustomerId == form.CustomerId && v.CheckedInAt == checkIn.At, cancellationToken))
        {
            // One check-in proves one visit: a form sent twice (or copied) does not verify a second.
            checkIn = null;
        }

        if (checkIn is not null)
        {
            // A checked-in visit happened when its check-in says, whatever the time field holds.
            form.VisitedAt = checkIn.At;
            ModelState.Remove(nameof(VisitForm.VisitedAt));
        }

        // Every field is checked, the market figures too, so that the form says at once all that needs a look.
        var valid = await ValidAsync(form, await RulesAsync(cancellationToken), cancellationToken);
        var readings = await market.ReadingsAsync(form.Market, DateOnly.FromDateTime(form.VisitedAt ?? Now()), ModelState, cancellationToken);
        if (!valid || readings is null)
        {
            return View("Edit", await WithOptionsAsync(form, null, cancellationToken));
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var rules = await LockCyclesAsync([DateOnly.FromDateTime(form.VisitedAt!.Value)], cancellationToken);
            var customer = await OwnCustomerAsync(form.CustomerId!.Value, cancellationToken);
            if (customer is null)
            {
                ModelState.AddModelError(nameof(VisitForm.CustomerId), l["Visit.NotAssigned"]);
                return View("Edit", await WithOptionsAsync(form, rules, cancellationToken));
            }

            try
            {
                var visit = Visit.Log(Me, customer, form.VisitedAt!.Value, form.Kind!.Value, WithDataChange(form, customer), rules);
                if (checkIn is not null)
                {
                    visit.AttachCheckIn(checkIn, customer, options.Value.SiteRules);
                }

                visit.ObserveMarket(readings, customer.IsCollectionPoint, await DistrictOfAsync(cancellationToken));
                db.Visits.Add(visit);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                TempData.Flash(l["Visit.Logged", customer.StoreName]);
                if (checkIn is null && !string.IsNullOrEmpty(form.CheckInTicket))
                {
                    TempData.Warn(l["SiteCheck.TicketNotUsed"]);
                }
                return RedirectToAction(nameof(Details), new { id = visit.Id });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(FieldOf(e), l.Message(e));
            }
            catch (DbUpdateConcurrencyException)
            {
                // The customer's record (a new phone or address) was changed by someone else at the same moment.
                ModelState.AddModelError(string.Empty, l.Message(ErrorCodes.General.ChangedMeanwhile, []));
            }
        }

        db.ChangeTracker.Clear();
        return View("Edit", await WithOptionsAsync(form, null, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var visit = await db.Visits.AsNoTracking().Include(v => v.Reports).VisibleTo(User, db.AccountManagers).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
        {
            return NotFound();
        }

        var rules = await RulesAsync(cancellationToken);
        if (rules.WhyNotChange(visit, Me) is not null)
        {
            // The visit's page says why it can no longer change.
            return RedirectToAction(nameof(Details), new { id });
        }

        var form = VisitForm.From(visit);
        form.Market = await market.RecordedAsync(id, cancellationToken);
        return View(await WithOptionsAsync(form, rules, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> Edit(int id, VisitForm form, CancellationToken cancellationToken)
    {
        var visit = await db.Visits.Include(v => v.Reports).Include(v => v.Market).VisibleTo(User, db.AccountManagers).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.CustomerId = visit.CustomerId;
        if (visit.CheckedInAt is not null)
        {
            // Its check-in fixed when and how the visit was made (the form shows them, not as fields).
            (form.VisitedAt, form.Kind, form.CheckedInAt) = (visit.VisitedAt, visit.Kind, visit.CheckedInAt);
            ModelState.Remove(nameof(VisitForm.VisitedAt));
            ModelState.Remove(nameof(VisitForm.Kind));
        }

        var rules = await RulesAsync(cancellationToken);
        if (rules.WhyNotChange(visit, Me) is { } refusal)
        {
            ModelState.AddModelError(string.Empty, l.Message(refusal));
            return View(await WithOptionsAsync(form, rules, cancellationToken));
        }

        var valid = await ValidAsync(form, rules, cancellationToken);
        var readings = await market.ReadingsAsync(form.Market, DateOnly.FromDateTime(form.VisitedAt ?? visit.VisitedAt), ModelState, cancellationToken);
        if (!valid || readings is null)
        {
            return View(await WithOptionsAsync(form, rules, cancellationToken));
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The cycles of the old and the new date are locked, so that neither closes while this is saved.
            rules = await LockCyclesAsync([DateOnly.FromDateTime(visit.VisitedAt), DateOnly.FromDateTime(form.VisitedAt!.Value)], cancellationToken);
            var customer = await db.Customers.Include(c => c.Assignments).SingleAsync(c => c.Id == visit.CustomerId, cancellationToken);
            try
            {
                db.Entry(visit).Property(v => v.Version).OriginalValue = form.Version;
                visit.Revise(Me, customer, form.VisitedAt!.Value, form.Kind!.Value, WithDataChange(form, customer), rules);
                visit.ObserveMarket(readings, customer.IsCollectionPoint || visit.MarketSpecs > 0, await DistrictOfAsync(cancellationToken));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                TempData.Flash(l["Visit.Saved"]);
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(FieldOf(e), l.Message(e));
            }
            catch (DbUpdateConcurrencyException)
            {
                // The visit (or its customer) changed since the form was opened: the form now carries the
                // current version, so saving again is a conscious choice.
                ModelState.AddModelError(string.Empty, l["Visit.ChangedMeanwhile"]);
                form.Version = await db.Visits.AsNoTracking().Where(v => v.Id == id).Select(v => v.Version).SingleAsync(cancellationToken);
            }
        }

        db.ChangeTracker.Clear();
        return View(await WithOptionsAsync(form, null, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var visit = await db.Visits.Include(v => v.Reports).Include(v => v.Market).VisibleTo(User, db.AccountManagers).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
        {
            return NotFound();
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            visit.EnsureDeletable(Me, await LockCyclesAsync([DateOnly.FromDateTime(visit.VisitedAt)], cancellationToken));
            db.Visits.Remove(visit);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            TempData.Flash(l["Visit.Deleted"]);
            return RedirectToAction(nameof(Index));
        }
        catch (DomainException e)
        {
            TempData.Warn(l.Message(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            // An item of the visit was acknowledged at the same moment.
            TempData.Warn(l.Message(ErrorCodes.General.ChangedMeanwhile, []));
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>
    /// The market grid of one of the manager's customers (the form's script asks for it when the customer is chosen): empty
    /// unless the customer is a collection point.
    /// </summary>
    [HttpGet]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> MarketGrid(int customerId, DateOnly? day, CancellationToken cancellationToken)
    {
        if (!await db.Customers.VisibleTo(User, db.AccountManagers).AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return NotFound();
        }

        return PartialView("_MarketGrid", await market.GridAsync(customerId, Me, day ?? DateOnly.FromDateTime(Now()), null, [], cancellationToken));
    }

    private int Me => User.AccountManagerIdOf()!.Value;

    /// <summary>The manager's district, which the market figures are summed by.</summary>
    private Task<int> DistrictOfAsync(CancellationToken cancellationToken) =>
        db.AccountManagers.AsNoTracking().Where(m => m.Id == Me).Select(m => m.DistrictId).SingleAsync(cancellationToken);

    private DateTime Now() => clock.GetLocalNow().DateTime;

    /// <summary>The form field a broken rule of a visit belongs to.</summary>
    private static string FieldOf(DomainException e) => e.Code switch
    {
        ErrorCodes.Visit.InFuture or ErrorCodes.Visit.CycleClosed or ErrorCodes.Visit.InClosedCycle or ErrorCodes.Visit.NotAssigned => nameof(VisitForm.VisitedAt),
        _ => string.Empty,
    };

    private async Task<VisitChangeRules> RulesAsync(CancellationToken cancellationToken) =>
        new(await db.CalendarAsync(cancellationToken), options.Value.EditWindowDays, clock.GetLocalNow(), await db.FrequencyDefaultsAsync(cancellationToken));

    /// <summary>A visit's locations are personal data: its author, administrators and the panel see them.</summary>
    private bool SeesLocations(Visit visit) => User.IsStaff() || visit.AccountManagerId == User.AccountManagerIdOf();

    /// <summary>
    /// Inside the caller's transaction: locks the cycles whose periods hold <paramref name="days"/> (closing
    /// takes the same lock before it counts the evidence), then reads the rules as they are now. A visit is
    /// thus either counted by a close or refused by it, never saved into a period that has just closed.
    /// </summary>
    private async Task<VisitChangeRules> LockCyclesAsync(IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        var calendar = await db.CalendarAsync(cancellationToken);
        var ids = days.SelectMany(calendar.Covering).Select(p => p.CycleId).Distinct().Order().ToList();
        if (ids.Count > 0)
        {
            await db.Cycles.Where(c => ids.Contains(c.Id)).LockForUpdateAsync(cancellationToken);
        }

        return await RulesAsync(cancellationToken);
    }

    /// <summary>The form's own checks, then whether the visit may carry its date (the domain's rule, shown at the field).</summary>
    private async Task<bool> ValidAsync(VisitForm form, VisitChangeRules rules, CancellationToken cancellationToken)
    {
        var valid = await validator.ValidateIntoAsync(form, ModelState, cancellationToken);
        if (form.VisitedAt is { } when && ModelState.GetFieldValidationState(nameof(VisitForm.VisitedAt)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            && rules.WhyNotOn(when) is { } refusal)
        {
            ModelState.AddModelError(nameof(VisitForm.VisitedAt), l.Message(refusal));
            return false;
        }

        return valid;
    }

    private Task<RetailCustomer?> OwnCustomerAsync(int customerId, CancellationToken cancellationToken) =>
        db.Customers.Include(c => c.Assignments).Where(c => c.Id == customerId && c.Assignments.Any(a => a.AccountManagerId == Me)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>A new phone or address goes into the customer's record (audited) and is noted on the visit.</summary>
    private VisitContent WithDataChange(VisitForm form, RetailCustomer customer)
    {
        var correction = customer.CorrectContact(form.NewPhone, form.NewAddress);
        var notes = new List<string>();
        if (correction.NewPhone is { } phone)
        {
            notes.Add(l["Visit.PhoneChangedTo", phone]);
        }

        if (correction.NewAddress is { } address)
        {
            notes.Add(l["Visit.AddressChangedTo", address]);
        }

        var content = form.ToContent();
        return notes.Count == 0 ? content : content with { DataChange = string.Join("; ", new[] { form.DataChange?.Trim() }.Where(s => !string.IsNullOrEmpty(s)).Concat(notes)) };
    }

    private async Task<VisitForm> WithOptionsAsync(VisitForm form, VisitChangeRules? rules, CancellationToken cancellationToken)
    {
        var me = User.AccountManagerIdOf() ?? -1;
        form.Customers = await db.Customers.AsNoTracking()
            .Where(c => c.CurrentManagerId == me && c.Status != CustomerStatus.Closed || c.Id == form.CustomerId && c.Assignments.Any(a => a.AccountManagerId == me))
            .OrderBy(c => c.StoreNameSortKey)
            .Select(c => new CustomerOption(c.Id, c.StoreName, c.LicenceNumber))
            .ToListAsync(cancellationToken);
        form.BrandOptions = await db.Brands.AsNoTracking().Where(b => b.IsActive).OrderBy(b => b.SortOrder).Select(b => b.Name).ToListAsync(cancellationToken);
        rules ??= await RulesAsync(cancellationToken);
        form.FrozenPeriods = rules.FrozenPeriods.ToList();
        if (form.CustomerId is { } customerId)
        {
            form.MarketGrid = await market.GridAsync(customerId, me, DateOnly.FromDateTime(form.VisitedAt ?? Now()), form.Id, form.Market, cancellationToken);
        }

        return form;
    }
}
