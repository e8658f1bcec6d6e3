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

    private readonly List<VisitReport> _reports = [];
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

    /// <summary>
    /// How many brands were recommended, kept beside the list so that the panel's evidence can sum it in SQL
    /// on every engine (SQL Server cannot aggregate over a JSON subquery).
    /// </summary>
    public int BrandCount { get; private set; }

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

    /// <summary>What this visit passed on: shared information and reported cases, with their acknowledgement.</summary>
    public IReadOnlyCollection<VisitReport> Reports => _reports.AsReadOnly();

    /// <summary>
    /// Logs a visit. A manager logs visits only for a customer assigned to them on the visit's date, and
    /// never in the future.
    /// </summary>
    public static Visit Log(int accountManagerId, RetailCustomer customer, DateTime visitedAt, DateTime now, VisitKind kind, VisitContent content)
    {
        ArgumentNullException.ThrowIfNull(customer);
        EnsureWhenAndWhose(accountManagerId, customer, visitedAt, now);
        var visit = new Visit { AccountManagerId = accountManagerId, CustomerId = customer.Id, VisitedAt = visitedAt };
        visit.Describe(kind, content);
        return visit;
    }

    /// <summary>
    /// The author corrects the visit. Call <see cref="VisitChangeRules.EnsureChangeable"/> first: the edit window
    /// and closed cycles decide whether it may change at all. Items already acknowledged cannot be rewritten.
    /// </summary>
    public void Revise(RetailCustomer customer, DateTime visitedAt, DateTime now, VisitKind kind, VisitContent content)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.Id != CustomerId)
        {
            throw new DomainException("Visit.OtherCustomer", "A visit stays with its customer.");
        }

        EnsureWhenAndWhose(AccountManagerId, customer, visitedAt, now);
        VisitedAt = visitedAt;
        Describe(kind, content);
    }

    private static void EnsureWhenAndWhose(int accountManagerId, RetailCustomer customer, DateTime visitedAt, DateTime now)
    {
        if (visitedAt > now)
        {
            throw new DomainException("Visit.InFuture", "A visit cannot be in the future.");
        }

        if (customer.ManagerOn(DateOnly.FromDateTime(visitedAt)) != accountManagerId)
        {
            throw new DomainException("Visit.NotAssigned", "The customer was not assigned to this manager on the visit's date.");
        }
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
        BrandCount = brands.Count;
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
        if (ViolationDescription is not null && ViolationType is null)
        {
            throw new DomainException("Visit.ViolationTypeRequired", "A violation needs its type.");
        }

        if (UnlicensedDescription is not null && UnlicensedPlace is null)
        {
            throw new DomainException("Visit.UnlicensedPlaceRequired", "An unlicensed retailer needs its place.");
        }

        Route(ReportKind.Logistics, ShareWithLogistics);
        Route(ReportKind.CallCentre, ShareWithCallCentre);
        Route(ReportKind.Violation, ViolationType is null ? null : Join(ViolationType, ViolationDescription));
        Route(ReportKind.UnlicensedRetail, UnlicensedPlace is null ? null : Join(UnlicensedPlace, UnlicensedDescription));
    }

    private static string Join(string head, string? detail) => detail is null ? head : $"{head}: {detail}";

    /// <summary>Keeps one report per kind in step with the visit's content; acknowledged ones never change.</summary>
    private void Route(ReportKind kind, string? message)
    {
        var existing = _reports.SingleOrDefault(r => r.Kind == kind);
        if (existing is null)
        {
            if (message is not null)
            {
                _reports.Add(new VisitReport(kind, message));
            }

            return;
        }

        if (existing.Message == message)
        {
            return;
        }

        if (existing.Status != ReportStatus.New)
        {
            throw new DomainException("Report.AlreadyAcknowledged", "An acknowledged item cannot be changed or withdrawn.");
        }

        if (message is null)
        {
            _reports.Remove(existing);
        }
        else
        {
            existing.Rewrite(message);
        }
    }
}
