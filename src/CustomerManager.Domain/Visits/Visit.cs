using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;

namespace CustomerManager.Domain.Visits;

/// <summary>A market visit (拜访记录) of one account manager to one of their retail customers.</summary>
public sealed class Visit : Entity
{
    public const int TextMaxLength = 1000;
    public const int ShortTextMaxLength = 100;
    public const int MaxVolumeCartons = 10_000;
    public const int MaxBrands = 20;

    private List<string> _brandsRecommended = [];

    private Visit()
    {
    }

    public int AccountManagerId { get; private set; }

    public int CustomerId { get; private set; }

    /// <summary>Local wall-clock time of the visit (the company works in one time zone).</summary>
    public DateTime VisitedAt { get; private set; }

    public VisitKind Kind { get; private set; }

    public IReadOnlyCollection<string> BrandsRecommended => _brandsRecommended.AsReadOnly();

    public int VolumeCartons { get; private set; }

    public string? MarketInformation { get; private set; }

    public string? CustomerFeedback { get; private set; }

    public string? Complaint { get; private set; }

    public string? ComplaintResolution { get; private set; }

    public bool ComplaintResolvedOnSpot { get; private set; }

    public bool? CustomerSatisfied { get; private set; }

    public string? DataChange { get; private set; }

    public string? ViolationType { get; private set; }

    public string? ViolationDescription { get; private set; }

    public string? UnlicensedPlace { get; private set; }

    public string? UnlicensedDescription { get; private set; }

    public string? ShareWithLogistics { get; private set; }

    public string? ShareWithCallCentre { get; private set; }

    /// <summary>
    /// Logs a visit. A manager logs visits only for a customer assigned to them on the visit's date, and
    /// never in the future.
    /// </summary>
    public static Visit Log(int accountManagerId, RetailCustomer customer, DateTime visitedAt, DateTime now, VisitKind kind, VisitContent content)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (visitedAt > now)
        {
            throw new DomainException("Visit.InFuture", "A visit cannot be in the future.");
        }

        if (customer.ManagerOn(DateOnly.FromDateTime(visitedAt)) != accountManagerId)
        {
            throw new DomainException("Visit.NotAssigned", "The customer was not assigned to this manager on the visit's date.");
        }

        var visit = new Visit { AccountManagerId = accountManagerId, CustomerId = customer.Id, VisitedAt = visitedAt };
        visit.Describe(kind, content);
        return visit;
    }

    private void Describe(VisitKind kind, VisitContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Kind = Enum.IsDefined(kind) ? kind : throw new DomainException("Visit.Kind", "Unknown kind of visit.");
        if (content.VolumeCartons is < 0 or > MaxVolumeCartons)
        {
            throw new DomainException("Visit.Volume", $"Volume must lie between 0 and {MaxVolumeCartons} cartons.");
        }

        var brands = content.BrandsRecommended.Select(b => Guard.Required(b, ShortTextMaxLength, "Visit.Brand")).Distinct().ToList();
        if (brands.Count > MaxBrands)
        {
            throw new DomainException("Visit.TooManyBrands", $"At most {MaxBrands} brands per visit.");
        }

        var complaint = Guard.Optional(content.Complaint, TextMaxLength, "Visit.Complaint");
        var resolution = Guard.Optional(content.ComplaintResolution, TextMaxLength, "Visit.ComplaintResolution");
        if (content.ComplaintResolvedOnSpot && (complaint is null || resolution is null))
        {
            throw new DomainException("Visit.ResolutionRequired", "A complaint resolved on the spot needs the complaint and what was done.");
        }

        _brandsRecommended = brands;
        VolumeCartons = content.VolumeCartons;
        MarketInformation = Guard.Optional(content.MarketInformation, TextMaxLength, "Visit.MarketInformation");
        CustomerFeedback = Guard.Optional(content.CustomerFeedback, TextMaxLength, "Visit.CustomerFeedback");
        Complaint = complaint;
        ComplaintResolution = resolution;
        ComplaintResolvedOnSpot = content.ComplaintResolvedOnSpot;
        CustomerSatisfied = complaint is null ? null : content.CustomerSatisfied;
        DataChange = Guard.Optional(content.DataChange, TextMaxLength, "Visit.DataChange");
        ViolationType = Guard.Optional(content.ViolationType, ShortTextMaxLength, "Visit.ViolationType");
        ViolationDescription = Guard.Optional(content.ViolationDescription, TextMaxLength, "Visit.ViolationDescription");
        UnlicensedPlace = Guard.Optional(content.UnlicensedPlace, ShortTextMaxLength * 2, "Visit.UnlicensedPlace");
        UnlicensedDescription = Guard.Optional(content.UnlicensedDescription, TextMaxLength, "Visit.UnlicensedDescription");
        ShareWithLogistics = Guard.Optional(content.ShareWithLogistics, TextMaxLength, "Visit.ShareWithLogistics");
        ShareWithCallCentre = Guard.Optional(content.ShareWithCallCentre, TextMaxLength, "Visit.ShareWithCallCentre");
    }
}
