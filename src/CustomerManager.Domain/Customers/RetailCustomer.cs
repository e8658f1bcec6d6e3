using CustomerManager.Domain.Common;
using CustomerManager.Domain.Visits;

namespace CustomerManager.Domain.Customers;

/// <summary>
/// A retail customer (零售户), identified by the tobacco retail licence number. It has at most one current
/// account manager; every change of manager is kept as history.
/// </summary>
public sealed class RetailCustomer : Entity
{
    public const int LicenceNumberMaxLength = 30;

    /// <summary>
    /// A tobacco retail licence number (烟草专卖零售许可证号) has 12 digits: the issuing office's 6-digit
    /// administrative division code, then 6 digits of its own (for example 440106200001).
    /// </summary>
    public const int LicenceNumberLength = 12;
    public const int StoreNameMaxLength = 100;
    public const int OwnerMaxLength = 50;
    public const int PhoneMaxLength = 20;
    public const int AddressMaxLength = 200;

    /// <summary>The highest place a customer may take in its route day's order.</summary>
    public const int MaxRouteSequence = 999;

    private readonly List<CustomerAssignment> _assignments = [];

    private RetailCustomer()
    {
        LicenceNumber = string.Empty;
        StoreName = string.Empty;
        StoreNameSortKey = string.Empty;
        Owner = string.Empty;
        OwnerSortKey = string.Empty;
        Address = string.Empty;
    }

    public RetailCustomer(string licenceNumber, string storeName, string owner, string? phone, string address, BusinessType businessType)
        : this()
    {
        LicenceNumber = NormalizeLicenceNumber(licenceNumber);
        Update(storeName, owner, phone, address, businessType, CustomerStatus.Active);
    }

    public string LicenceNumber { get; private set; }

    public string StoreName { get; private set; }

    /// <summary>Where the store comes in a list sorted by name (<see cref="NameOrder"/>).</summary>
    public string StoreNameSortKey { get; private set; }

    public string Owner { get; private set; }

    /// <summary>Where the owner comes in a list sorted by owner (<see cref="NameOrder"/>).</summary>
    public string OwnerSortKey { get; private set; }

    public string? Phone { get; private set; }

    public string Address { get; private set; }

    public BusinessType BusinessType { get; private set; }

    public CustomerStatus Status { get; private set; }

    /// <summary>The customer's own visit frequency; none: its business type's default (<see cref="VisitFrequencyDefault"/>).</summary>
    public VisitFrequency? Frequency { get; private set; }

    /// <summary>The weekday its manager visits the customer's area (线路日); none: not on a route.</summary>
    public DayOfWeek? RouteDay { get; private set; }

    /// <summary>Which week of the fortnight (1–2) or which route day of the month (1–4) it is visited; 1 when weekly.</summary>
    public int RouteWeek { get; private set; } = 1;

    /// <summary>Where the customer comes in its route day's order (1 first); none: after the numbered ones, by name.</summary>
    public int? RouteSequence { get; private set; }

    /// <summary>The store's latitude: from its first verified visit, or set by an administrator.</summary>
    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public GeoPoint? Location => Latitude is { } lat && Longitude is { } lon ? new GeoPoint(lat, lon) : null;

    /// <summary>A market information collection point (信息采集点): its manager records brand prices and stock on each visit.</summary>
    public bool IsCollectionPoint { get; private set; }

    /// <summary>The current account manager (denormalised from the open assignment, for indexed lists).</summary>
    public int? CurrentManagerId { get; private set; }

    public IReadOnlyCollection<CustomerAssignment> Assignments => _assignments.AsReadOnly();

    /// <summary>
    /// A licence number as stored: its 12 digits. Full-width digits (an IME's ４４０１…) are the digits they
    /// look like and spaces between groups are dropped; anything else is refused rather than guessed at.
    /// </summary>
    public static string NormalizeLicenceNumber(string? licenceNumber)
    {
        var value = Guard.Required(licenceNumber, LicenceNumberMaxLength, ErrorCodes.Customer.LicenceNumberRequired, ErrorCodes.Customer.LicenceNumberTooLong);
        return CleanLicenceNumber(value) is { } clean
            ? clean
            : throw new DomainException(ErrorCodes.Customer.LicenceNumberFormat, "A licence number has 12 digits.", LicenceNumberLength);
    }

    /// <summary>Whether the text is a licence number (see <see cref="NormalizeLicenceNumber"/>).</summary>
    public static bool IsLicenceNumber(string? text) => !string.IsNullOrWhiteSpace(text) && CleanLicenceNumber(text) is not null;

    private static string? CleanLicenceNumber(string text)
    {
        var digits = new string([.. text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c))]);
        return digits.Length == LicenceNumberLength && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public void Update(string storeName, string owner, string? phone, string address, BusinessType businessType, CustomerStatus status)
    {
        StoreName = Guard.Required(storeName, StoreNameMaxLength, ErrorCodes.Customer.StoreNameRequired, ErrorCodes.Customer.StoreNameTooLong);
        StoreNameSortKey = NameOrder.KeyOf(StoreName);
        Owner = Guard.Required(owner, OwnerMaxLength, ErrorCodes.Customer.OwnerRequired, ErrorCodes.Customer.OwnerTooLong);
        OwnerSortKey = NameOrder.KeyOf(Owner);
        Phone = Guard.Optional(phone, PhoneMaxLength, ErrorCodes.Customer.PhoneTooLong);
        Address = Guard.Required(address, AddressMaxLength, ErrorCodes.Customer.AddressRequired, ErrorCodes.Customer.AddressTooLong);
        BusinessType = Enum.IsDefined(businessType) ? businessType : throw new DomainException(ErrorCodes.Customer.BusinessType, "Unknown business type.");
        Status = Enum.IsDefined(status) ? status : throw new DomainException(ErrorCodes.Customer.Status, "Unknown status.");
    }

    /// <summary>
    /// Assigns the customer to a manager from <paramref name="effective"/>, ending the current assignment
    /// that day. History is never rewritten: the effective date cannot precede the current assignment's start.
    /// On the day the current assignment began it is a correction of that assignment, not a new one: the
    /// current span goes to the right manager (or, back to the one before, the mistaken span is undone and the
    /// previous one continues), so that a mistake made this morning leaves no one-day manager in the history.
    /// </summary>
    public void AssignTo(int accountManagerId, DateOnly effective, string? reason, string? changedBy)
    {
        var why = Guard.Optional(reason, CustomerAssignment.ReasonMaxLength, ErrorCodes.Assignment.ReasonTooLong);
        var current = _assignments.SingleOrDefault(a => a.IsCurrent);
        if (current is not null)
        {
            if (current.AccountManagerId == accountManagerId)
            {
                throw new DomainException(ErrorCodes.Assignment.SameManager, "The customer is already assigned to this manager.");
            }

            if (effective < current.From)
            {
                throw new DomainException(ErrorCodes.Assignment.BeforeCurrent, "A reassignment cannot take effect before the current assignment began.", current.From);
            }

            if (effective == current.From)
            {
                var previous = _assignments.Where(a => a != current && a.To == current.From).OrderBy(a => a.From).LastOrDefault();
                if (previous?.AccountManagerId == accountManagerId)
                {
                    _assignments.Remove(current);
                    previous.Continue();
                }
                else
                {
                    current.Correct(accountManagerId, why, changedBy);
                }

                CurrentManagerId = accountManagerId;
                return;
            }

            current.End(effective);
        }

        _assignments.Add(new CustomerAssignment(accountManagerId, effective, why, changedBy));
        CurrentManagerId = accountManagerId;
    }

    /// <summary>
    /// Writes a new phone number or address an account manager found on a visit into the record (blank or
    /// unchanged parts are left alone) and says what changed, for the visit's data-change note.
    /// </summary>
    public ContactCorrection CorrectContact(string? newPhone, string? newAddress)
    {
        var phone = Guard.Optional(newPhone, PhoneMaxLength, ErrorCodes.Customer.PhoneTooLong);
        var address = Guard.Optional(newAddress, AddressMaxLength, ErrorCodes.Customer.AddressTooLong);
        var correction = new ContactCorrection(phone is not null && phone != Phone ? phone : null, address is not null && address != Address ? address : null);
        Phone = correction.NewPhone ?? Phone;
        Address = correction.NewAddress ?? Address;
        return correction;
    }

    /// <summary>
    /// Sets when the customer is visited: its own frequency (none: its business type's), route day (none: off every
    /// route), route week (kept within the frequency's weeks) and place in the day's order.
    /// </summary>
    public void Plan(VisitFrequency? frequency, DayOfWeek? routeDay, int routeWeek, int? routeSequence)
    {
        if (frequency is { } f && !Enum.IsDefined(f))
        {
            throw new DomainException(ErrorCodes.Customer.Frequency, "Unknown visit frequency.");
        }

        if (routeDay is { } d && !Enum.IsDefined(d))
        {
            throw new DomainException(ErrorCodes.General.RuleBroken, "Unknown weekday.");
        }

        if (routeWeek is < 1 or > 4)
        {
            throw new DomainException(ErrorCodes.Customer.RouteWeek, "The route week lies between 1 and 4.", 4);
        }

        if (routeSequence is < 1 or > MaxRouteSequence)
        {
            throw new DomainException(ErrorCodes.Customer.RouteSequence, $"The order lies between 1 and {MaxRouteSequence}.", MaxRouteSequence);
        }

        Frequency = frequency;
        RouteDay = routeDay;
        RouteWeek = routeWeek;
        RouteSequence = routeSequence;
    }

    /// <summary>The frequency the customer is visited at, given its business type's default.</summary>
    public VisitFrequency FrequencyWith(VisitFrequency businessTypeDefault) => Frequency ?? businessTypeDefault;

    /// <summary>
    /// The customer's route plan, given its business type's default frequency; none when it has no route day or is not
    /// trading. A route week beyond the frequency's (week 3 of a fortnight) is read as its last.
    /// </summary>
    public RoutePlan? PlanWith(VisitFrequency businessTypeDefault) => PlanOf(FrequencyWith(businessTypeDefault), RouteDay, RouteWeek, Status);

    /// <summary>The route plan of a customer's stored plan fields (for queries that read the fields, not the customer).</summary>
    public static RoutePlan? PlanOf(VisitFrequency frequency, DayOfWeek? routeDay, int routeWeek, CustomerStatus status) =>
        routeDay is { } day && status == CustomerStatus.Active
            ? new RoutePlan(frequency, day, Math.Clamp(routeWeek, 1, VisitFrequencies.RouteWeeks(frequency)))
            : null;

    /// <summary>Makes the customer a collection point, or no longer one (its figures recorded so far stay).</summary>
    public void MarkCollectionPoint(bool isCollectionPoint) => IsCollectionPoint = isCollectionPoint;

    /// <summary>Places the store: from its first verified visit, or by an administrator's correction.</summary>
    public void Locate(GeoPoint point)
    {
        if (!GeoPoint.IsValid(point.Latitude, point.Longitude))
        {
            throw new DomainException(ErrorCodes.Visit.Location, "Coordinates outside the globe.");
        }

        Latitude = Math.Round(point.Latitude, 6);
        Longitude = Math.Round(point.Longitude, 6);
    }

    /// <summary>Forgets the store's place, so that its next verified visit sets it again.</summary>
    public void Unlocate()
    {
        Latitude = null;
        Longitude = null;
    }

    /// <summary>The manager who served the customer on a given day, if any.</summary>
    public int? ManagerOn(DateOnly day) => _assignments.FirstOrDefault(a => a.Covers(day))?.AccountManagerId;
}

/// <summary>What a visit changed in a customer's contact details (null: unchanged).</summary>
public sealed record ContactCorrection(string? NewPhone, string? NewAddress)
{
    public bool Any => NewPhone is not null || NewAddress is not null;
}
