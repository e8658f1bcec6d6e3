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
    /// Logs a visit. A manager logs visits only for a customer assigned to them on the visit's date, never in
    /// the future and never in the period of a closed cycle (<see cref="VisitChangeRules"/>).
    /// </summary>
    public static Visit Log(int accountManagerId, RetailCustomer customer, DateTime visitedAt, VisitKind kind, VisitContent content, VisitChangeRules rules)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(rules);
        EnsureWhenAndWhose(accountManagerId, customer, visitedAt, rules);
        var visit = new Visit { AccountManagerId = accountManagerId, CustomerId = customer.Id, VisitedAt = visitedAt };
        visit.Describe(kind, content);
        return visit;
    }

    /// <summary>
    /// The author corrects the visit, while <see cref="VisitChangeRules"/> allow it (edit window, closed cycles,
    /// at the old date and the new one). Items already acknowledged cannot be rewritten.
    /// </summary>
    public void Revise(int byManagerId, RetailCustomer customer, DateTime visitedAt, VisitKind kind, VisitContent content, VisitChangeRules rules)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.WhyNotChange(this, byManagerId) is { } refusal)
        {
            throw refusal.ToException("This visit can no longer be changed by this user.");
        }

        if (customer.Id != CustomerId)
        {
            throw new DomainException(ErrorCodes.Visit.OtherCustomer, "A visit stays with its customer.");
        }

        EnsureWhenAndWhose(AccountManagerId, customer, visitedAt, rules);
        VisitedAt = visitedAt;
        Describe(kind, content);
    }

    /// <summary>Throws unless <paramref name="byManagerId"/> may delete the visit now.</summary>
    public void EnsureDeletable(int byManagerId, VisitChangeRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.WhyNotDelete(this, byManagerId) is { } refusal)
        {
            throw refusal.ToException("This visit can no longer be deleted by this user.");
        }
    }

    private static void EnsureWhenAndWhose(int accountManagerId, RetailCustomer customer, DateTime visitedAt, VisitChangeRules rules)
    {
        if (rules.WhyNotOn(visitedAt) is { } refusal)
        {
            throw refusal.ToException("A visit cannot carry this date.");
        }

        if (customer.ManagerOn(DateOnly.FromDateTime(visitedAt)) != accountManagerId)
        {
            throw new DomainException(ErrorCodes.Visit.NotAssigned, "The customer was not assigned to this manager on the visit's date.");
        }
    }

    private void Describe(VisitKind kind, VisitContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Kind = Enum.IsDefined(kind) ? kind : throw new DomainException(ErrorCodes.Visit.Kind, "Unknown kind of visit.");
        if (content.VolumeCartons is < 0 or > MaxVolumeCartons)
        {
            throw new DomainException(ErrorCodes.Visit.Volume, $"Volume must lie between 0 and {MaxVolumeCartons} cartons.", MaxVolumeCartons);
        }

        var brands = content.BrandsRecommended.Select(b => Guard.Required(b, ShortTextMaxLength, ErrorCodes.Visit.BrandRequired, ErrorCodes.Visit.BrandTooLong)).Distinct().ToList();
        if (brands.Count > MaxBrands)
        {
            throw new DomainException(ErrorCodes.Visit.TooManyBrands, $"At most {MaxBrands} brands per visit.", MaxBrands);
        }

        var complaint = Guard.Optional(content.Complaint, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        var resolution = Guard.Optional(content.ComplaintResolution, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        if (content.ComplaintResolvedOnSpot && (complaint is null || resolution is null))
        {
            throw new DomainException(ErrorCodes.Visit.ResolutionRequired, "A complaint resolved on the spot needs the complaint and what was done.");
        }

        _brandsRecommended = brands;
        BrandCount = brands.Count;
        VolumeCartons = content.VolumeCartons;
        MarketInformation = Guard.Optional(content.MarketInformation, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        CustomerFeedback = Guard.Optional(content.CustomerFeedback, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        Complaint = complaint;
        ComplaintResolution = resolution;
        ComplaintResolvedOnSpot = content.ComplaintResolvedOnSpot;
        CustomerSatisfied = complaint is null ? null : content.CustomerSatisfied;
        DataChange = Guard.Optional(content.DataChange, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        ViolationType = Guard.Optional(content.ViolationType, ShortTextMaxLength, ErrorCodes.Visit.TextTooLong);
        ViolationDescription = Guard.Optional(content.ViolationDescription, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        UnlicensedPlace = Guard.Optional(content.UnlicensedPlace, ShortTextMaxLength * 2, ErrorCodes.Visit.TextTooLong);
        UnlicensedDescription = Guard.Optional(content.UnlicensedDescription, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        ShareWithLogistics = Guard.Optional(content.ShareWithLogistics, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        ShareWithCallCentre = Guard.Optional(content.ShareWithCallCentre, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        if (ViolationDescription is not null && ViolationType is null)
        {
            throw new DomainException(ErrorCodes.Visit.ViolationTypeRequired, "A violation needs its type.");
        }

        if (UnlicensedDescription is not null && UnlicensedPlace is null)
        {
            throw new DomainException(ErrorCodes.Visit.UnlicensedPlaceRequired, "An unlicensed retailer needs its place.");
        }

        Route(ReportKind.Logistics, ShareWithLogistics);
        Route(ReportKind.CallCentre, ShareWithCallCentre);
        Route(ReportKind.Violation, ViolationType is null ? null : Join(ViolationType, ViolationDescription));
        Route(ReportKind.UnlicensedRetail, UnlicensedPlace is null ? null : Join(UnlicensedPlace, UnlicensedDescription));
        foreach (var report in _reports)
        {
            report.VisitedAt = VisitedAt;
            report.AccountManagerId = AccountManagerId;
        }
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
                _reports.Add(new VisitReport(kind, message, VisitedAt, AccountManagerId));
            }

            return;
        }

        if (existing.Message == message)
        {
            return;
        }

        if (existing.Status != ReportStatus.New)
        {
            throw new DomainException(ErrorCodes.Report.AlreadyAcknowledged, "An acknowledged item cannot be changed or withdrawn.");
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
