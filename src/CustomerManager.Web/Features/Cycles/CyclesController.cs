using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Organisation;
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

namespace CustomerManager.Web.Features.Cycles;

public sealed record CycleRow(int Id, string Name, DateOnly PeriodStart, DateOnly PeriodEnd, CycleStatus Status, int Scores, int Results);

public sealed record CyclesModel(IReadOnlyList<CycleRow> Cycles, CycleForm Form);

public sealed record ManagerName(int Id, string Name, string EmployeeNumber);

/// <summary>A disagreement on one criterion of one manager; both names kept, as the close check is kept for every language.</summary>
public sealed record FlagRow(ManagerName Manager, string CriterionZh, string CriterionEn, decimal Spread)
{
    public string Criterion => Cultures.Pick(CriterionZh, CriterionEn);
}

/// <summary>
/// One seat of a department's panel and its work on the department's managers being rated: done, partly done, not
/// started (<paramref name="Member"/> null: nobody held the seat). <paramref name="Department"/> null: managers in no department.
/// </summary>
public sealed record SeatWork(string? Department, string? DepartmentEn, PanelRole Seat, string? Member, int Done, int Partial, int Missing)
{
    /// <summary>The department's name in the page's language (the check is kept for every language).</summary>
    public string? DepartmentShown => Department is null ? null : OrgUnit.NameIn(Department, DepartmentEn, english: !Cultures.IsChinese);
}

public sealed record CloseCheck(IReadOnlyList<ManagerName> NotRated, IReadOnlyList<FlagRow> Flags, decimal Threshold, IReadOnlyList<SeatWork> Seats)
{
    /// <summary>How many of the not rated and of the flags the page lists by name (a province can have hundreds): the rest are counted.</summary>
    public const int Listed = 50;
}

public sealed record CycleDetailsModel(EvaluationCycle Cycle, DateOnly Today, ProgressBoard? Progress, IReadOnlyList<TierCount> Tiers, CloseCheck? Check, ReopenForm Reopen)
{
    /// <summary>For a draft: the departments whose panel lacks seats, which opening lists and asks to confirm.</summary>
    public IReadOnlyList<DepartmentVacancy> Vacancies { get; init; } = [];
}

/// <summary>A department (its names) and the seats its panel lacks.</summary>
public sealed record DepartmentVacancy(int Id, string Name, string? NameEn, IReadOnlyList<PanelRole> Seats);

public sealed record TierCount(Tier? Tier, int Count);

/// <summary>
/// Evaluation cycles (评定周期): plan (and correct or delete a draft), open once the period has started
/// (freezing criteria, weights, scoring roles, bounds and panel), follow the panel's progress, close once the
/// period is over (computing every result and storing the evidence the panel saw), publish, and reopen with a
/// reason. Every state change is audited.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class CyclesController(
    AppDbContext db,
    IValidator<CycleForm> validator,
    IValidator<ReopenForm> reopenValidator,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock,
    Notifier notifier,
    ILogger<CyclesController> logger) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await ListAsync(new CycleForm(), cancellationToken));

    [HttpPost]
    public async Task<IActionResult> Create(CycleForm form, CancellationToken cancellationToken)
    {
        form.Id = null;
        if (await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await LockCalendarAsync(cancellationToken);
                var cycle = EvaluationCycle.Plan(form.Name!, form.PeriodStart!.Value, form.PeriodEnd!.Value, await db.CalendarAsync(cancellationToken));
                db.Cycles.Add(cycle);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                TempData.Flash(l["Cycles.Created", cycle.Name]);
                return RedirectToAction(nameof(Details), new { id = cycle.Id });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(CycleForm.FieldOf(e), l.Message(e));
            }
            catch (DbUpdateException e) when (!Retries.DatabaseUnavailable(e))
            {
                // Another administrator created a cycle of this name at the same moment (unique index).
                ModelState.AddModelError(nameof(CycleForm.Name), l.Message(ErrorCodes.Cycle.NameTaken, [form.Name!.Trim()]));
            }
        }

        return View(nameof(Index), await ListAsync(form, cancellationToken));
    }

    /// <summary>A draft's name and period can still change.</summary>
    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var cycle = await db.Cycles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cycle is null)
        {
            return NotFound();
        }

        return cycle.Status != CycleStatus.Draft
            ? RedirectToAction(nameof(Details), new { id })
            : View(new CycleForm { Id = id, Version = cycle.Version, SavedName = cycle.Name, Name = cycle.Name, PeriodStart = cycle.PeriodStart, PeriodEnd = cycle.PeriodEnd });
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, CycleForm form, CancellationToken cancellationToken)
    {
        var cycle = await db.Cycles.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cycle is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.SavedName = cycle.Name;
        if (await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await LockCalendarAsync(cancellationToken);
                cycle.Reschedule(form.Name!, form.PeriodStart!.Value, form.PeriodEnd!.Value, await db.CalendarAsync(cancellationToken));
                if (await db.SaveSeenAsync(cycle, form.Version, ModelState, l, cancellationToken) is { } current)
                {
                    form.Version = current;
                    return View(form);
                }

                await transaction.CommitAsync(cancellationToken);
                TempData.Flash(l["Cycles.Saved", cycle.Name]);
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(CycleForm.FieldOf(e), l.Message(e));
            }
            catch (DbUpdateException e) when (!Retries.DatabaseUnavailable(e))
            {
                ModelState.AddModelError(string.Empty, l.Message(ErrorCodes.General.ChangedMeanwhile, []));
            }
        }

        return View(form);
    }

    /// <summary>A draft nobody has scored in can be deleted.</summary>
    [HttpPost]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var cycle = await db.Cycles.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cycle is null)
        {
            return NotFound();
        }

        try
        {
            cycle.EnsureDeletable();
            db.Cycles.Remove(cycle);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Draft cycle {CycleId} deleted", id);
            TempData.Flash(l["Cycles.Deleted", cycle.Name]);
            return RedirectToAction(nameof(Index));
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

    [HttpGet]
    public async Task<IActionResult> Details(int id, string? district, [FromServices] CycleProgressQuery progress, CancellationToken cancellationToken)
    {
        var cycle = await LoadAsync(id, cancellationToken);
        return cycle is null ? NotFound() : View(await DetailsModelAsync(cycle, progress, null, cancellationToken, district));
    }

    /// <summary>
    /// Opens the cycle with every department's panel frozen as it stands; departments without a full panel are
    /// listed on the draft's page first and need <paramref name="confirmIncomplete"/>.
    /// </summary>
    [HttpPost]
    public Task<IActionResult> Open(int id, bool confirmIncomplete, CancellationToken cancellationToken) =>
        ChangeAsync(id, async cycle =>
        {
            var criteria = await db.Criteria.ToListAsync(cancellationToken);
            var bounds = (await db.RatingSettings.SingleAsync(cancellationToken)).Bounds;
            var panel = await db.SeatsToFreezeAsync(cancellationToken);
            cycle.Open(criteria, bounds, panel, clock.GetLocalNow(), await db.DepartmentsToRateAsync(cancellationToken), confirmIncomplete);
            await notifier.CycleOpenedAsync(cycle, cancellationToken);
        }, "Cycles.Opened", cancellationToken);

    /// <summary>The close step: who is not rated and where the panel disagrees, before confirming.</summary>
    [HttpGet]
    public async Task<IActionResult> Close(int id, [FromServices] CycleProgressQuery progress, [FromServices] CycleClosing closing, CancellationToken cancellationToken)
    {
        var cycle = await LoadAsync(id, cancellationToken);
        if (cycle is null)
        {
            return NotFound();
        }

        return !cycle.CanCloseOn(Today)
            ? RedirectToAction(nameof(Details), new { id })
            : View(nameof(Details), await DetailsModelAsync(cycle, progress, await closing.CheckAsync(cycle, cancellationToken), cancellationToken));
    }

    /// <summary>Closes the cycle (see <see cref="CycleClosing"/>), once the not-rated are confirmed.</summary>
    [HttpPost]
    [ActionName(nameof(Close))]
    public async Task<IActionResult> CloseConfirmed(int id, bool confirmNotRated, [FromServices] CycleProgressQuery progress, [FromServices] CycleClosing closing, CancellationToken cancellationToken)
    {
        var outcome = await closing.CloseAsync(id, confirmNotRated, cancellationToken);
        switch (outcome.Status)
        {
            case CloseStatus.NotFound:
                return NotFound();
            case CloseStatus.NeedsConfirmation:
                ModelState.AddModelError(nameof(confirmNotRated), l.Count("Cycles.ConfirmNotRatedRequired", outcome.Check!.NotRated.Count));
                return View(nameof(Details), await DetailsModelAsync((await LoadAsync(id, cancellationToken))!, progress, outcome.Check, cancellationToken));
            case CloseStatus.Refused:
                TempData.Warn(l.Message(outcome.Error!));
                break;
            default:
                logger.LogInformation("Cycle {CycleId} closed: {Results} results", id, outcome.Cycle!.Results.Count);
                TempData.Flash(l["Cycles.Closed", outcome.Cycle.Name]);
                break;
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>
    /// Publishes a closed cycle: managers see their results and may appeal for the days the settings give; when the
    /// tier distribution exceeds the cycle's guideline, a written <paramref name="reason"/> is needed (the calibration
    /// page asks for it). Each manager is notified.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Publish(int id, string? reason, CancellationToken cancellationToken)
    {
        var cycle = await db.Cycles.Include(c => c.Criteria).Include(c => c.Results).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cycle is null)
        {
            return NotFound();
        }

        try
        {
            var settings = await db.RatingSettings.AsNoTracking().SingleAsync(cancellationToken);
            cycle.Publish(clock.GetLocalNow(), settings.AppealDays, reason);
            await notifier.PublishedAsync(cycle, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Cycle {CycleId} is now {Status}", id, cycle.Status);
            TempData.Flash(l["Cycles.Published", cycle.Name]);
            return RedirectToAction(nameof(Details), new { id });
        }
        catch (DomainException e) when (e.Code is ErrorCodes.Cycle.GuidelineReasonRequired or ErrorCodes.Cycle.GuidelineReasonTooLong)
        {
            TempData.Warn(l.Message(e));
            return RedirectToAction("Index", "Calibration", new { id });
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

    /// <summary>Reopening withdraws the results and unfreezes the period's visits (see <see cref="CycleClosing.ReopenAsync"/>).</summary>
    [HttpPost]
    public async Task<IActionResult> Reopen(int id, ReopenForm form, [FromServices] CycleProgressQuery progress, [FromServices] CycleClosing closing, CancellationToken cancellationToken)
    {
        if (!await reopenValidator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            var cycle = await LoadAsync(id, cancellationToken);
            return cycle is null ? NotFound() : View(nameof(Details), (await DetailsModelAsync(cycle, progress, null, cancellationToken)) with { Reopen = form });
        }

        switch (await closing.ReopenAsync(id, form.Reason!, cancellationToken))
        {
            case null:
                return NotFound();
            case ({ } cycle, null):
                logger.LogInformation("Cycle {CycleId} reopened", id);
                TempData.Flash(l["Cycles.Reopened", cycle.Name]);
                break;
            case (_, { } refusal):
                TempData.Warn(l.Message(refusal));
                break;
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>
    /// Two administrators planning cycles at the same moment must not both pass the "no overlap" check: every
    /// change to the calendar first locks the one row of rating settings, which serialises them.
    /// </summary>
    private Task<int> LockCalendarAsync(CancellationToken cancellationToken) =>
        db.RatingSettings.LockForUpdateAsync(cancellationToken);

    private async Task<IActionResult> ChangeAsync(int id, Func<EvaluationCycle, Task> change, string done, CancellationToken cancellationToken)
    {
        var cycle = await LoadAsync(id, cancellationToken);
        if (cycle is null)
        {
            return NotFound();
        }

        try
        {
            await change(cycle);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Cycle {CycleId} is now {Status}", id, cycle.Status);
            TempData.Flash(l[done, cycle.Name]);
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

    private Task<EvaluationCycle?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.Cycles.Include(c => c.Criteria).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    private async Task<CycleDetailsModel> DetailsModelAsync(EvaluationCycle cycle, CycleProgressQuery progress, CloseCheck? check, CancellationToken cancellationToken, string? district = null)
    {
        var board = cycle.Status == CycleStatus.Open ? await progress.RunAsync(cycle, district, cancellationToken) : null;
        var tiers = await db.Results.AsNoTracking().Where(r => r.CycleId == cycle.Id)
            .GroupBy(r => r.Tier).Select(g => new TierCount(g.Key, g.Count())).ToListAsync(cancellationToken);
        var vacancies = new List<DepartmentVacancy>();
        if (cycle.Status == CycleStatus.Draft)
        {
            var missing = EvaluationCycle.MissingSeats(await db.DepartmentsToRateAsync(cancellationToken), await db.SeatsToFreezeAsync(cancellationToken));
            var ids = missing.Select(m => m.DepartmentId).ToList();
            var names = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.Name, u.NameEn, u.NameSortKey }, cancellationToken);
            vacancies.AddRange(missing.OrderBy(m => names[m.DepartmentId].NameSortKey, StringComparer.Ordinal)
                .Select(m => new DepartmentVacancy(m.DepartmentId, names[m.DepartmentId].Name, names[m.DepartmentId].NameEn, m.Seats)));
        }

        return new CycleDetailsModel(cycle, Today, board, [.. tiers.OrderByDescending(t => t.Tier)], check, new ReopenForm()) { Vacancies = vacancies };
    }

    private async Task<CyclesModel> ListAsync(CycleForm form, CancellationToken cancellationToken) =>
        new(await db.Cycles.AsNoTracking().OrderByDescending(c => c.PeriodStart)
            .Select(c => new CycleRow(c.Id, c.Name, c.PeriodStart, c.PeriodEnd, c.Status,
                db.PanelScores.Count(s => s.CycleId == c.Id), db.Results.Count(r => r.CycleId == c.Id)))
            .ToListAsync(cancellationToken), form);
}
