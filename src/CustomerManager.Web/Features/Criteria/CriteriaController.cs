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

namespace CustomerManager.Web.Features.Criteria;

/// <summary>
/// Criteria, weights and tier bounds. Before saving new weights or bounds the administrator previews, for the
/// latest closed cycle, every manager's score and tier under the current and the proposed settings. Saved
/// settings apply to cycles opened afterwards (open cycles keep what they froze); every change is audited.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class CriteriaController(
    AppDbContext db,
    IValidator<SettingsForm> settingsValidator,
    IValidator<CriterionForm> criterionValidator,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await ModelAsync(await CurrentSettingsAsync(cancellationToken), whatIf: false, cancellationToken));

    [HttpPost]
    public async Task<IActionResult> Preview(SettingsForm form, CancellationToken cancellationToken) =>
        View(nameof(Index), await ModelAsync(form, whatIf: await ValidAsync(form, cancellationToken) is not null, cancellationToken));

    [HttpPost]
    public async Task<IActionResult> Save(SettingsForm form, CancellationToken cancellationToken)
    {
        if (await ValidAsync(form, cancellationToken) is not { } bounds)
        {
            return View(nameof(Index), await ModelAsync(form, whatIf: false, cancellationToken));
        }

        var criteria = await db.Criteria.Where(c => !c.IsRetired).ToDictionaryAsync(c => c.Id, cancellationToken);
        foreach (var item in form.Weights.Where(w => criteria.ContainsKey(w.CriterionId)))
        {
            criteria[item.CriterionId].Reweight(item.Weight!.Value);
            db.Entry(criteria[item.CriterionId]).Property(c => c.Version).OriginalValue = item.Version;
        }

        var settings = await db.RatingSettings.SingleAsync(cancellationToken);
        settings.ChangeBounds(bounds);
        if (await db.SaveSeenAsync(settings, form.BoundsVersion, ModelState, l, cancellationToken) is not null)
        {
            // Someone saved weights or bounds meanwhile: what was typed stays, with the versions as they are now.
            var now = await CurrentSettingsAsync(cancellationToken);
            form.BoundsVersion = now.BoundsVersion;
            foreach (var item in form.Weights)
            {
                item.Version = now.Weights.FirstOrDefault(w => w.CriterionId == item.CriterionId)?.Version ?? item.Version;
            }

            return View(nameof(Index), await ModelAsync(form, whatIf: false, cancellationToken));
        }

        TempData.Flash(l["Criteria.Saved"]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public IActionResult Create() => View("Edit", new CriterionForm { Weight = 10 });

    [HttpPost]
    public async Task<IActionResult> Create(CriterionForm form, CancellationToken cancellationToken)
    {
        form.Id = null;
        if (!await criterionValidator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View("Edit", form);
        }

        var order = (await db.Criteria.MaxAsync(c => (int?)c.SortOrder, cancellationToken) ?? 0) + 1;
        db.Criteria.Add(new Criterion(form.NameZh!, form.NameEn!, form.Weight!.Value, form.ScoredBy, order, form.Description));
        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l["Criteria.Saved"]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var c = await db.Criteria.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        return c is null ? NotFound() : View(new CriterionForm
        {
            Id = c.Id,
            Version = c.Version,
            NameZh = c.NameZh,
            NameEn = c.NameEn,
            Description = c.Description,
            Weight = c.Weight,
            ScoredBy = [.. c.ScoredBy],
            SortOrder = c.SortOrder,
        });
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, CriterionForm form, CancellationToken cancellationToken)
    {
        var criterion = await db.Criteria.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (criterion is null)
        {
            return NotFound();
        }

        form.Id = id;
        if (!await criterionValidator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(form);
        }

        criterion.Rename(form.NameZh!, form.NameEn!, form.Description);
        criterion.Reweight(form.Weight!.Value);
        criterion.SetScoringRoles(form.ScoredBy);
        criterion.MoveTo(form.SortOrder);
        if (await db.SaveSeenAsync(criterion, form.Version, ModelState, l, cancellationToken) is { } current)
        {
            form.Version = current;
            return View(form);
        }

        TempData.Flash(l["Criteria.Saved"]);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Criteria are never deleted (cycles keep copies of them): they are retired and may be reinstated.</summary>
    [HttpPost]
    public async Task<IActionResult> Retire(int id, CancellationToken cancellationToken)
    {
        var criterion = await db.Criteria.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (criterion is null)
        {
            return NotFound();
        }

        try
        {
            // Two administrators retiring the last two criteria at once must not both pass the count: the
            // settings row is locked first, which serialises them.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.RatingSettings.LockForUpdateAsync(cancellationToken);
            var reinstating = criterion.IsRetired;
            if (reinstating)
            {
                criterion.Reinstate();
            }
            else
            {
                criterion.Retire(await db.Criteria.CountAsync(c => !c.IsRetired, cancellationToken));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            TempData.Flash(l[reinstating ? "Criteria.Reinstated" : "Criteria.Retired", Cultures.Pick(criterion.NameZh, criterion.NameEn)]);
        }
        catch (DomainException e)
        {
            TempData.Warn(l.Message(e));
        }

        return RedirectToAction(nameof(Index));
    }

    /// <summary>Validates the form and the bounds (domain rules); returns the bounds when all is well.</summary>
    private async Task<TierBounds?> ValidAsync(SettingsForm form, CancellationToken cancellationToken)
    {
        if (!await settingsValidator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return null;
        }

        try
        {
            return new TierBounds(form.FiveStar!.Value, form.FourStar!.Value, form.ThreeStar!.Value, form.Ordinary!.Value);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(SettingsForm.FiveStar), l.Message(e));
            return null;
        }
    }

    private async Task<SettingsForm> CurrentSettingsAsync(CancellationToken cancellationToken)
    {
        var settings = await db.RatingSettings.AsNoTracking().SingleAsync(cancellationToken);
        var bounds = settings.Bounds;
        return new SettingsForm
        {
            BoundsVersion = settings.Version,
            Weights = await db.Criteria.AsNoTracking().Where(c => !c.IsRetired).OrderBy(c => c.SortOrder)
                .Select(c => new WeightItem { CriterionId = c.Id, Weight = c.Weight, Version = c.Version }).ToListAsync(cancellationToken),
            FiveStar = bounds.FiveStar,
            FourStar = bounds.FourStar,
            ThreeStar = bounds.ThreeStar,
            Ordinary = bounds.Ordinary,
        };
    }

    private async Task<CriteriaModel> ModelAsync(SettingsForm form, bool whatIf, CancellationToken cancellationToken)
    {
        var criteria = await db.Criteria.AsNoTracking().OrderBy(c => c.IsRetired).ThenBy(c => c.SortOrder).ToListAsync(cancellationToken);
        var used = await db.CycleCriteria.AsNoTracking().Select(c => c.CriterionId).Distinct().ToListAsync(cancellationToken);
        // The shares of the weights on the page: those typed, when they are numbers, else those saved.
        var typed = form.Weights.Where(w => w.Weight is > 0).DistinctBy(w => w.CriterionId).ToDictionary(w => w.CriterionId, w => w.Weight!.Value);
        decimal WeightOf(Criterion c) => typed.GetValueOrDefault(c.Id, c.Weight);
        var total = criteria.Where(c => !c.IsRetired).Sum(WeightOf);
        var saved = await db.RatingSettings.AsNoTracking().Select(r => r.Bounds).SingleAsync(cancellationToken);
        var rows = criteria.Select(c => new CriterionRow(c.Id, c.NameZh, c.NameEn, c.Description, c.Weight, c.IsRetired ? 0 : Weighting.Share(WeightOf(c), total),
            c.ScoredBy, c.SortOrder, c.IsRetired, used.Contains(c.Id))).ToList();
        if (!whatIf)
        {
            return new CriteriaModel(rows, form, null, null, new Dictionary<int, string>()) { SavedBounds = saved };
        }

        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery()
            .Where(c => c.Status == CycleStatus.Closed || c.Status == CycleStatus.Published)
            .OrderByDescending(c => c.PeriodEnd).FirstOrDefaultAsync(cancellationToken);
        if (cycle is null)
        {
            return new CriteriaModel(rows, form, null, null, new Dictionary<int, string>()) { SavedBounds = saved };
        }

        var scores = await db.GivenScores(cycle.Id).ToListAsync(cancellationToken);
        var proposed = form.Weights.Where(w => w.Weight is not null).DistinctBy(w => w.CriterionId).ToDictionary(w => w.CriterionId, w => w.Weight!.Value);
        var result = WhatIf.Compare(cycle, scores, proposed, new TierBounds(form.FiveStar!.Value, form.FourStar!.Value, form.ThreeStar!.Value, form.Ordinary!.Value));
        var names = await db.AccountManagers.AsNoTracking().Select(m => new { m.Id, m.Name, m.EmployeeNumber })
            .ToDictionaryAsync(m => m.Id, m => $"{m.Name} ({m.EmployeeNumber})", cancellationToken);
        return new CriteriaModel(rows, form, cycle.Name, result, names) { SavedBounds = saved };
    }
}
