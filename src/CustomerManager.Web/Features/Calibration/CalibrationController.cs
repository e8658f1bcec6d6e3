using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Features.Cycles;
using CustomerManager.Web.Features.Notifications;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Features.Calibration;

/// <summary>The tier distribution of the company (<paramref name="Department"/> null) or of one department, with its breaches.</summary>
public sealed record DistributionRow(int? DepartmentId, string? Department, TierShares Shares, int NotRated, IReadOnlyList<GuidelineBreach> Breaches);

public sealed record NearBoundRow(int ManagerId, string Name, string EmployeeNumber, string? Department, NearBound Near);

public sealed record RaterRow(string Member, PanelRole? Seat, RaterHabits Habits, bool Lenient, bool Severe);

public sealed record CalibrationFlag(int ManagerId, string Manager, string Criterion, decimal Spread);

public sealed record CalibrationModel(
    int CycleId, string CycleName, CycleStatus Status, TierBounds Bounds, IReadOnlyList<DistributionRow> Distribution, IReadOnlyList<NearBoundRow> NearBounds,
    IReadOnlyList<RaterRow> Raters, IReadOnlyList<CalibrationFlag> Flags, decimal LeniencyThreshold, decimal DisagreementThreshold, GuidelineForm Guideline, string? GuidelineReason)
{
    public int BreachCount => Distribution.Sum(d => d.Breaches.Count);

    /// <summary>The managers reopened for re-scoring, waiting to be recomputed.</summary>
    public IReadOnlyList<ReopenedRow> Reopened { get; init; } = [];

    /// <summary>Whom the administrator may reopen: those this page points at first (near a bound, flagged), then the others of a small company.</summary>
    public IReadOnlyList<(int Id, string Name)> Candidates { get; init; } = [];

    public ReopenForForm Reopen { get; init; } = new();
}

public sealed record ReopenedRow(int ManagerId, string Name, string Reason, DateTime ReopenedUtc, int ScoresChanged);

/// <summary>Reopening a closed cycle for one manager, with why.</summary>
public sealed class ReopenForForm
{
    public int? ManagerId { get; set; }

    public string? Reason { get; set; }
}

/// <summary>The guideline's limits as typed: per tier, at most and at least (percent, blank for none), read by the strict parser.</summary>
public sealed class GuidelineForm
{
    public List<GuidelineItem> Items { get; set; } = [];
}

public sealed class GuidelineItem
{
    public Tier Tier { get; set; }

    public string? AtMost { get; set; }

    public string? AtLeast { get; set; }
}

/// <summary>
/// Calibration (校准) of a closed cycle before it is published: the tier distribution of the company and of each
/// department against the administrator's optional guideline for the cycle, the managers within a point of a tier
/// bound, each panel member's leniency and spread, and the panel's disagreements. Nothing here changes a score:
/// the administrator reopens (on the cycle's page) or publishes, with a written reason when the guideline is exceeded.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class CalibrationController(AppDbContext db, IOptions<EvaluationOptions> options, IStringLocalizer<SharedResource> l, TimeProvider clock, Notifier notifier, ILogger<CalibrationController> logger) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(id, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>Sets (or clears) the cycle's tier guideline, until it is published.</summary>
    [HttpPost]
    public async Task<IActionResult> Guideline(int id, GuidelineForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var cycle = await db.Cycles.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cycle is null)
        {
            return NotFound();
        }

        var limits = new List<GuidelineLimit>();
        for (var i = 0; i < form.Items.Count; i++)
        {
            var item = form.Items[i];
            var most = Percent(item.AtMost, $"Items[{i}].AtMost");
            var least = Percent(item.AtLeast, $"Items[{i}].AtLeast");
            limits.Add(new GuidelineLimit(item.Tier, most, least));
        }

        if (ModelState.IsValid)
        {
            try
            {
                cycle.SetGuideline(limits);
                await db.SaveChangesAsync(cancellationToken);
                TempData.Flash(l["Calibration.GuidelineSaved"]);
                return RedirectToAction(nameof(Index), new { id });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(string.Empty, l.Message(e));
            }
        }

        var model = await ModelAsync(id, form, cancellationToken);
        return model is null ? NotFound() : View(nameof(Index), model);
    }

    /// <summary>
    /// Reopens the closed cycle for one manager, with a reason: their panel is told and scores them again; the rest of the
    /// results stay as closed. Takes the scoring lock, as closing does.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> ReopenFor(int id, ReopenForForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.ManagerId is null)
        {
            ModelState.AddModelError("ManagerId", l["Validation.Choose"]);
        }

        if (string.IsNullOrWhiteSpace(form.Reason))
        {
            ModelState.AddModelError("Reason", l[ErrorCodes.Cycle.ReopenReasonRequired]);
        }

        if (ModelState.IsValid)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (await db.Cycles.Where(c => c.Id == id).LockForScoringAsync(cancellationToken) == 0)
                {
                    return NotFound();
                }

                var cycle = await db.Cycles.Include(c => c.Criteria).Include(c => c.Results).AsSplitQuery().SingleAsync(c => c.Id == id, cancellationToken);
                var managerId = form.ManagerId!.Value;
                cycle.ReopenFor(managerId, form.Reason!, clock.GetLocalNow());
                var manager = await db.AccountManagers.Where(m => m.Id == managerId).Select(m => m.Name).SingleAsync(cancellationToken);
                await notifier.ManagerReopenedAsync(cycle, managerId, cycle.Results.Single(r => r.AccountManagerId == managerId).DepartmentId, manager, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Cycle {CycleId} reopened for manager {ManagerId}", id, managerId);
                TempData.Flash(l["Calibration.ReopenedFor", manager]);
                return RedirectToAction(nameof(Index), new { id });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(e.Code is ErrorCodes.Cycle.ReopenReasonRequired or ErrorCodes.Cycle.ReopenReasonTooLong ? "Reason" : string.Empty, l.Message(e));
            }
        }

        var model = await ModelAsync(id, null, cancellationToken);
        return model is null ? NotFound() : View(nameof(Index), model with { Reopen = form });
    }

    /// <summary>Recomputes a reopened manager's result from the panel's scores now, with the cycle's frozen settings.</summary>
    [HttpPost]
    public async Task<IActionResult> Recompute(int id, int managerId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Cycles.Where(c => c.Id == id).LockForScoringAsync(cancellationToken) == 0)
        {
            return NotFound();
        }

        var cycle = await db.Cycles.Include(c => c.Criteria).Include(c => c.Results).AsSplitQuery().SingleAsync(c => c.Id == id, cancellationToken);
        try
        {
            var scores = await db.PanelScores.AsNoTracking().Where(s => s.CycleId == id && s.AccountManagerId == managerId).ToListAsync(cancellationToken);
            cycle.RecomputeFor(managerId, scores, clock.GetLocalNow());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            var manager = await db.AccountManagers.Where(m => m.Id == managerId).Select(m => m.Name).SingleAsync(cancellationToken);
            TempData.Flash(l["Calibration.Recomputed", manager]);
        }
        catch (DomainException e)
        {
            TempData.Warn(l.Message(e));
        }

        return RedirectToAction(nameof(Index), new { id });
    }

    /// <summary>A typed share: blank for none, otherwise a plain number 0–100 (a percent sign is allowed).</summary>
    private decimal? Percent(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim().TrimEnd('%', '％').Trim();
        if (NumberText.TryParseDecimal(trimmed, out var value) == NumberTextError.None && value is >= 0 and <= 100)
        {
            return value;
        }

        ModelState.AddModelError(field, l["Calibration.PercentInvalid"]);
        return null;
    }

    private async Task<CalibrationModel?> ModelAsync(int id, GuidelineForm? posted, CancellationToken cancellationToken)
    {
        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).Include(c => c.Results).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cycle is null || cycle.Bounds is null || cycle.Status is CycleStatus.Draft or CycleStatus.Open)
        {
            return null;
        }

        var managers = await db.AccountManagers.AsNoTracking().Select(m => new { m.Id, m.Name, m.EmployeeNumber, m.NameSortKey })
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        var departmentIds = cycle.Results.Where(r => r.DepartmentId is not null).Select(r => r.DepartmentId!.Value).Distinct().ToList();
        var departments = await db.OrgUnits.AsNoTracking().Where(u => departmentIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Name, u.NameEn, u.NameSortKey }).ToDictionaryAsync(u => u.Id, cancellationToken);
        string? DepartmentName(int? d) => d is { } v && departments.TryGetValue(v, out var u) ? Domain.Organisation.OrgUnit.NameIn(u.Name, u.NameEn, english: !Cultures.IsChinese) : null;

        // The distribution: the company, then each department (by name), each with the limits it exceeds.
        var breaches = cycle.GuidelineBreaches();
        DistributionRow Row(int? department, IEnumerable<EvaluationResult> results)
        {
            var list = results.ToList();
            return new DistributionRow(department, DepartmentName(department), TierShares.Of(list.Select(r => r.IsRated ? r.Tier : null)), list.Count(r => !r.IsRated),
                [.. breaches.Where(b => b.DepartmentId == department)]);
        }

        var distribution = new List<DistributionRow> { Row(null, cycle.Results) };
        distribution.AddRange(cycle.Results.Where(r => r.DepartmentId is not null).GroupBy(r => r.DepartmentId)
            .OrderBy(g => departments.TryGetValue(g.Key!.Value, out var u) ? u.NameSortKey : string.Empty, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g)));

        var near = cycle.Results.Where(r => r.IsRated && r.FinalScore is not null)
            .Select(r => (Result: r, Near: Domain.Evaluation.Calibration.NearestBound(r.AccountManagerId, r.FinalScore!.Value, cycle.Bounds)))
            .Where(x => x.Near is not null)
            .OrderBy(x => Math.Abs(x.Near!.Distance)).ThenBy(x => managers.TryGetValue(x.Result.AccountManagerId, out var m) ? m.NameSortKey : string.Empty, StringComparer.Ordinal)
            .Select(x => new NearBoundRow(x.Result.AccountManagerId, managers.GetValueOrDefault(x.Result.AccountManagerId)?.Name ?? "?",
                managers.GetValueOrDefault(x.Result.AccountManagerId)?.EmployeeNumber ?? "?", DepartmentName(x.Result.DepartmentId), x.Near!))
            .ToList();

        var scores = await db.GivenScores(cycle.Id).ToListAsync(cancellationToken);
        var threshold = options.Value.LeniencyThreshold;
        var memberIds = scores.Select(s => s.PanelMemberId).Distinct().ToList();
        var members = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var raters = Domain.Evaluation.Calibration.Raters(scores)
            .Select(h => new RaterRow(members.GetValueOrDefault(h.PanelMemberId) ?? "?", cycle.Panel.FirstOrDefault(p => p.UserId == h.PanelMemberId)?.Role, h, h.IsLenient(threshold), h.IsSevere(threshold)))
            .OrderByDescending(r => r.Habits.Leniency ?? 0m).ToList();

        var criteria = cycle.Criteria.ToDictionary(c => c.Id);
        var flags = Disagreement.Flags(scores, options.Value.DisagreementThreshold)
            .Select(f => new CalibrationFlag(f.AccountManagerId, managers.GetValueOrDefault(f.AccountManagerId)?.Name ?? "?",
                criteria.TryGetValue(f.CycleCriterionId, out var c) ? Cultures.Pick(c.NameZh, c.NameEn) : "?", f.Spread))
            .ToList();

        var limits = cycle.Guideline.ToDictionary(g => g.Tier);
        var form = posted ?? new GuidelineForm
        {
            Items = [.. Enum.GetValues<Tier>().OrderDescending().Select(t => new GuidelineItem
            {
                Tier = t,
                AtMost = limits.GetValueOrDefault(t)?.AtMostPercent?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
                AtLeast = limits.GetValueOrDefault(t)?.AtLeastPercent?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
            })],
        };
        // Whom to reopen: the managers this page points at, then (in a small company) every other one with a result.
        var pointed = near.Select(n => n.ManagerId).Concat(flags.Select(f => f.ManagerId)).Distinct().ToList();
        var others = cycle.Results.Count <= 200 ? cycle.Results.Select(r => r.AccountManagerId).Except(pointed) : [];
        var candidates = pointed.Concat(others.OrderBy(m => managers.TryGetValue(m, out var x) ? x.NameSortKey : string.Empty, StringComparer.Ordinal))
            .Where(m => !cycle.IsReopenedFor(m) && managers.ContainsKey(m))
            .Select(m => (m, $"{managers[m].Name} ({managers[m].EmployeeNumber})")).ToList();
        var reopenedIds = cycle.Reopened.Select(r => r.AccountManagerId).ToList();
        var changed = await db.PanelScores.AsNoTracking().Where(s => s.CycleId == cycle.Id && reopenedIds.Contains(s.AccountManagerId) && s.ModifiedUtc != null && s.ModifiedUtc > cycle.ClosedUtc)
            .GroupBy(s => s.AccountManagerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var reopened = cycle.Reopened.OrderBy(r => r.ReopenedUtc)
            .Select(r => new ReopenedRow(r.AccountManagerId, managers.GetValueOrDefault(r.AccountManagerId)?.Name ?? "?", r.Reason, r.ReopenedUtc, changed.GetValueOrDefault(r.AccountManagerId)))
            .ToList();
        return new CalibrationModel(cycle.Id, cycle.Name, cycle.Status, cycle.Bounds, distribution, near, raters, flags, threshold, options.Value.DisagreementThreshold, form, cycle.GuidelineReason)
        {
            Reopened = reopened,
            Candidates = candidates,
        };
    }
}
