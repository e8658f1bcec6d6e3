using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
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

public sealed record BrandsModel(IReadOnlyList<BrandRow> Brands, BrandForm Form);

/// <summary>The brand catalogue account managers choose from when they record recommendations.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class BrandsController(AppDbContext db, IValidator<BrandForm> validator, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await ModelAsync(new BrandForm(), cancellationToken));

    [HttpPost]
    public async Task<IActionResult> Create(BrandForm form, CancellationToken cancellationToken)
    {
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(nameof(Index), await ModelAsync(form, cancellationToken));
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

    private async Task<BrandsModel> ModelAsync(BrandForm form, CancellationToken cancellationToken) =>
        new(await db.Brands.AsNoTracking().OrderBy(b => !b.IsActive).ThenBy(b => b.SortOrder)
            .Select(b => new BrandRow(b.Id, b.Name, b.SortOrder, b.IsActive)).ToListAsync(cancellationToken), form);
}
