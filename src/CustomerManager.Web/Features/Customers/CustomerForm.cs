using CustomerManager.Domain.Customers;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Customers;

/// <summary>The create and edit form of a retail customer.</summary>
public sealed class CustomerForm
{
    /// <summary>Null when creating.</summary>
    public int? Id { get; set; }

    /// <summary>The record's version when the form was opened.</summary>
    public int Version { get; set; }

    public string? LicenceNumber { get; set; }

    public string? StoreName { get; set; }

    public string? Owner { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    public BusinessType? BusinessType { get; set; }

    public CustomerStatus? Status { get; set; } = CustomerStatus.Active;

    /// <summary>A market information collection point (信息采集点).</summary>
    public bool IsCollectionPoint { get; set; }

    /// <summary>On creation: the first account manager, optional.</summary>
    public int? ManagerId { get; set; }

    /// <summary>On creation in a large company: the first manager as typed (an employee number or a name), resolved to <see cref="ManagerId"/>.</summary>
    public string? Manager { get; set; }

    /// <summary>On creation: from when the first manager serves the customer.</summary>
    public DateOnly? AssignedFrom { get; set; }

    /// <summary>How the first manager is chosen (set for the page).</summary>
    public ManagerPicker? Picker { get; set; }
}

public sealed class CustomerFormValidator : AbstractValidator<CustomerForm>
{
    public CustomerFormValidator(IStringLocalizer<SharedResource> l, AppDbContext db, TimeProvider clock)
    {
        // The licence number is the customer's identity: fixed once created.
        When(f => f.Id is null, () =>
        {
            RuleFor(f => f.LicenceNumber).RequiredText(l, RetailCustomer.LicenceNumberMaxLength);
            RuleFor(f => f.LicenceNumber)
                .Must(RetailCustomer.IsLicenceNumber).WithMessage(l["Customer.LicenceNumber.Format", RetailCustomer.LicenceNumberLength])
                .When(f => !string.IsNullOrWhiteSpace(f.LicenceNumber) && f.LicenceNumber.Trim().Length <= RetailCustomer.LicenceNumberMaxLength);
            RuleFor(f => f.LicenceNumber)
                .MustAsync(async (n, ct) =>
                {
                    var licence = RetailCustomer.NormalizeLicenceNumber(n);
                    return !await db.Customers.AnyAsync(c => c.LicenceNumber == licence, ct);
                })
                .WithMessage(l["Customer.LicenceNumberTaken"])
                .When(f => RetailCustomer.IsLicenceNumber(f.LicenceNumber) && f.LicenceNumber!.Trim().Length <= RetailCustomer.LicenceNumberMaxLength);
            RuleFor(f => f.ManagerId).NotNull().WithMessage(f => ManagerOptions.NotFoundMessage(l, f.Manager!)).When(f => !string.IsNullOrWhiteSpace(f.Manager));
            RuleFor(f => f.ManagerId)
                .MustAsync(async (id, ct) => await db.AccountManagers.AnyAsync(m => m.Id == id && m.IsActive, ct)).WithMessage(l["Assignment.ManagerInactive"])
                .When(f => f.ManagerId is not null);
            RuleFor(f => f.AssignedFrom).NotNull().WithMessage(l["Assignment.DateRequired"]).When(f => f.ManagerId is not null);
            RuleFor(f => f.AssignedFrom)
                .Must(d => d <= DateOnly.FromDateTime(clock.GetLocalNow().DateTime)).WithMessage(l["Assignment.DateInFuture"])
                .When(f => f.ManagerId is not null && f.AssignedFrom is not null);
        });
        RuleFor(f => f.StoreName).RequiredText(l, RetailCustomer.StoreNameMaxLength);
        RuleFor(f => f.Owner).RequiredText(l, RetailCustomer.OwnerMaxLength);
        RuleFor(f => f.Phone).OptionalText(l, RetailCustomer.PhoneMaxLength).Phone(l);
        RuleFor(f => f.Address).RequiredText(l, RetailCustomer.AddressMaxLength);
        RuleFor(f => f.BusinessType).NotNull().WithMessage(l["Validation.Required"]).IsInEnum().WithMessage(l["Validation.Choose"]);
        RuleFor(f => f.Status).NotNull().WithMessage(l["Validation.Required"]).IsInEnum().WithMessage(l["Validation.Choose"]);
    }
}
