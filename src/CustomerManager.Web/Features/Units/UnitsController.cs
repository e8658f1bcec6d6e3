using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Organisation;
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

namespace CustomerManager.Web.Features.Units;

public sealed class UnitForm
{
    /// <summary>Null when adding.</summary>
    public int? Id { get; set; }

    /// <summary>The record's version when the form was opened.</summary>
    public int Version { get; set; }

    public UnitKind? Kind { get; set; }

    public int? ParentId { get; set; }

    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? NameEn { get; set; }
}

public sealed class UnitFormValidator : AbstractValidator<UnitForm>
{
    public UnitFormValidator(IStringLocalizer<SharedResource> l, AppDbContext db)
    {
        RuleFor(f => f.Kind).NotNull().WithMessage(l["Validation.Required"]).IsInEnum().WithMessage(l["Validation.Choose"]);
        RuleFor(f => f.Code).RequiredText(l, OrgUnit.CodeMaxLength);
        RuleFor(f => f.Code)
            .Must(c => c!.Trim().All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')).WithMessage(l["Unit.Code.Characters"])
            .MustAsync(async (form, code, ct) =>
            {
                var trimmed = code!.Trim();
                return !await db.OrgUnits.AnyAsync(u => u.Code == trimmed && u.Id != form.Id, ct);
            })
            .WithMessage(l["Units.CodeTaken"])
            .When(f => !string.IsNullOrWhiteSpace(f.Code));
        RuleFor(f => f.Name).RequiredText(l, OrgUnit.NameMaxLength);
        RuleFor(f => f.Name)
            .MustAsync(async (form, name, ct) =>
            {
                var trimmed = name!.Trim();
                return !await db.OrgUnits.AnyAsync(u => u.Name == trimmed && u.Id != form.Id, ct);
            })
            .WithMessage(l["Units.Taken"])
            .When(f => !string.IsNullOrWhiteSpace(f.Name));
        RuleFor(f => f.NameEn).OptionalText(l, OrgUnit.NameMaxLength);
        RuleFor(f => f.ParentId).NotNull().WithMessage(l["Units.ChooseParent"]).When(f => f.Kind is UnitKind.Department or UnitKind.District);
    }
}

/// <summary>A unit in the list: its place in the tree, the managers placed in it or below, the units below.</summary>
public sealed record UnitRow(UnitNode Unit, int ActiveManagers, int Managers, int Children)
{
    /// <summary>For a department: how many of its panel's four seats are held (a cycle opening now would freeze them).</summary>
    public int? SeatsHeld { get; init; }
}

public sealed record UnitsModel(IReadOnlyList<UnitRow> Units, UnitForm Form, IReadOnlyList<UnitNode> Parents);

public sealed record UnitEditModel(UnitForm Form, UnitRow Unit, IReadOnlyList<UnitNode> Parents, IReadOnlyList<UnitNode> MergeTargets)
{
    /// <summary>A department's panel: its four seats and who may hold each (none for other units).</summary>
    public IReadOnlyList<SeatChoice> Panel { get; init; } = [];
}

/// <summary>
/// The company's structure: the company, its marketing departments (营销部) and their districts (片区), where
/// every account manager is placed. Administrators add, rename, move and retire units; a district made by a
/// typo is merged into the right one. A unit with managers (and so customers) is retired only once they are
/// moved, and a unit with units below it once those are retired or moved. Every change is audited.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class UnitsController(AppDbContext db, IValidator<UnitForm> validator, IStringLocalizer<SharedResource> l, ILogger<UnitsController> logger) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(UnitKind? kind, int? parentId, CancellationToken cancellationToken) =>
        View(await IndexModelAsync(new UnitForm { Kind = kind ?? UnitKind.District, ParentId = parentId }, cancellationToken));

    [HttpPost]
    public async Task<IActionResult> Create(UnitForm form, CancellationToken cancellationToken)
    {
        form.Id = null;
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(nameof(Index), await IndexModelAsync(form, cancellationToken));
        }

        var parent = form.ParentId is { } parentId ? await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == parentId, cancellationToken) : null;
        try
        {
            var unit = new OrgUnit(form.Code!, form.Name!, form.NameEn, form.Kind!.Value, parent);
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync(cancellationToken);
            TempData.Flash(l["Units.Added", unit.Name]);

            // The form comes back ready for the next unit: one below the unit just added, or its sibling for a district.
            return unit.Kind == UnitKind.District
                ? RedirectToAction(nameof(Index), new { kind = unit.Kind, parentId = unit.ParentId })
                : RedirectToAction(nameof(Index), new { kind = unit.Kind + 1, parentId = unit.Id });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(FieldOf(e), l.Message(e));
            return View(nameof(Index), await IndexModelAsync(form, cancellationToken));
        }
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return unit is null ? NotFound() : View(await EditModelAsync(FormOf(unit), cancellationToken));
    }

    /// <summary>Renames (everywhere at once: lists, exports, the audit log show the unit by its id) and moves the unit.</summary>
    [HttpPost]
    public async Task<IActionResult> Edit(int id, UnitForm form, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.Include(u => u.Parent).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.Kind = unit.Kind; // a unit's level never changes
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(await EditModelAsync(form, cancellationToken));
        }

        var before = unit.Name;
        try
        {
            unit.Rename(form.Code!, form.Name!, form.NameEn);
            if (unit.ParentId != form.ParentId)
            {
                unit.MoveUnder(form.ParentId is { } parentId ? await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == parentId, cancellationToken) : null);
            }
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(FieldOf(e), l.Message(e));
            db.ChangeTracker.Clear();
            return View(await EditModelAsync(form, cancellationToken));
        }

        if (await db.SaveSeenAsync(unit, form.Version, ModelState, l, cancellationToken) is { } current)
        {
            form.Version = current;
            return View(await EditModelAsync(form, cancellationToken));
        }

        TempData.Flash(l["Units.Saved", before, unit.Name]);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Retires a unit that holds no manager (so no customer) and has no active unit below it.</summary>
    [HttpPost]
    public async Task<IActionResult> Retire(int id, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        var tree = await OrgUnitTree.LoadAsync(db, cancellationToken);
        var districts = OrgUnitTree.Subtree(tree, id).Select(u => u.Id).ToList();
        var managers = await db.AccountManagers.CountAsync(m => districts.Contains(m.DistrictId), cancellationToken);
        var customers = await db.Customers.CountAsync(c => c.CurrentManagerId != null && db.AccountManagers.Any(m => m.Id == c.CurrentManagerId && districts.Contains(m.DistrictId)), cancellationToken);
        try
        {
            unit.Retire(managers, customers, tree.Count(u => u.ParentId == id && u.IsActive), await db.Users.CountAsync(u => u.SupervisedUnitId == id, cancellationToken));
        }
        catch (DomainException e)
        {
            TempData.Warn(l.Message(e));
            return RedirectToAction(nameof(Edit), new { id });
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l["Units.Retired", unit.Name]);
        return RedirectToAction(nameof(Index));
    }

    [HttpPost]
    public async Task<IActionResult> Reactivate(int id, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.Include(u => u.Parent).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        try
        {
            unit.Reactivate();
        }
        catch (DomainException e)
        {
            TempData.Warn(l.Message(e));
            return RedirectToAction(nameof(Edit), new { id });
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l["Units.Reactivated", unit.Name]);
        return RedirectToAction(nameof(Edit), new { id });
    }

    /// <summary>Moves every manager of a district into another and deletes it: how a duplicate made by a typo goes away.</summary>
    [HttpPost]
    public async Task<IActionResult> Merge(int id, int? intoId, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        var target = intoId is null ? null : await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == intoId, cancellationToken);
        if (target is null)
        {
            ModelState.AddModelError("intoId", l["Units.ChooseTarget"]);
            return View(nameof(Edit), await EditModelAsync(FormOf(unit), cancellationToken));
        }

        try
        {
            unit.EnsureCanMergeInto(target, await db.Users.CountAsync(u => u.SupervisedUnitId == id, cancellationToken));
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("intoId", l.Message(e));
            return View(nameof(Edit), await EditModelAsync(FormOf(unit), cancellationToken));
        }

        // Tracked, one by one: each move is audited on the manager it moves (a district holds tens of managers, not thousands).
        var managers = await db.AccountManagers.Where(m => m.DistrictId == id).ToListAsync(cancellationToken);
        foreach (var manager in managers)
        {
            manager.MoveTo(target);
        }

        // The district's market figures go with its managers, recounted in the district they join.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MarketTotals.MoveDistrictAsync(db, id, target.Id, cancellationToken);
        db.OrgUnits.Remove(unit);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("District {From} merged into {Into}: {Count} managers moved", id, target.Id, managers.Count);
        TempData.Flash(l.Count("Units.Merged", managers.Count, unit.Name, target.Name));
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Deletes a unit made by mistake: one that never held a manager and has nothing below it.</summary>
    [HttpPost]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        try
        {
            OrgUnit.EnsureDeletable(
                await db.AccountManagers.CountAsync(m => m.DistrictId == id, cancellationToken),
                await db.OrgUnits.CountAsync(u => u.ParentId == id, cancellationToken),
                await db.Users.CountAsync(u => u.SupervisedUnitId == id, cancellationToken));
        }
        catch (DomainException e)
        {
            TempData.Warn(l.Message(e));
            return RedirectToAction(nameof(Edit), new { id });
        }

        if (await db.MarketObservations.AnyAsync(o => o.DistrictId == id, cancellationToken))
        {
            // Its managers have moved on, but market figures were collected in it: they keep it (merge it instead).
            TempData.Warn(l["Units.HasMarketFigures"]);
            return RedirectToAction(nameof(Edit), new { id });
        }

        db.OrgUnits.Remove(unit);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l["Units.Deleted", unit.Name]);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>
    /// Fills a department's four seats (an empty choice leaves the seat vacant). Each seat goes to an active panel
    /// member holding that seat; one may sit on several departments' panels. Open cycles keep the panel they froze.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Panel(int id, PanelForm form, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        var seats = await db.DepartmentSeats.Where(s => s.UnitId == id).ToDictionaryAsync(s => s.Role, cancellationToken);
        var chosen = form.Seats.Where(s => !string.IsNullOrEmpty(s.Value)).Select(s => s.Value!).Distinct().ToList();
        var candidates = await DepartmentPanel.CandidatesAsync(db, cancellationToken);
        var seatOf = candidates.SelectMany(g => g.Select(c => (c.Id, Seat: g.Key))).Where(c => chosen.Contains(c.Id)).ToDictionary(c => c.Id, c => (PanelRole?)c.Seat);
        try
        {
            foreach (var role in Enum.GetValues<PanelRole>())
            {
                var userId = form.Seats.GetValueOrDefault(role);
                var seat = seats.GetValueOrDefault(role);
                if (string.IsNullOrEmpty(userId))
                {
                    if (seat is not null)
                    {
                        db.DepartmentSeats.Remove(seat);
                    }
                }
                else if (seat is null)
                {
                    db.DepartmentSeats.Add(new DepartmentSeat(unit, role, userId, seatOf.GetValueOrDefault(userId)));
                }
                else if (seat.UserId != userId)
                {
                    seat.GiveTo(userId, seatOf.GetValueOrDefault(userId));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Panel of department {UnitId} saved", id);
            TempData.Flash(l["Units.PanelSaved", unit.NameIn(!Cultures.IsChinese)]);
        }
        catch (DomainException e)
        {
            TempData.Warn(l.Message(e));
        }
        catch (DbUpdateException e) when (!Retries.DatabaseUnavailable(e))
        {
            // Another administrator filled a seat at the same moment (one holder per seat).
            TempData.Warn(l.Message(ErrorCodes.General.ChangedMeanwhile, []));
        }

        return RedirectToAction(nameof(Edit), null, new { id }, "panel");
    }

    private static UnitForm FormOf(OrgUnit unit) =>
        new() { Id = unit.Id, Version = unit.Version, Kind = unit.Kind, ParentId = unit.ParentId, Code = unit.Code, Name = unit.Name, NameEn = unit.NameEn };

    private static string FieldOf(DomainException e) => e.Code switch
    {
        ErrorCodes.Unit.WrongParent or ErrorCodes.Unit.ParentRetired or ErrorCodes.Unit.CompanyHasNoParent => nameof(UnitForm.ParentId),
        ErrorCodes.Unit.CodeCharacters or ErrorCodes.Unit.CodeRequired or ErrorCodes.Unit.CodeTooLong => nameof(UnitForm.Code),
        _ => string.Empty,
    };

    /// <summary>Every unit in tree order with the managers in it or below: one grouped query, not one per unit.</summary>
    private async Task<List<UnitRow>> RowsAsync(CancellationToken cancellationToken)
    {
        var counts = await db.AccountManagers.AsNoTracking()
            .GroupBy(m => m.DistrictId)
            .Select(g => new { g.Key, Active = g.Count(m => m.IsActive), All = g.Count() })
            .ToDictionaryAsync(x => x.Key, cancellationToken);
        var tree = await OrgUnitTree.LoadAsync(db, cancellationToken);
        var seats = (await db.SeatsToFreezeAsync(cancellationToken)).GroupBy(s => s.DepartmentId!.Value).ToDictionary(g => g.Key, g => g.Select(s => s.Role).Distinct().Count());
        return
        [
            .. tree.Select(u =>
            {
                var subtree = OrgUnitTree.Subtree(tree, u.Id);
                return new UnitRow(
                    u,
                    subtree.Sum(s => counts.GetValueOrDefault(s.Id)?.Active ?? 0),
                    subtree.Sum(s => counts.GetValueOrDefault(s.Id)?.All ?? 0),
                    tree.Count(c => c.ParentId == u.Id))
                {
                    SeatsHeld = u.Kind == UnitKind.Department ? seats.GetValueOrDefault(u.Id) : null,
                };
            }),
        ];
    }

    private async Task<UnitsModel> IndexModelAsync(UnitForm form, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(cancellationToken);
        return new UnitsModel(rows, form, [.. rows.Select(r => r.Unit).Where(u => u.IsActive && u.Kind != UnitKind.District)]);
    }

    private async Task<UnitEditModel> EditModelAsync(UnitForm form, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(cancellationToken);
        var row = rows.Single(r => r.Unit.Id == form.Id);
        var parentKind = OrgUnit.ParentKindOf(row.Unit.Kind);
        return new UnitEditModel(
            form,
            row,
            [.. rows.Select(r => r.Unit).Where(u => u.Kind == parentKind && (u.IsActive || u.Id == row.Unit.ParentId))],
            row.Unit.Kind == UnitKind.District ? [.. rows.Select(r => r.Unit).Where(u => u.Kind == UnitKind.District && u.IsActive && u.Id != row.Unit.Id)] : [])
        {
            Panel = row.Unit.Kind == UnitKind.Department ? await DepartmentPanel.ChoicesAsync(db, row.Unit.Id, cancellationToken) : [],
        };
    }
}
