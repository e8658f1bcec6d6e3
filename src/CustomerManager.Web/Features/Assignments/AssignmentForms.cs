using CustomerManager.Domain.Customers;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Assignments;

/// <summary>
/// An assignment order: which customers (one, a selection, or all of one manager's) go to which manager,
/// from which day, and why.
/// </summary>
public sealed class AssignmentForm
{
    public const int MaxSelected = 500;

    /// <summary>One customer (Reassign).</summary>
    public int? CustomerId { get; set; }

    /// <summary>A selection from the list (Bulk).</summary>
    public List<int> CustomerIds { get; set; } = [];

    /// <summary>All current customers of this manager (All).</summary>
    public int? FromManagerId { get; set; }

    public int? ToManagerId { get; set; }

    /// <summary>The new manager as typed in a large company's box (an employee number or a name): resolved to <see cref="ToManagerId"/>.</summary>
    public string? ToManager { get; set; }

    /// <summary>The customer's version when the page was shown (Reassign of one customer).</summary>
    public int? Version { get; set; }

    public DateOnly? EffectiveDate { get; set; }

    public string? Reason { get; set; }

    /// <summary>Where to go afterwards (a local URL).</summary>
    public string? ReturnUrl { get; set; }
}

/// <summary>What the shared assignment fields need to render.</summary>
public sealed record AssignmentFieldsModel(ManagerPicker Manager, DateOnly? EffectiveDate, string? Reason);

public sealed class AssignmentFormValidator : AbstractValidator<AssignmentForm>
{
    public AssignmentFormValidator(IStringLocalizer<SharedResource> l, AppDbContext db, TimeProvider clock)
    {
        RuleFor(f => f.ToManagerId).NotNull()
            .WithMessage(f => string.IsNullOrWhiteSpace(f.ToManager) ? l["Assignment.ManagerRequired"] : ManagerOptions.NotFoundMessage(l, f.ToManager));
        RuleFor(f => f.ToManagerId)
            .MustAsync(async (id, ct) => await db.AccountManagers.AnyAsync(m => m.Id == id && m.IsActive, ct)).WithMessage(l["Assignment.ManagerInactive"])
            .When(f => f.ToManagerId is not null);
        RuleFor(f => f.ToManagerId).NotEqual(f => f.FromManagerId).WithMessage(l["Assignment.SameManager"]).When(f => f.FromManagerId is not null);
        RuleFor(f => f.EffectiveDate).NotNull().WithMessage(l["Assignment.DateRequired"]);
        RuleFor(f => f.EffectiveDate)
            .Must(d => d <= DateOnly.FromDateTime(clock.GetLocalNow().DateTime)).WithMessage(l["Assignment.DateInFuture"])
            .When(f => f.EffectiveDate is not null);
        RuleFor(f => f.Reason).RequiredText(l, CustomerAssignment.ReasonMaxLength);
        RuleFor(f => f.CustomerIds).Must(ids => ids.Count <= AssignmentForm.MaxSelected).WithMessage(l["Assignment.TooMany", AssignmentForm.MaxSelected]);
    }
}

public static class AssignmentPickers
{
    /// <summary>The new manager of an assignment: any active manager but the customers' current one (<paramref name="except"/>).</summary>
    public static Task<ManagerPicker> AssignmentPickerAsync(this AppDbContext db, IStringLocalizer l, int? selectedId, string? text, int? except, CancellationToken cancellationToken) =>
        db.ManagerPickerAsync(
            db.AccountManagers.Where(m => m.IsActive && m.Id != except),
            nameof(AssignmentForm.ToManagerId),
            nameof(AssignmentForm.ToManager),
            l["Assignment.ChooseManager"],
            selectedId,
            text,
            except,
            cancellationToken);
}
