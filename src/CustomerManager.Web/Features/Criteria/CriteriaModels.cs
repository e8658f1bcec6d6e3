using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Criteria;

public sealed class WeightItem
{
    public int CriterionId { get; set; }

    /// <summary>The criterion's version when the page was shown.</summary>
    public int Version { get; set; }

    public decimal? Weight { get; set; }
}

/// <summary>The weights of the active criteria and the four tier bounds, edited together so the what-if sees both.</summary>
public sealed class SettingsForm
{
    public List<WeightItem> Weights { get; set; } = [];

    /// <summary>The tier bounds' version when the page was shown.</summary>
    public int BoundsVersion { get; set; }

    public decimal? FiveStar { get; set; }

    public decimal? FourStar { get; set; }

    public decimal? ThreeStar { get; set; }

    public decimal? Ordinary { get; set; }
}

public sealed class SettingsFormValidator : AbstractValidator<SettingsForm>
{
    public SettingsFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleForEach(f => f.Weights).ChildRules(w =>
            w.RuleFor(x => x.Weight).NotNull().WithMessage(l["Validation.Required"]).Weight(l));
        // The page sends each criterion once; a form that repeats one was not sent by the page.
        RuleFor(f => f).Must(f => f.Weights.Select(x => x.CriterionId).Distinct().Count() == f.Weights.Count).WithMessage(l["Validation.FormAltered"]);
        RuleFor(f => f.FiveStar).NotNull().WithMessage(l["Validation.Required"]).Bound(l);
        RuleFor(f => f.FourStar).NotNull().WithMessage(l["Validation.Required"]).Bound(l);
        RuleFor(f => f.ThreeStar).NotNull().WithMessage(l["Validation.Required"]).Bound(l);
        RuleFor(f => f.Ordinary).NotNull().WithMessage(l["Validation.Required"]).Bound(l);
    }
}

public sealed record CriterionRow(int Id, string NameZh, string NameEn, string? Description, decimal Weight, decimal Share, IReadOnlyCollection<PanelRole> ScoredBy, int SortOrder, bool IsRetired, bool UsedByCycles);

public sealed record CriteriaModel(IReadOnlyList<CriterionRow> Criteria, SettingsForm Form, string? WhatIfCycle, WhatIfResult? WhatIf, IReadOnlyDictionary<int, string> ManagerNames)
{
    /// <summary>How many managers the what-if lists (those whose tier would change first): a province has 2,000.</summary>
    public const int WhatIfListed = 100;

    /// <summary>The bounds as saved (the form may show others typed): what the page's script compares with.</summary>
    public TierBounds? SavedBounds { get; init; }

    /// <summary>The what-if's rows the page lists: all of a small company's; in a large one the movers first, up to <see cref="WhatIfListed"/>.</summary>
    public IReadOnlyList<WhatIfRow> WhatIfRows => WhatIf is null ? []
        : WhatIf.Rows.Count <= WhatIfListed ? WhatIf.Rows
        : [.. WhatIf.Rows.OrderBy(r => r.Change == Movement.Same).Take(WhatIfListed)];
}

/// <summary>Create and edit form of one criterion: names in both languages, description, scoring seats, order.</summary>
public sealed class CriterionForm
{
    public int? Id { get; set; }

    /// <summary>The criterion's version when the form was opened.</summary>
    public int Version { get; set; }

    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public string? Description { get; set; }

    public decimal? Weight { get; set; }

    public List<PanelRole> ScoredBy { get; set; } = [];

    public int SortOrder { get; set; }
}

public sealed class CriterionFormValidator : AbstractValidator<CriterionForm>
{
    public CriterionFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.NameZh).RequiredText(l, Criterion.NameMaxLength);
        RuleFor(f => f.NameEn).RequiredText(l, Criterion.NameMaxLength);
        RuleFor(f => f.Description).OptionalText(l, Criterion.DescriptionMaxLength);
        RuleFor(f => f.Weight).NotNull().WithMessage(l["Validation.Required"]).Weight(l);
        RuleFor(f => f.ScoredBy).NotEmpty().WithMessage(l["Criterion.NoScoringRole"]);
        RuleForEach(f => f.ScoredBy).IsInEnum().WithMessage(l["Validation.Choose"]);
    }
}

public static class WeightRules
{
    /// <summary>The domain's rule of a weight (<see cref="Criterion.CheckWeight"/>), with its message.</summary>
    public static IRuleBuilderOptionsConditions<T, decimal?> Weight<T>(this IRuleBuilder<T, decimal?> rule, IStringLocalizer<SharedResource> l) =>
        rule.Refused(Criterion.CheckWeight, l);

    /// <summary>The domain's rule of one tier bound (<see cref="TierBounds.CheckBound"/>), with its message.</summary>
    public static IRuleBuilderOptionsConditions<T, decimal?> Bound<T>(this IRuleBuilder<T, decimal?> rule, IStringLocalizer<SharedResource> l) =>
        rule.Refused(TierBounds.CheckBound, l);

    private static IRuleBuilderOptionsConditions<T, decimal?> Refused<T>(this IRuleBuilder<T, decimal?> rule, Func<decimal, Domain.Common.Refusal?> check, IStringLocalizer<SharedResource> l) =>
        rule.Custom((number, context) =>
        {
            if (number is { } value && check(value) is { } refusal)
            {
                context.AddFailure(l.Message(refusal));
            }
        });
}
