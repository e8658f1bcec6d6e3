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

namespace CustomerManager.Web.Features.Appeals;

public sealed record AppealCriterionRow(int Id, string Name, decimal? Before, decimal? After, IReadOnlyList<AppealScoreRow> Scores);

/// <summary>A panel score of a contested criterion as it stands now (staff only).</summary>
public sealed record AppealScoreRow(string Member, PanelRole Seat, decimal Value);

public sealed record AppealResponseRow(string Member, PanelRole Seat, string Text, DateTime GivenUtc);

public sealed record AppealDetailsModel(
    Appeal Appeal, string CycleName, string ManagerName, string EmployeeNumber, IReadOnlyList<AppealCriterionRow> Criteria,
    IReadOnlyList<AppealResponseRow> Responses, IReadOnlyList<PanelRole> SeatsAsked, bool IsAdministrator, bool CanRespond, bool ShowPanel)
{
    public DecisionForm Decision { get; init; } = new();

    public ResponseForm Response { get; init; } = new();
}

public sealed record CriterionChoice(int Id, string Name, decimal Share, decimal? MyScore);

public sealed record AppealNewModel(int CycleId, string CycleName, DateOnly AppealsUntil, decimal? FinalScore, Tier? Tier, IReadOnlyList<CriterionChoice> Criteria, AppealForm Form);

public sealed record AppealListRow(int Id, string ManagerName, string EmployeeNumber, DateTime SubmittedUtc, AppealStatus Status, int Criteria);

public sealed record AppealListModel(IReadOnlyList<(int Id, string Name)> Cycles, int? CycleId, AppealStatus? Status, IReadOnlyList<AppealListRow> Rows, int AppealDays);

/// <summary>
/// Appeals (申诉): an account manager appeals their published result within the cycle's window (which criteria, and
/// why); administrators see a cycle's appeals, ask the seats that scored the contested criteria for a response, and
/// uphold (the seats re-score those criteria of this manager only, then the result is recomputed) or dismiss, with a
/// written reason. The manager sees the decision and both results; every step is audited and notified.
/// </summary>
[Authorize(Policy = Policies.AnyRole)]
public sealed class AppealsController(AppDbContext db, AppealWorkflow workflow, IStringLocalizer<SharedResource> l, ILogger<AppealsController> logger) : Controller
{
    [HttpGet]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Index(int? cycleId, AppealStatus? status, CancellationToken cancellationToken) =>
        View(await ListAsync(cycleId, status, cancellationToken));

    /// <summary>
    /// How many days after publication managers may appeal (cycles published from now on). A refusal shows the list again
    /// with the message at the field and what was typed still in it.
    /// </summary>
    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Window(string? days, CancellationToken cancellationToken)
    {
        var settings = await db.RatingSettings.SingleAsync(cancellationToken);
        try
        {
            if (NumberText.TryParseWhole(days, out var value) != NumberTextError.None || value > int.MaxValue)
            {
                throw new DomainException(ErrorCodes.Appeal.DaysOutOfRange, "Not a number of days.", RatingSettings.MaxAppealDays);
            }

            settings.ChangeAppealDays((int)value);
            await db.SaveChangesAsync(cancellationToken);
            TempData.Flash(l["Appeals.WindowSaved", settings.AppealDays]);
            return RedirectToAction(nameof(Index));
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("days", l.Message(e));
            return View(nameof(Index), await ListAsync(null, null, cancellationToken));
        }
    }

    private async Task<AppealListModel> ListAsync(int? cycleId, AppealStatus? status, CancellationToken cancellationToken)
    {
        var cycles = await db.Cycles.AsNoTracking().Where(c => c.Status == CycleStatus.Published).OrderByDescending(c => c.PeriodEnd)
            .Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
        var rows = await db.Appeals.AsNoTracking()
            .Where(a => (cycleId == null || a.CycleId == cycleId) && (status == null || a.Status == status))
            .OrderBy(a => a.IsOpen ? 0 : 1).ThenByDescending(a => a.SubmittedUtc)
            .Join(db.AccountManagers, a => a.AccountManagerId, m => m.Id, (a, m) => new AppealListRow(a.Id, m.Name, m.EmployeeNumber, a.SubmittedUtc, a.Status, a.Criteria.Count()))
            .Take(500).ToListAsync(cancellationToken);
        var days = await db.RatingSettings.AsNoTracking().Select(r => r.AppealDays).SingleAsync(cancellationToken);
        return new AppealListModel([.. cycles.Select(c => (c.Id, c.Name))], cycleId, status, rows, days);
    }

    [HttpGet]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> New(int cycleId, CancellationToken cancellationToken)
    {
        var model = await NewModelAsync(new AppealForm { CycleId = cycleId }, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        return await OpenAppealAsync(cycleId, cancellationToken) is { } open ? RedirectToAction(nameof(Details), new { id = open }) : View(model);
    }

    [HttpPost]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> New(AppealForm form, [FromServices] IValidator<AppealForm> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            try
            {
                var appeal = await workflow.FileAsync(form.CycleId, Me, form.CriterionIds, form.Reason!, cancellationToken);
                logger.LogInformation("Appeal {AppealId} filed in cycle {CycleId}", appeal.Id, form.CycleId);
                TempData.Flash(l["Appeals.Filed"]);
                return RedirectToAction(nameof(Details), new { id = appeal.Id });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(e.Code is ErrorCodes.Appeal.ReasonRequired or ErrorCodes.Appeal.ReasonTooLong ? nameof(AppealForm.Reason)
                    : e.Code is ErrorCodes.Appeal.CriteriaRequired or ErrorCodes.Appeal.UnknownCriterion ? nameof(AppealForm.CriterionIds) : string.Empty, l.Message(e));
            }
        }

        var model = await NewModelAsync(form, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await DetailsModelAsync(id, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    public Task<IActionResult> AskPanel(int id, int version, CancellationToken cancellationToken) =>
        StepAsync(id, () => workflow.AskPanelAsync(id, version, cancellationToken), "Appeals.PanelAsked");

    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Decide(int id, DecisionForm form, [FromServices] IValidator<DecisionForm> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            var model = await DetailsModelAsync(id, cancellationToken);
            return model is null ? NotFound() : View(nameof(Details), model with { Decision = form });
        }

        return await StepAsync(id, () => workflow.DecideAsync(id, form.Version, form.Uphold, form.Decision!, cancellationToken), form.Uphold ? "Appeals.Upheld" : "Appeals.Dismissed");
    }

    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    public Task<IActionResult> Complete(int id, int version, CancellationToken cancellationToken) =>
        StepAsync(id, () => workflow.CompleteAsync(id, version, cancellationToken), "Appeals.Completed");

    [HttpPost]
    [Authorize(Policy = Policies.PanelMember)]
    public async Task<IActionResult> Respond(int id, ResponseForm form, [FromServices] IValidator<ResponseForm> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var model = await DetailsModelAsync(id, cancellationToken);
        if (model is null || !model.CanRespond)
        {
            return NotFound();
        }

        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(nameof(Details), model with { Response = form });
        }

        return await StepAsync(id, () => workflow.RespondAsync(id, User.UserIdOf()!, User.PanelRoleOf()!.Value, form.Text!, cancellationToken), "Appeals.Responded");
    }

    private int Me => User.AccountManagerIdOf()!.Value;

    private async Task<IActionResult> StepAsync(int id, Func<Task> step, string done)
    {
        try
        {
            await step();
            logger.LogInformation("Appeal {AppealId}: {Step}", id, done);
            TempData.Flash(l[done]);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
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

    private Task<int?> OpenAppealAsync(int cycleId, CancellationToken cancellationToken)
    {
        var me = Me;
        return db.Appeals.AsNoTracking().Where(a => a.CycleId == cycleId && a.AccountManagerId == me && a.IsOpen).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<AppealNewModel?> NewModelAsync(AppealForm form, CancellationToken cancellationToken)
    {
        var me = Me;
        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == form.CycleId && c.Status == CycleStatus.Published, cancellationToken);
        var result = await db.Results.AsNoTracking().SingleOrDefaultAsync(r => r.CycleId == form.CycleId && r.AccountManagerId == me, cancellationToken);
        if (cycle is null || result is null || cycle.AppealsUntil is null)
        {
            return null;
        }

        var means = result.CriterionScores.ToDictionary(s => s.CycleCriterionId, s => s.Score);
        var criteria = cycle.Criteria.OrderBy(c => c.SortOrder)
            .Select(c => new CriterionChoice(c.Id, Cultures.Pick(c.NameZh, c.NameEn), cycle.ShareOf(c), means.GetValueOrDefault(c.Id))).ToList();
        return new AppealNewModel(cycle.Id, cycle.Name, cycle.AppealsUntil.Value, result.FinalScore, result.IsRated ? result.Tier : null, criteria, form);
    }

    /// <summary>
    /// The appeal as its reader may see it: an administrator every appeal; the manager their own (without the panel's
    /// names and responses); a panel member the appeals of their departments' managers that ask their seat, once asked.
    /// </summary>
    private async Task<AppealDetailsModel?> DetailsModelAsync(int id, CancellationToken cancellationToken)
    {
        var appeal = await db.Appeals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appeal is null)
        {
            return null;
        }

        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery().SingleAsync(c => c.Id == appeal.CycleId, cancellationToken);
        var department = await db.Results.AsNoTracking().Where(r => r.CycleId == appeal.CycleId && r.AccountManagerId == appeal.AccountManagerId)
            .Select(r => r.DepartmentId).SingleOrDefaultAsync(cancellationToken);
        var seats = appeal.SeatsAsked(cycle);
        var admin = User.SeesEverything();
        var me = User.UserIdOf();
        var asked = User.IsPanelMember() && User.PanelRoleOf() is { } seat && seats.Contains(seat) && cycle.Seats(me!, seat, department)
            && appeal.Status != AppealStatus.Submitted;
        var own = User.AccountManagerIdOf() == appeal.AccountManagerId;
        if (!admin && !asked && !own)
        {
            return null;
        }

        var manager = await db.AccountManagers.AsNoTracking().Where(m => m.Id == appeal.AccountManagerId).Select(m => new { m.Name, m.EmployeeNumber }).SingleAsync(cancellationToken);
        var showPanel = admin || asked;
        var contested = appeal.Criteria.Select(c => c.CycleCriterionId).ToList();
        var scores = showPanel
            ? await db.PanelScores.AsNoTracking().Where(s => s.CycleId == appeal.CycleId && s.AccountManagerId == appeal.AccountManagerId && contested.Contains(s.CycleCriterionId)).ToListAsync(cancellationToken)
            : [];
        var memberIds = scores.Select(s => s.PanelMemberId).Concat(appeal.Responses.Select(r => r.PanelMemberId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var byId = cycle.Criteria.ToDictionary(c => c.Id);
        var criteria = appeal.Criteria.Select(c => new AppealCriterionRow(
            c.CycleCriterionId, byId.TryGetValue(c.CycleCriterionId, out var cc) ? Cultures.Pick(cc.NameZh, cc.NameEn) : "?", c.ScoreBefore, c.ScoreAfter,
            [.. scores.Where(s => s.CycleCriterionId == c.CycleCriterionId).OrderBy(s => s.PanelRole).Select(s => new AppealScoreRow(names.GetValueOrDefault(s.PanelMemberId) ?? "?", s.PanelRole, s.Value))])).ToList();
        var responses = showPanel
            ? appeal.Responses.OrderBy(r => r.GivenUtc).Select(r => new AppealResponseRow(names.GetValueOrDefault(r.PanelMemberId) ?? "?", r.Seat, r.Text, r.GivenUtc)).ToList()
            : [];
        var canRespond = asked && appeal.Status is AppealStatus.Submitted or AppealStatus.PanelAsked;
        return new AppealDetailsModel(appeal, cycle.Name, manager.Name, manager.EmployeeNumber, criteria, responses, seats, admin, canRespond, showPanel)
        {
            Decision = new DecisionForm { Version = appeal.Version },
        };
    }
}
