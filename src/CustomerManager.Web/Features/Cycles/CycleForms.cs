using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Cycles;

public sealed class CycleForm
{
    public string? Name { get; set; }

    public DateOnly? PeriodStart { get; set; }

    public DateOnly? PeriodEnd { get; set; }
}

public sealed class CycleFormValidator : AbstractValidator<CycleForm>
{
    public CycleFormValidator(IStringLocalizer<SharedResource> l, AppDbContext db)
    {
        RuleFor(f => f.Name).RequiredText(l, EvaluationCycle.NameMaxLength);
        RuleFor(f => f.PeriodStart).NotNull().WithMessage(l["Validation.Required"]);
        RuleFor(f => f.PeriodEnd).NotNull().WithMessage(l["Validation.Required"]);
        RuleFor(f => f.PeriodEnd).GreaterThanOrEqualTo(f => f.PeriodStart).WithMessage(l["Cycle.PeriodReversed"])
            .When(f => f.PeriodStart is not null && f.PeriodEnd is not null);
        RuleFor(f => f.PeriodStart)
            .MustAsync(async (form, _, ct) => !await db.Cycles.AnyAsync(c => form.PeriodStart <= c.PeriodEnd && form.PeriodEnd >= c.PeriodStart, ct))
            .WithMessage(l["Cycle.Overlaps"])
            .When(f => f.PeriodStart is not null && f.PeriodEnd is not null && f.PeriodEnd >= f.PeriodStart);
    }
}

public sealed class ReopenForm
{
    public string? Reason { get; set; }
}

public sealed class ReopenFormValidator : AbstractValidator<ReopenForm>
{
    public ReopenFormValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(f => f.Reason).RequiredText(l, EvaluationCycle.ReasonMaxLength);
}
