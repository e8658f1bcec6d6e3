using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Brands;

/// <summary>A guide retail price from a day on.</summary>
public class GuidePriceForm
{
    public DateOnly? EffectiveFrom { get; set; }

    public decimal? PackPrice { get; set; }

    public decimal? CartonPrice { get; set; }
}

/// <summary>A new specification of a brand, with its first guide price.</summary>
public sealed class BrandSpecForm : GuidePriceForm
{
    public int? BrandId { get; set; }

    public string? Name { get; set; }
}

internal static class GuidePriceRules
{
    public static void GuidePrice<T>(this AbstractValidator<T> validator, IStringLocalizer<SharedResource> l)
        where T : GuidePriceForm
    {
        validator.RuleFor(f => f.EffectiveFrom).NotNull().WithMessage(l["Validation.Required"]);
        validator.RuleFor(f => f.PackPrice).NotNull().WithMessage(l["Validation.Required"])
            .Must(p => p is > 0 and <= BrandSpec.MaxCartonPrice).WithMessage(l["Market.GuidePrice.Range", BrandSpec.MaxCartonPrice]);
        validator.RuleFor(f => f.CartonPrice).NotNull().WithMessage(l["Validation.Required"])
            .Must(p => p is > 0 and <= BrandSpec.MaxCartonPrice).WithMessage(l["Market.GuidePrice.Range", BrandSpec.MaxCartonPrice])
            .Must((f, carton) => f.PackPrice is not { } pack || carton >= pack).WithMessage(l["Market.GuidePrice.CartonBelowPack"]);
    }
}

public sealed class GuidePriceFormValidator : AbstractValidator<GuidePriceForm>
{
    public GuidePriceFormValidator(IStringLocalizer<SharedResource> l) => this.GuidePrice(l);
}

public sealed class BrandSpecFormValidator : AbstractValidator<BrandSpecForm>
{
    public BrandSpecFormValidator(IStringLocalizer<SharedResource> l, AppDbContext db)
    {
        RuleFor(f => f.BrandId).NotNull().WithMessage(l["Validation.Choose"])
            .MustAsync((id, ct) => db.Brands.AnyAsync(b => b.Id == id && b.IsActive, ct)).WithMessage(l["Validation.Choose"]).When(f => f.BrandId is not null);
        RuleFor(f => f.Name).RequiredText(l, BrandSpec.NameMaxLength);
        RuleFor(f => f.Name)
            .MustAsync(async (f, name, ct) =>
            {
                var trimmed = name!.Trim();
                return !await db.BrandSpecs.AnyAsync(s => s.BrandId == f.BrandId && s.Name == trimmed, ct);
            })
            .WithMessage(l["Market.SpecTaken"])
            .When(f => !string.IsNullOrWhiteSpace(f.Name) && f.BrandId is not null);
        this.GuidePrice(l);
    }
}

public sealed record GuidePriceRow(DateOnly EffectiveFrom, decimal PackPrice, decimal CartonPrice);

/// <summary>A specification as the brands page lists it: its guide price in force today.</summary>
public sealed record BrandSpecRow(int Id, int BrandId, string Name, int SortOrder, bool IsActive, GuidePriceRow? Guide, GuidePriceRow? Next);

public sealed record BrandSpecModel(int Id, string BrandName, string Name, bool IsActive, int Version, IReadOnlyList<GuidePriceRow> Prices, DateOnly Today, GuidePriceForm Form);
