using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Visits;

/// <summary>The visit form an account manager fills in on the phone, in the shop.</summary>
public sealed class VisitForm
{
    public int? Id { get; set; }

    /// <summary>The visit's version when the form was opened (a correction never overwrites another unseen).</summary>
    public int Version { get; set; }

    public int? CustomerId { get; set; }

    public DateTime? VisitedAt { get; set; }

    public VisitKind? Kind { get; set; } = VisitKind.OnSite;

    public List<string> Brands { get; set; } = [];

    public int? VolumeCartons { get; set; }

    public string? MarketInformation { get; set; }

    public string? CustomerFeedback { get; set; }

    public string? Complaint { get; set; }

    public string? ComplaintResolution { get; set; }

    public bool ComplaintResolvedOnSpot { get; set; }

    public bool? CustomerSatisfied { get; set; }

    public string? DataChange { get; set; }

    /// <summary>A new phone number to write into the customer's record (audited).</summary>
    public string? NewPhone { get; set; }

    /// <summary>A new address to write into the customer's record (audited).</summary>
    public string? NewAddress { get; set; }

    public string? ViolationType { get; set; }

    public string? ViolationDescription { get; set; }

    public string? UnlicensedPlace { get; set; }

    public string? UnlicensedDescription { get; set; }

    public string? ShareWithLogistics { get; set; }

    public string? ShareWithCallCentre { get; set; }

    /// <summary>The sealed check-in made at the store before the form was sent (<see cref="SiteCheckTicket"/>).</summary>
    public string? CheckInTicket { get; set; }

    /// <summary>When the visit being corrected was checked in: its time and kind are then fixed.</summary>
    public DateTime? CheckedInAt { get; set; }

    /// <summary>The market figures of a collection point's visit, one row per specification offered.</summary>
    public List<MarketItem> Market { get; set; } = [];

    /// <summary>The grid the form shows: empty unless the customer is a collection point.</summary>
    public MarketGridModel MarketGrid { get; set; } = MarketGridModel.None;

    public IReadOnlyList<CustomerOption> Customers { get; set; } = [];

    public IReadOnlyList<string> BrandOptions { get; set; } = [];

    /// <summary>The periods of closed cycles: the form says at once when the chosen date lies in one.</summary>
    public IReadOnlyList<CyclePeriod> FrozenPeriods { get; set; } = [];

    public VisitContent ToContent() => new()
    {
        BrandsRecommended = Brands,
        VolumeCartons = VolumeCartons ?? 0,
        MarketInformation = MarketInformation,
        CustomerFeedback = CustomerFeedback,
        Complaint = Complaint,
        ComplaintResolution = ComplaintResolution,
        ComplaintResolvedOnSpot = ComplaintResolvedOnSpot,
        CustomerSatisfied = CustomerSatisfied,
        DataChange = DataChange,
        ViolationType = ViolationType,
        ViolationDescription = ViolationDescription,
        UnlicensedPlace = UnlicensedPlace,
        UnlicensedDescription = UnlicensedDescription,
        ShareWithLogistics = ShareWithLogistics,
        ShareWithCallCentre = ShareWithCallCentre,
    };

    public static VisitForm From(Visit v) => new()
    {
        Id = v.Id,
        Version = v.Version,
        CustomerId = v.CustomerId,
        VisitedAt = v.VisitedAt,
        Kind = v.Kind,
        CheckedInAt = v.CheckedInAt,
        Brands = [.. v.BrandsRecommended],
        VolumeCartons = v.VolumeCartons,
        MarketInformation = v.MarketInformation,
        CustomerFeedback = v.CustomerFeedback,
        Complaint = v.Complaint,
        ComplaintResolution = v.ComplaintResolution,
        ComplaintResolvedOnSpot = v.ComplaintResolvedOnSpot,
        CustomerSatisfied = v.CustomerSatisfied,
        DataChange = v.DataChange,
        ViolationType = v.ViolationType,
        ViolationDescription = v.ViolationDescription,
        UnlicensedPlace = v.UnlicensedPlace,
        UnlicensedDescription = v.UnlicensedDescription,
        ShareWithLogistics = v.ShareWithLogistics,
        ShareWithCallCentre = v.ShareWithCallCentre,
    };
}

public sealed record CustomerOption(int Id, string StoreName, string LicenceNumber);

public sealed class VisitFormValidator : AbstractValidator<VisitForm>
{
    public VisitFormValidator(IStringLocalizer<SharedResource> l, AppDbContext db, TimeProvider clock)
    {
        RuleFor(f => f.CustomerId).NotNull().WithMessage(l["Visit.CustomerRequired"]);
        RuleFor(f => f.VisitedAt).NotNull().WithMessage(l["Visit.WhenRequired"]);
        RuleFor(f => f.VisitedAt)
            .Must(t => t >= clock.GetLocalNow().DateTime.AddYears(-1)).WithMessage(l["Visit.TooOld"])
            .When(f => f.VisitedAt is not null);
        RuleFor(f => f.Kind).NotNull().WithMessage(l["Validation.Required"]).IsInEnum().WithMessage(l["Validation.Choose"]);
        RuleFor(f => f.VolumeCartons).InclusiveBetween(0, Visit.MaxVolumeCartons).WithMessage(l["Visit.VolumeRange", Visit.MaxVolumeCartons]);
        RuleFor(f => f.Brands).Must(b => b.Count <= Visit.MaxBrands).WithMessage(l["Visit.TooManyBrands", Visit.MaxBrands])
            .MustAsync(async (brands, ct) =>
            {
                var chosen = brands.Distinct().ToList();
                return chosen.Count == 0 || await db.Brands.CountAsync(b => b.IsActive && chosen.Contains(b.Name), ct) == chosen.Count;
            }).WithMessage(l["Visit.UnknownBrand"]);
        RuleFor(f => f.MarketInformation).OptionalText(l, Visit.TextMaxLength);
        RuleFor(f => f.CustomerFeedback).OptionalText(l, Visit.TextMaxLength);
        RuleFor(f => f.Complaint).OptionalText(l, Visit.TextMaxLength);
        RuleFor(f => f.ComplaintResolution).OptionalText(l, Visit.TextMaxLength);
        RuleFor(f => f.DataChange).OptionalText(l, Visit.TextMaxLength);
        RuleFor(f => f.ViolationDescription).OptionalText(l, Visit.TextMaxLength);
        RuleFor(f => f.UnlicensedDescription).OptionalText(l, Visit.TextMaxLength);
        RuleFor(f => f.ShareWithLogistics).OptionalText(l, Visit.TextMaxLength);
        RuleFor(f => f.ShareWithCallCentre).OptionalText(l, Visit.TextMaxLength);
        RuleFor(f => f.ViolationType).OptionalText(l, Visit.ShortTextMaxLength);
        RuleFor(f => f.UnlicensedPlace).OptionalText(l, Visit.ShortTextMaxLength * 2);
        RuleFor(f => f.ComplaintResolution).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(l["Visit.ResolutionRequired"]).When(f => f.ComplaintResolvedOnSpot);
        RuleFor(f => f.Complaint).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage(l["Visit.ComplaintRequired"]).When(f => f.ComplaintResolvedOnSpot);
        RuleFor(f => f.ViolationType).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(l["Visit.ViolationTypeRequired"]).When(f => !string.IsNullOrWhiteSpace(f.ViolationDescription));
        RuleFor(f => f.UnlicensedPlace).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(l["Visit.UnlicensedPlaceRequired"]).When(f => !string.IsNullOrWhiteSpace(f.UnlicensedDescription));
        RuleFor(f => f.NewPhone).OptionalText(l, RetailCustomer.PhoneMaxLength).Phone(l);
        RuleFor(f => f.NewAddress).OptionalText(l, RetailCustomer.AddressMaxLength);
    }
}
