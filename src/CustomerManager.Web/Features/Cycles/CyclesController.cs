using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
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

namespace CustomerManager.Web.Features.Cycles;

public sealed record CycleRow(int Id, string Name, DateOnly PeriodStart, DateOnly PeriodEnd, CycleStatus Status, int Scores, int Results);

public sealed record CyclesModel(IReadOnlyList<CycleRow> Cycles, CycleForm Form);

public sealed record ManagerName(int Id, string Name, string EmployeeNumber);

public sealed record FlagRow(ManagerName Manager, string Criterion, decimal Spread);

public sealed record CloseCheck(IReadOnlyList<ManagerName> NotRated, IReadOnlyList<FlagRow> Flags, decimal Threshold);

public sealed record CycleDetailsModel(EvaluationCycle Cycle, ProgressBoard? Progress, IReadOnlyList<TierCount> Tiers, CloseCheck? Check, ReopenForm Reopen);

public sealed record TierCount(Tier? Tier, int Count);

/// <summary>
/// Evaluation cycles (评定周期): create, open (freezing criteria, weights, scoring roles and bounds), follow
/// the panel's progress, close (computing every result in one pass), publish, and reopen with a reason.
/// Every state change is audited.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class CyclesController(
    AppDbContext db,
    IValidator<CycleForm> validator,
    IValidator<ReopenForm> reopenValidator,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock,
    IOptions<EvaluationOptions> options,
    ILogger<CyclesController> logger) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await ListAsync(new CycleForm(), cancellationToken));

    [HttpPost]
    public async Task<IActionResult> Create(CycleForm form, CancellationToken cancellationToken)
    {
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(nameof(Index), await ListAsync(form, cancellationToken));
        }

        var cycle = new EvaluationCycle(form.Name!, form.PeriodStart!.Value, form.PeriodEnd!.Value);
        db.Cycles.Add(cycle);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l["Cycles.Created", cycle.Name]);
        return RedirectToAction(nameof(Details), new { id = cycle.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, [FromServices] CycleProgressQuery progress, CancellationToken cancellationToken)
    {
        var cycle = await LoadAsync(id, cancellationToken);
        return cycle is null ? NotFound() : View(await DetailsModelAsync(cycle, progress, null, cancellationToken));
    }

    [HttpPost]
    public Task<IActionResult> Open(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async cycle =>
        {
            var criteria = await db.Criteria.ToListAsync(cancellationToken);
            var bounds = (await db.RatingSettings.SingleAsync(cancellationToken)).Bounds;
            var panelRoleId = await db.Roles.Where(r => r.Name == CustomerManager.Infrastructure.Identity.AppRoles.PanelMember).Select(r => r.Id).SingleAsync(cancellationToken);
            var panel = await db.Users.Where(u => u.IsActive && u.PanelRole != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == panelRoleId))
                .Select(u => new PanelSeat(u.Id, u.PanelRole!.Value)).ToListAsync(cancellationToken);
            cycle.Open(criteria, bounds, panel, clock.GetUtcNow().UtcDateTime);
        }, "Cycles.Opened", cancellationToken);

    /// <summary>The close step: who is not rated and where the panel disagrees, before confirming.</summary>
    [HttpGet]
    public async Task<IActionResult> Close(int id, [FromServices] CycleProgressQuery progress, CancellationToken cancellationToken)
    {
        var cycle = await LoadAsync(id, cancellationToken);
        if (cycle is null)
        {
            return NotFound();
        }

        return cycle.Status != CycleStatus.Open
            ? RedirectToAction(nameof(Details), new { id })
            : View(nameof(Details), await DetailsModelAsync(cycle, progress, await CheckAsync(cycle, cancellationToken), cancellationToken));
    }

    [HttpPost]
    [ActionName(nameof(Close))]
    public async Task<IActionResult> CloseConfirmed(int id, bool confirmNotRated, [FromServices] CycleProgressQuery progress, CancellationToken cancellationToken)
    {
        var cycle = await LoadAsync(id, cancellationToken);
        if (cycle is null)
        {
            return NotFound();
        }

        var check = await CheckAsync(cycle, cancellationToken);
        if (check.NotRated.Count > 0 && !confirmNotRated)
        {
            ModelState.AddModelError(nameof(confirmNotRated), l["Cycles.ConfirmNotRatedRequired", check.NotRated.Count]);
            return View(nameof(Details), await DetailsModelAsync(cycle, progress, check, cancellationToken));
        }

        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var scores = await db.PanelScores.AsNoTracking().Where(s => s.CycleId == id).ToListAsync(cancellationToken);
            var managers = await RatedManagerIdsAsync(id, cancellationToken);
            db.Results.RemoveRange(await db.Results.Where(r => r.CycleId == id).ToListAsync(cancellationToken));
            db.Results.AddRange(cycle.ComputeResults(managers, scores, now));
            cycle.Close(now);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Cycle {CycleId} closed: {Managers} results", id, managers.Count);
            TempData.Flash(l["Cycles.Closed", cycle.Name]);
        }
        catch (DomainException e)
        {
            TempData.Flash(l[e.Code]);
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public Task<IActionResult> Publish(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, cycle =>
        {
            cycle.Publish(clock.GetUtcNow().UtcDateTime);
            return Task.CompletedTask;
        }, "Cycles.Published", cancellationToken);

    [HttpPost]
    public async Task<IActionResult> Reopen(int id, ReopenForm form, [FromServices] CycleProgressQuery progress, CancellationToken cancellationToken)
    {
        var cycle = await LoadAsync(id, cancellationToken);
        if (cycle is null)
        {
            return NotFound();
        }

        if (!await reopenValidator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            var model = await DetailsModelAsync(cycle, progress, null, cancellationToken);
            return View(nameof(Details), model with { Reopen = form });
        }

        return await ChangeAsync(id, async c =>
        {
            c.Reopen(form.Reason!);
            db.Results.RemoveRange(await db.Results.Where(r => r.CycleId == id).ToListAsync(cancellationToken));
        }, "Cycles.Reopened", cancellationToken, cycle);
    }

    private async Task<IActionResult> ChangeAsync(int id, Func<EvaluationCycle, Task> change, string done, CancellationToken cancellationToken, EvaluationCycle? loaded = null)
    {
        var cycle = loaded ?? await LoadAsync(id, cancellationToken);
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
            TempData.Flash(l[e.Code]);
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private Task<EvaluationCycle?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.Cycles.Include(c => c.Criteria).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>Every active manager, and anyone who has scores in the cycle.</summary>
    private async Task<List<int>> RatedManagerIdsAsync(int cycleId, CancellationToken cancellationToken) =>
        await db.AccountManagers.Where(m => m.IsActive || db.PanelScores.Any(s => s.CycleId == cycleId && s.AccountManagerId == m.Id))
            .Select(m => m.Id).ToListAsync(cancellationToken);

    private async Task<CloseCheck> CheckAsync(EvaluationCycle cycle, CancellationToken cancellationToken)
    {
        var scores = await db.PanelScores.AsNoTracking().Where(s => s.CycleId == cycle.Id).ToListAsync(cancellationToken);
        var managerIds = await RatedManagerIdsAsync(cycle.Id, cancellationToken);
        var names = await db.AccountManagers.AsNoTracking().Where(m => managerIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => new ManagerName(m.Id, m.Name, m.EmployeeNumber), cancellationToken);
        var results = cycle.ComputeResults(managerIds, scores, clock.GetUtcNow().UtcDateTime);
        var notRated = results.Where(r => !r.IsRated).Select(r => names[r.AccountManagerId]).OrderBy(m => m.EmployeeNumber).ToList();
        var criteria = cycle.Criteria.ToDictionary(c => c.Id);
        var threshold = options.Value.DisagreementThreshold;
        var flags = Disagreement.Flags(scores, threshold)
            .Select(f => new FlagRow(names[f.AccountManagerId], CriterionName(criteria[f.CycleCriterionId]), f.Spread))
            .ToList();
        return new CloseCheck(notRated, flags, threshold);
    }

    private static string CriterionName(CycleCriterion c) =>
        Cultures.Pick(c.NameZh, c.NameEn);

    private async Task<CycleDetailsModel> DetailsModelAsync(EvaluationCycle cycle, CycleProgressQuery progress, CloseCheck? check, CancellationToken cancellationToken)
    {
        var board = cycle.Status == CycleStatus.Open ? await progress.RunAsync(cycle, cancellationToken) : null;
        var tiers = await db.Results.AsNoTracking().Where(r => r.CycleId == cycle.Id)
            .GroupBy(r => r.Tier).Select(g => new TierCount(g.Key, g.Count())).ToListAsync(cancellationToken);
        return new CycleDetailsModel(cycle, board, [.. tiers.OrderByDescending(t => t.Tier)], check, new ReopenForm());
    }

    private async Task<CyclesModel> ListAsync(CycleForm form, CancellationToken cancellationToken) =>
        new(await db.Cycles.AsNoTracking().OrderByDescending(c => c.PeriodStart)
            .Select(c => new CycleRow(c.Id, c.Name, c.PeriodStart, c.PeriodEnd, c.Status,
                db.PanelScores.Count(s => s.CycleId == c.Id), db.Results.Count(r => r.CycleId == c.Id)))
            .ToListAsync(cancellationToken), form);
}
