using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Cycles;

/// <summary>A draft cycle's name and period, to create or change it.</summary>
public sealed class CycleForm
{
    public int? Id { get; set; }

    /// <summary>The draft's version when the form was opened.</summary>
    public int Version { get; set; }

    /// <summary>The name the cycle has now (the page's title while a new name is being typed).</summary>
    public string? SavedName { get; set; }

    public string? Name { get; set; }

    public DateOnly? PeriodStart { get; set; }

    public DateOnly? PeriodEnd { get; set; }

    /// <summary>The form field a broken rule of the cycle's name or period belongs to.</summary>
    public static string FieldOf(DomainException e) => e.Code switch
    {
        ErrorCodes.Cycle.NameTaken or ErrorCodes.Cycle.NameRequired or ErrorCodes.Cycle.NameTooLong => nameof(Name),
        ErrorCodes.Cycle.Overlaps => nameof(PeriodStart),
        ErrorCodes.Cycle.PeriodReversed => nameof(PeriodEnd),
        _ => string.Empty,
    };
}

/// <summary>What the form can check alone; unique names and periods are the domain's (<see cref="EvaluationCalendar"/>).</summary>
public sealed class CycleFormValidator : AbstractValidator<CycleForm>
{
    public CycleFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Name).RequiredText(l, EvaluationCycle.NameMaxLength);
        RuleFor(f => f.PeriodStart).NotNull().WithMessage(l["Validation.Required"]);
        RuleFor(f => f.PeriodEnd).NotNull().WithMessage(l["Validation.Required"]);
    }
}

public sealed class ReopenForm
{
    public string? Reason { get; set; }
}

public sealed class ReopenFormValidator : AbstractValidator<ReopenForm>
{
    public ReopenFormValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(f => f.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(l[ErrorCodes.Cycle.ReopenReasonRequired])
            .Must(r => r is null || r.Trim().Length <= EvaluationCycle.ReasonMaxLength).WithMessage(l[ErrorCodes.Cycle.ReopenReasonTooLong, EvaluationCycle.ReasonMaxLength])
            .PlainText(l);
}
