using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Organisation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.AccountManagers;

/// <summary>The create and edit form of an account manager.</summary>
public sealed class AccountManagerForm
{
    /// <summary>Null when creating.</summary>
    public int? Id { get; set; }

    /// <summary>The record's version when the form was opened.</summary>
    public int Version { get; set; }

    public string? EmployeeNumber { get; set; }

    public string? Name { get; set; }

    public string? Phone { get; set; }

    /// <summary>The district's name, one of <see cref="Districts"/>.</summary>
    public string? District { get; set; }

    /// <summary>The managed list of districts to pick from.</summary>
    public IReadOnlyList<string> Districts { get; set; } = [];
}

public sealed class AccountManagerFormValidator : AbstractValidator<AccountManagerForm>
{
    public AccountManagerFormValidator(IStringLocalizer<SharedResource> l, AppDbContext db)
    {
        // The employee number is fixed once created (it is how HR and imports know the person).
        When(f => f.Id is null, () =>
        {
            RuleFor(f => f.EmployeeNumber).RequiredText(l, AccountManager.EmployeeNumberMaxLength);
            RuleFor(f => f.EmployeeNumber)
                .Must(n => n!.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c == '-')).WithMessage(l["AccountManager.EmployeeNumberFormat"])
                .MustAsync(async (number, ct) => !await db.AccountManagers.AnyAsync(m => m.EmployeeNumber == number!.Trim(), ct))
                .WithMessage(l["AccountManager.EmployeeNumberTaken"])
                .When(f => !string.IsNullOrWhiteSpace(f.EmployeeNumber) && f.EmployeeNumber.Trim().Length <= AccountManager.EmployeeNumberMaxLength);
        });
        RuleFor(f => f.Name).RequiredText(l, AccountManager.NameMaxLength);
        RuleFor(f => f.District).NotEmpty().WithMessage(l["AccountManager.District.Required"]);
        RuleFor(f => f.District)
            .MustAsync(async (name, ct) => await db.OrgUnits.AnyAsync(u => u.Name == name && u.Kind == UnitKind.District && u.IsActive, ct))
            .WithMessage(l["AccountManager.District.NotInList"])
            .When(f => !string.IsNullOrEmpty(f.District));
        RuleFor(f => f.Phone).OptionalText(l, AccountManager.PhoneMaxLength).Phone(l);
    }
}
