using CustomerManager.Domain.Common;

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

    /// <summary>The manager who served the customer on a given day, if any.</summary>
    public int? ManagerOn(DateOnly day) => _assignments.FirstOrDefault(a => a.Covers(day))?.AccountManagerId;
}

/// <summary>What a visit changed in a customer's contact details (null: unchanged).</summary>
public sealed record ContactCorrection(string? NewPhone, string? NewAddress)
{
    public bool Any => NewPhone is not null || NewAddress is not null;
}
