using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Common;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Districts;

public sealed class DistrictForm
{
    /// <summary>Null when adding.</summary>
    public int? Id { get; set; }

    /// <summary>The record's version when the form was opened.</summary>
    public int Version { get; set; }

    public string? Name { get; set; }
}

public sealed class DistrictFormValidator : AbstractValidator<DistrictForm>
{
    public DistrictFormValidator(IStringLocalizer<SharedResource> l, AppDbContext db)
    {
        RuleFor(f => f.Name).RequiredText(l, District.NameMaxLength);
        RuleFor(f => f.Name)
            .MustAsync(async (form, name, ct) =>
            {
                var trimmed = name!.Trim();
                return !await db.Districts.AnyAsync(d => d.Name == trimmed && d.Id != form.Id, ct);
            })
            .WithMessage(l["Districts.Taken"])
            .When(f => !string.IsNullOrWhiteSpace(f.Name));
    }
}

public sealed record DistrictRow(int Id, string Name, int ActiveManagers, int Managers);

public sealed record DistrictsModel(IReadOnlyList<DistrictRow> Districts, DistrictForm Form);

public sealed record DistrictEditModel(DistrictForm Form, DistrictRow District, IReadOnlyList<DistrictRow> Others);

/// <summary>
/// The managed list of districts (片区) that account managers are placed in. A typo is fixed by renaming the
/// district or by merging it into the right one; a district is deleted only when no manager is in it.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class DistrictsController(AppDbContext db, IValidator<DistrictForm> validator, IStringLocalizer<SharedResource> l, ILogger<DistrictsController> logger) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new DistrictsModel(await RowsAsync(cancellationToken), new DistrictForm()));

    [HttpPost]
    public async Task<IActionResult> Create(DistrictForm form, CancellationToken cancellationToken)
    {
        form.Id = null;
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(nameof(Index), new DistrictsModel(await RowsAsync(cancellationToken), form));
        }

        var district = new District(form.Name!);
        db.Districts.Add(district);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l["Districts.Added", district.Name]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var district = await db.Districts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return district is null
            ? NotFound()
            : View(await EditModelAsync(new DistrictForm { Id = district.Id, Version = district.Version, Name = district.Name }, cancellationToken));
    }

    /// <summary>Renaming renames the district for every manager in it, and in every list and export.</summary>
    [HttpPost]
    public async Task<IActionResult> Edit(int id, DistrictForm form, CancellationToken cancellationToken)
    {
        var district = await db.Districts.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (district is null)
        {
            return NotFound();
        }

        form.Id = id;
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(await EditModelAsync(form, cancellationToken));
        }

        var before = district.Name;
        district.Rename(form.Name!);
        if (await db.SaveSeenAsync(district, form.Version, ModelState, l, cancellationToken) is { } current)
        {
            form.Version = current;
            return View(await EditModelAsync(form, cancellationToken));
        }

        TempData.Flash(l["Districts.Renamed", before, district.Name]);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Moves every manager of the district into another and deletes it: how a duplicate made by a typo goes away.</summary>
    [HttpPost]
    public async Task<IActionResult> Merge(int id, int? intoId, CancellationToken cancellationToken)
    {
        var district = await db.Districts.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (district is null)
        {
            return NotFound();
        }

        var target = intoId is null ? null : await db.Districts.SingleOrDefaultAsync(d => d.Id == intoId, cancellationToken);
        if (target is null)
        {
            ModelState.AddModelError("intoId", l["Districts.ChooseTarget"]);
            return View(nameof(Edit), await EditModelAsync(new DistrictForm { Id = district.Id, Version = district.Version, Name = district.Name }, cancellationToken));
        }

        try
        {
            district.EnsureCanMergeInto(target);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("intoId", l.Message(e));
            return View(nameof(Edit), await EditModelAsync(new DistrictForm { Id = district.Id, Version = district.Version, Name = district.Name }, cancellationToken));
        }

        // Tracked, one by one: each move is audited on the manager it moves (a district holds tens of managers, not thousands).
        var managers = await db.AccountManagers.Where(m => m.DistrictId == id).ToListAsync(cancellationToken);
        foreach (var manager in managers)
        {
            manager.MoveTo(target);
        }

        db.Districts.Remove(district);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("District {From} merged into {Into}: {Count} managers moved", id, target.Id, managers.Count);
        TempData.Flash(l.Count("Districts.Merged", managers.Count, district.Name, target.Name));
        return RedirectToAction(nameof(Index));
    }

    [HttpPost]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var district = await db.Districts.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (district is null)
        {
            return NotFound();
        }

        try
        {
            District.EnsureDeletable(await db.AccountManagers.CountAsync(m => m.DistrictId == id, cancellationToken));
        }
        catch (DomainException e)
        {
            TempData.Warn(l.Message(e));
            return RedirectToAction(nameof(Edit), new { id });
        }

        db.Districts.Remove(district);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l["Districts.Deleted", district.Name]);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Every district with how many managers it holds: one grouped query, not one per district.</summary>
    private async Task<List<DistrictRow>> RowsAsync(CancellationToken cancellationToken)
    {
        var counts = await db.AccountManagers.AsNoTracking()
            .GroupBy(m => m.DistrictId)
            .Select(g => new { g.Key, Active = g.Count(m => m.IsActive), All = g.Count() })
            .ToDictionaryAsync(x => x.Key, cancellationToken);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.NameSortKey).Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken);
        return [.. districts.Select(d => new DistrictRow(d.Id, d.Name, counts.GetValueOrDefault(d.Id)?.Active ?? 0, counts.GetValueOrDefault(d.Id)?.All ?? 0))];
    }

    private async Task<DistrictEditModel> EditModelAsync(DistrictForm form, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(cancellationToken);
        return new DistrictEditModel(form, rows.Single(r => r.Id == form.Id), [.. rows.Where(r => r.Id != form.Id)]);
    }
}
