using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Appeals;

/// <summary>A manager's appeal against their published result of <see cref="CycleId"/>: the contested criteria and why.</summary>
public sealed class AppealForm
{
    public int CycleId { get; set; }

    public List<int> CriterionIds { get; set; } = [];

    public string? Reason { get; set; }
}

public sealed class AppealFormValidator : AbstractValidator<AppealForm>
{
    public AppealFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.CriterionIds).Must(c => c is { Count: > 0 }).WithMessage(l[ErrorCodes.Appeal.CriteriaRequired]);
        RuleFor(f => f.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(l[ErrorCodes.Appeal.ReasonRequired])
            .Must(r => r is null || r.Trim().Length <= Appeal.ReasonMaxLength).WithMessage(l[ErrorCodes.Appeal.ReasonTooLong, Appeal.ReasonMaxLength])
            .PlainText(l);
    }
}

/// <summary>An administrator's decision: uphold (the seats re-score) or dismiss, always with a written reason.</summary>
public sealed class DecisionForm
{
    public bool Uphold { get; set; }

    public string? Decision { get; set; }

    /// <summary>The appeal's version when the page was shown: a decision is never taken on what someone else changed meanwhile.</summary>
    public int Version { get; set; }
}

public sealed class DecisionFormValidator : AbstractValidator<DecisionForm>
{
    public DecisionFormValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(f => f.Decision).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(l[ErrorCodes.Appeal.DecisionRequired])
            .Must(r => r is null || r.Trim().Length <= Appeal.DecisionMaxLength).WithMessage(l[ErrorCodes.Appeal.DecisionTooLong, Appeal.DecisionMaxLength])
            .PlainText(l);
}

/// <summary>A panel member's response to an appeal they were asked about.</summary>
public sealed class ResponseForm
{
    public string? Text { get; set; }
}

public sealed class ResponseFormValidator : AbstractValidator<ResponseForm>
{
    public ResponseFormValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(f => f.Text).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(l[ErrorCodes.Appeal.ResponseRequired])
            .Must(r => r is null || r.Trim().Length <= Appeal.ResponseMaxLength).WithMessage(l[ErrorCodes.Appeal.ResponseTooLong, Appeal.ResponseMaxLength])
            .PlainText(l);
}
