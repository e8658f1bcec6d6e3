using CustomerManager.Domain.Common;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Features.Market;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Brands;

public sealed class BrandForm
{
    public string? Name { get; set; }
}

public sealed class BrandFormValidator : AbstractValidator<BrandForm>
{
    public BrandFormValidator(IStringLocalizer<SharedResource> l, AppDbContext db)
    {
        RuleFor(f => f.Name).RequiredText(l, Brand.NameMaxLength);
        RuleFor(f => f.Name)
            .MustAsync(async (name, ct) =>
            {
                var trimmed = name!.Trim();
                return !await db.Brands.AnyAsync(b => b.Name == trimmed, ct);
            })
            .WithMessage(l["Brands.Taken"])
            .When(f => !string.IsNullOrWhiteSpace(f.Name));
    }
}

public sealed record BrandRow(int Id, string Name, int SortOrder, bool IsActive);

public sealed record BrandsModel(IReadOnlyList<BrandRow> Brands, BrandForm Form, IReadOnlyList<BrandSpecRow> Specs, BrandSpecForm SpecForm);

/// <summary>
/// The brand catalogue account managers choose from when they record recommendations, and the brands' specifications
/// (规格) with their guide retail prices, which collection points report prices and stock of.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class BrandsController(
    AppDbContext db,
    IValidator<BrandForm> validator,
    IValidator<BrandSpecForm> specValidator,
    IValidator<GuidePriceForm> priceValidator,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await ModelAsync(new BrandForm(), NewSpecForm(), cancellationToken));

    [HttpPost]
    public async Task<IActionResult> Create(BrandForm form, CancellationToken cancellationToken)
    {
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(nameof(Index), await ModelAsync(form, NewSpecForm(), cancellationToken));
        }

        var last = await db.Brands.MaxAsync(b => (int?)b.SortOrder, cancellationToken) ?? 0;
        db.Brands.Add(new Brand(form.Name!, last + 1));
        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l["Brands.Added", form.Name!.Trim()]);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Retired brands are no longer offered; visits that recorded them keep the name.</summary>
    [HttpPost]
    public Task<IActionResult> Retire(int id, CancellationToken cancellationToken) => ChangeAsync(id, b => b.Retire(), "Brands.Retired", cancellationToken);

    [HttpPost]
    public Task<IActionResult> Reinstate(int id, CancellationToken cancellationToken) => ChangeAsync(id, b => b.Reinstate(), "Brands.Reinstated", cancellationToken);

    /// <summary>Adds a specification to a brand, with its first guide price.</summary>
    [HttpPost]
    public async Task<IActionResult> CreateSpec([Bind(Prefix = "Spec")] BrandSpecForm form, CancellationToken cancellationToken)
    {
        if (!await specValidator.ValidateIntoAsync(form, ModelState, "Spec", cancellationToken))
        {
            return View(nameof(Index), await ModelAsync(new BrandForm(), form, cancellationToken));
        }

        var last = await db.BrandSpecs.Where(s => s.BrandId == form.BrandId).MaxAsync(s => (int?)s.SortOrder, cancellationToken) ?? 0;
        var spec = new BrandSpec(form.BrandId!.Value, form.Name!, last + 1, form.EffectiveFrom!.Value, form.PackPrice!.Value, form.CartonPrice!.Value);
        db.BrandSpecs.Add(spec);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l["Market.SpecAdded", await LabelAsync(spec.Id, cancellationToken)]);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>A specification's guide prices, past and to come, and the form for a new one.</summary>
    [HttpGet]
    public async Task<IActionResult> Spec(int id, CancellationToken cancellationToken) =>
        await SpecModelAsync(id, new GuidePriceForm { EffectiveFrom = Today() }, cancellationToken) is { } model ? View(model) : NotFound();

    /// <summary>Sets the specification's guide price from a day on (the same day again replaces it).</summary>
    [HttpPost]
    public async Task<IActionResult> SetGuidePrice(int id, GuidePriceForm form, CancellationToken cancellationToken)
    {
        var spec = await db.BrandSpecs.Include(s => s.GuidePrices).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (spec is null)
        {
            return NotFound();
        }

        if (await priceValidator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            try
            {
                spec.SetGuidePrice(form.EffectiveFrom!.Value, form.PackPrice!.Value, form.CartonPrice!.Value);
                await db.SaveChangesAsync(cancellationToken);
                TempData.Flash(l["Market.GuidePriceSet", await LabelAsync(id, cancellationToken), form.EffectiveFrom.Value.ToString("d", System.Globalization.CultureInfo.CurrentCulture)]);
                return RedirectToAction(nameof(Spec), new { id });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(string.Empty, l.Message(e));
            }
        }

        db.ChangeTracker.Clear();
        return View(nameof(Spec), await SpecModelAsync(id, form, cancellationToken));
    }

    /// <summary>A retired specification is no longer offered to collection points; its figures stay.</summary>
    [HttpPost]
    public Task<IActionResult> RetireSpec(int id, CancellationToken cancellationToken) => ChangeSpecAsync(id, s => s.Retire(), "Market.SpecRetired", cancellationToken);

    [HttpPost]
    public Task<IActionResult> ReinstateSpec(int id, CancellationToken cancellationToken) => ChangeSpecAsync(id, s => s.Reinstate(), "Market.SpecReinstated", cancellationToken);

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    private BrandSpecForm NewSpecForm() => new() { EffectiveFrom = Today() };

    private async Task<string> LabelAsync(int specId, CancellationToken cancellationToken) =>
        (await db.BrandSpecs.AsNoTracking().Where(s => s.Id == specId)
            .Join(db.Brands, s => s.BrandId, b => b.Id, (s, b) => new { Brand = b.Name, s.Name }).SingleAsync(cancellationToken)) is var x
            ? MarketLabels.Of(x.Brand, x.Name) : string.Empty;

    private async Task<IActionResult> ChangeAsync(int id, Action<Brand> change, string done, CancellationToken cancellationToken)
    {
        var brand = await db.Brands.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (brand is null)
        {
            return NotFound();
        }

        change(brand);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l[done, brand.Name]);
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> ChangeSpecAsync(int id, Action<BrandSpec> change, string done, CancellationToken cancellationToken)
    {
        var spec = await db.BrandSpecs.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (spec is null)
        {
            return NotFound();
        }

        change(spec);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Flash(l[done, await LabelAsync(id, cancellationToken)]);
        return RedirectToAction(nameof(Spec), new { id });
    }

    private async Task<BrandsModel> ModelAsync(BrandForm form, BrandSpecForm specForm, CancellationToken cancellationToken)
    {
        var brands = await db.Brands.AsNoTracking().OrderBy(b => !b.IsActive).ThenBy(b => b.SortOrder)
            .Select(b => new BrandRow(b.Id, b.Name, b.SortOrder, b.IsActive)).ToListAsync(cancellationToken);
        return new(brands, form, await SpecRowsAsync(db, Today(), cancellationToken), specForm);
    }

    /// <summary>Every specification with its guide price in force on <paramref name="today"/> and the next one set.</summary>
    internal static async Task<List<BrandSpecRow>> SpecRowsAsync(AppDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var specs = await db.BrandSpecs.AsNoTracking().Include(s => s.GuidePrices).OrderBy(s => s.BrandId).ThenBy(s => s.SortOrder).ToListAsync(cancellationToken);
        return specs.Select(s => new BrandSpecRow(
                s.Id, s.BrandId, s.Name, s.SortOrder, s.IsActive,
                s.GuideOn(today) is { } g ? new GuidePriceRow(g.EffectiveFrom, g.PackPrice, g.CartonPrice) : null,
                s.GuidePrices.Where(p => p.EffectiveFrom > today).MinBy(p => p.EffectiveFrom) is { } n ? new GuidePriceRow(n.EffectiveFrom, n.PackPrice, n.CartonPrice) : null))
            .ToList();
    }

    private async Task<BrandSpecModel?> SpecModelAsync(int id, GuidePriceForm form, CancellationToken cancellationToken)
    {
        var spec = await db.BrandSpecs.AsNoTracking().Include(s => s.GuidePrices).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (spec is null)
        {
            return null;
        }

        var brand = await db.Brands.AsNoTracking().Where(b => b.Id == spec.BrandId).Select(b => b.Name).SingleAsync(cancellationToken);
        var prices = spec.GuidePrices.OrderByDescending(p => p.EffectiveFrom).Select(p => new GuidePriceRow(p.EffectiveFrom, p.PackPrice, p.CartonPrice)).ToList();
        return new BrandSpecModel(spec.Id, brand, spec.Name, spec.IsActive, spec.Version, prices, Today(), form);
    }
}
