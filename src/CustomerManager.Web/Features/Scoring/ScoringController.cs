using System.Globalization;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Organisation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Features.Cycles;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Scoring;

/// <summary>
/// Panel scoring: a panel member scores, for each account manager, only the criteria their seat covers,
/// 0–100 with at most one decimal, beside the manager's evidence for the cycle's period. Scores can be
/// changed while the cycle is open; two people saving the same score cannot overwrite each other unseen.
/// </summary>
[Authorize(Policy = Policies.PanelMember)]
public sealed class ScoringController(AppDbContext db, EvidenceQuery evidence, MemberProgressQuery progress, IStringLocalizer<SharedResource> l, ILogger<ScoringController> logger) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int? cycleId, bool todo, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var cycle = await OpenCycleAsync(cycleId, cancellationToken);
        if (cycle is null)
        {
            return cycleId is null ? View("NoOpenCycle") : NotFound();
        }

        var seat = Seat;
        var toScore = cycle.Criteria.Count(c => c.IsScoredBy(seat));
        var rows = await progress.RowsAsync(cycle, Me, seat, cancellationToken);
        if (todo)
        {
            rows = [.. rows.Where(r => r.State != CellState.Done)];
        }

        // A province's panel scores up to 2,000 managers: a page of them at a time, or only those left to do.
        var mine = cycle.DepartmentsOf(Me, seat)?.ToList() ?? [];
        var departments = await db.OrgUnits.AsNoTracking().Where(u => mine.Contains(u.Id)).OrderBy(u => u.NameSortKey)
            .Select(u => new { u.Name, u.NameEn }).ToListAsync(cancellationToken);
        return View(new ScoringListModel(cycle.Id, cycle.Name, seat, toScore, rows.ToPagedList(page, pageSize ?? 50), todo)
        {
            Departments = [.. departments.Select(d => OrgUnit.NameIn(d.Name, d.NameEn, english: !Cultures.IsChinese))],
        });
    }

    [HttpGet]
    public async Task<IActionResult> Score(int cycleId, int managerId, CancellationToken cancellationToken)
    {
        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == cycleId, cancellationToken);
        if (cycle is null || cycle.Status == CycleStatus.Draft)
        {
            return NotFound();
        }

        var model = await PageAsync(cycle, managerId, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>Saves the member's scores for one manager (see <see cref="ScoreRecorder"/>): all of them, or none and why.</summary>
    [HttpPost]
    public async Task<IActionResult> Score(int cycleId, int managerId, ScoreForm form, [FromServices] IValidator<ScoreForm> validator, [FromServices] ScoreRecorder recorder, CancellationToken cancellationToken)
    {
        // Only a manager of a department whose panel the member sits on (in this cycle); any other is not found.
        var scored = await db.Cycles.AsNoTracking().Where(c => c.Id == cycleId).SingleOrDefaultAsync(cancellationToken);
        if (scored is null || !await ScoresAsync(scored, managerId, cancellationToken))
        {
            return NotFound();
        }

        if (await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            var problems = await recorder.SaveAsync(cycleId, managerId, Me, Seat, form.Items, cancellationToken);
            if (problems is null)
            {
                return NotFound();
            }

            if (problems.Count == 0)
            {
                logger.LogInformation("Scores saved in cycle {CycleId} for manager {ManagerId}", cycleId, managerId);
                TempData.Flash(l["Scoring.Saved"]);
                var next = form.Then == "next" ? await NextAsync(cycleId, managerId, cancellationToken) : null;
                return next is { } nextId
                    ? RedirectToAction(nameof(Score), new { cycleId, managerId = nextId })
                    : RedirectToAction(form.Then == "next" ? nameof(Index) : nameof(Score), form.Then == "next" ? new { cycleId } : new { cycleId, managerId });
            }

            foreach (var problem in problems)
            {
                ModelState.AddModelError(problem.Item is { } i ? $"Items[{i}].Value" : string.Empty, problem.Message);
            }
        }

        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == cycleId, cancellationToken);
        var page = cycle is null ? null : await PageAsync(cycle, managerId, form, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    private string Me => User.UserIdOf()!;

    private PanelRole Seat => User.PanelRoleOf()!.Value;

    private Task<EvaluationCycle?> OpenCycleAsync(int? cycleId, CancellationToken cancellationToken) =>
        db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery()
            .Where(c => cycleId == null ? c.Status == CycleStatus.Open : c.Id == cycleId && c.Status != CycleStatus.Draft)
            .OrderBy(c => c.PeriodStart)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Once this manager's scores are saved, the next one in the member's scoring order who still has a score to give,
    /// going round to the start of the list; none when every one is done (the member goes back to the list).
    /// </summary>
    private async Task<int?> NextAsync(int cycleId, int managerId, CancellationToken cancellationToken)
    {
        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery().SingleAsync(c => c.Id == cycleId, cancellationToken);
        var rows = await progress.RowsAsync(cycle, Me, Seat, cancellationToken);
        var index = rows.Select(r => r.ManagerId).ToList().IndexOf(managerId);
        return rows.Skip(index + 1).Concat(rows.Take(Math.Max(index, 0)))
            .FirstOrDefault(r => r.State != CellState.Done && r.ManagerId != managerId)?.ManagerId;
    }

    private static int? Neighbour(IReadOnlyList<ScoringListRow> managers, int managerId, int step)
    {
        var index = managers.Select(m => m.ManagerId).ToList().IndexOf(managerId);
        var next = index + step;
        return index < 0 || next < 0 || next >= managers.Count ? null : managers[next].ManagerId;
    }

    /// <summary>Whether the member sits, in this cycle, on the panel of the active manager's department.</summary>
    private async Task<bool> ScoresAsync(EvaluationCycle cycle, int managerId, CancellationToken cancellationToken)
    {
        var manager = await db.AccountManagers.AsNoTracking().Where(m => m.Id == managerId && m.IsActive)
            .Select(m => new { m.District.ParentId }).SingleOrDefaultAsync(cancellationToken);
        return manager is not null && cycle.Seats(Me, Seat, manager.ParentId);
    }

    private async Task<ScorePageModel?> PageAsync(EvaluationCycle cycle, int managerId, ScoreForm? posted, CancellationToken cancellationToken)
    {
        var manager = await db.AccountManagers.AsNoTracking().Where(m => m.Id == managerId && m.IsActive)
            .Select(m => new ManagerRow(m.Id, m.Name, m.EmployeeNumber, m.District.Name, m.District.ParentId)).SingleOrDefaultAsync(cancellationToken);
        if (manager is null || !cycle.Seats(Me, Seat, manager.DepartmentId))
        {
            return null;
        }

        // An upheld appeal being re-scored reopens the contested criteria of this manager only, in the published cycle.
        var appeal = cycle.Status == CycleStatus.Published
            ? await db.Appeals.AsNoTracking().SingleOrDefaultAsync(a => a.CycleId == cycle.Id && a.AccountManagerId == managerId && a.Status == AppealStatus.Rescoring, cancellationToken)
            : null;
        var criteria = cycle.Criteria.Where(c => c.IsScoredBy(Seat) && (appeal is null || appeal.Contests(c.Id))).OrderBy(c => c.SortOrder)
            .Select(c => new CriterionToScore(c.Id, Cultures.Pick(c.NameZh, c.NameEn), c.Weight, cycle.ShareOf(c))).ToList();
        var mine = await db.PanelScores.AsNoTracking().Where(s => s.CycleId == cycle.Id && s.AccountManagerId == managerId && s.PanelMemberId == Me)
            .ToDictionaryAsync(s => s.CycleCriterionId, cancellationToken);
        var form = posted ?? new ScoreForm
        {
            Items = criteria.Select(c => mine.TryGetValue(c.CycleCriterionId, out var s)
                ? new ScoreItem { CycleCriterionId = c.CycleCriterionId, Value = s.Value.ToString("0.#", CultureInfo.CurrentCulture), Comment = s.Comment, Version = s.Version }
                : new ScoreItem { CycleCriterionId = c.CycleCriterionId }).ToList(),
        };
        var previous = await db.Results.AsNoTracking().Where(r => r.AccountManagerId == managerId)
            .Join(db.Cycles.Where(c => c.Status == CycleStatus.Published && c.PeriodEnd < cycle.PeriodStart), r => r.CycleId, c => c.Id, (r, c) => new { r.Tier, r.FinalScore, c.Name, c.PeriodEnd })
            .OrderByDescending(x => x.PeriodEnd).FirstOrDefaultAsync(cancellationToken);
        // Once the cycle has closed, the figures are the ones stored with the result, as the panel saw them.
        var stored = cycle.Status is CycleStatus.Closed or CycleStatus.Published
            ? await db.Results.AsNoTracking().Where(r => r.CycleId == cycle.Id && r.AccountManagerId == managerId)
                .Select(r => new { r.Evidence, r.EvidenceTakenUtc }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var figures = stored?.Evidence ?? await evidence.ForManagerAsync(managerId, cycle.PeriodStart, cycle.PeriodEnd, cancellationToken);
        var order = await progress.RowsAsync(cycle, Me, Seat, cancellationToken);
        return new ScorePageModel(cycle.Id, cycle.Name, cycle.PeriodStart, cycle.PeriodEnd, manager.Id, manager.Name, manager.EmployeeNumber, manager.District,
            previous?.Tier, previous?.FinalScore, previous?.Name, figures, criteria, form,
            Neighbour(order, managerId, 1), Neighbour(order, managerId, -1),
            cycle.Status == CycleStatus.Open || (cycle.Status == CycleStatus.Closed && cycle.IsReopenedFor(managerId)) || (appeal is not null && criteria.Count > 0))
        {
            AppealId = appeal?.Id,
            Reopened = cycle.Status == CycleStatus.Closed && cycle.IsReopenedFor(managerId),
            EvidenceTakenUtc = stored?.EvidenceTakenUtc,
            EvidenceClosed = cycle.Status is CycleStatus.Closed or CycleStatus.Published,
        };
    }

    private sealed record ManagerRow(int Id, string Name, string EmployeeNumber, string District, int? DepartmentId);
}
