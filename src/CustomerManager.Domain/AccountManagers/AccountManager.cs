using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;

namespace CustomerManager.Domain.AccountManagers;

/// <summary>An account manager (客户经理): serves a stable set of retail customers in one district (片区).</summary>
public sealed class AccountManager : Entity
{
    public const int EmployeeNumberMaxLength = 20;
    public const int NameMaxLength = 50;
    public const int PhoneMaxLength = 20;

    private AccountManager()
    {
        EmployeeNumber = string.Empty;
        Name = string.Empty;
        NameSortKey = string.Empty;
        District = null!;
    }

    public AccountManager(string employeeNumber, string name, string? phone, OrgUnit district)
        : this()
    {
        EmployeeNumber = Guard.Required(employeeNumber, EmployeeNumberMaxLength, ErrorCodes.AccountManager.EmployeeNumberRequired, ErrorCodes.AccountManager.EmployeeNumberTooLong);
        UpdateProfile(name, phone, district);
    }

    public string EmployeeNumber { get; private set; }

    public string Name { get; private set; }

    /// <summary>Where the manager comes in a list sorted by name (<see cref="NameOrder"/>).</summary>
    public string NameSortKey { get; private set; }

    public string? Phone { get; private set; }

    public int DistrictId { get; private set; }

    /// <summary>The district unit the manager serves; its department and the company are above it.</summary>
    public OrgUnit District { get; private set; }

    public bool IsActive { get; private set; } = true;

    public void UpdateProfile(string name, string? phone, OrgUnit district)
    {
        Name = Guard.Required(name, NameMaxLength, ErrorCodes.AccountManager.NameRequired, ErrorCodes.AccountManager.NameTooLong);
        NameSortKey = NameOrder.KeyOf(Name);
        Phone = Guard.Optional(phone, PhoneMaxLength, ErrorCodes.AccountManager.PhoneTooLong);
        MoveTo(district);
    }

    /// <summary>Places the manager in a district (when it is merged into another, for one): an active district unit.</summary>
    public void MoveTo(OrgUnit district)
    {
        if (district is null)
        {
            throw new DomainException(ErrorCodes.AccountManager.DistrictRequired, "A manager serves a district.");
        }

        // A district retired while the manager was in it is impossible (retiring needs it empty), but a manager's
        // profile saved again with the district they are in is never refused for its state.
        var staying = ReferenceEquals(district, District) || (district.Id != 0 && district.Id == DistrictId);
        if (district.Kind != UnitKind.District || (!district.IsActive && !staying))
        {
            throw new DomainException(ErrorCodes.Unit.NotADistrict, "A manager is placed in an active district.", district.Name);
        }

        District = district;
        DistrictId = district.Id;
    }

    /// <summary>
    /// The manager leaves the sales force. Their customers are handed over first: a customer is never left
    /// with an inactive manager.
    /// </summary>
    /// <param name="currentCustomers">How many customers the manager serves now.</param>
    public void Deactivate(int currentCustomers)
    {
        if (currentCustomers > 0)
        {
            throw new DomainException(ErrorCodes.AccountManager.HasCustomers, "Reassign the manager's customers first.", currentCustomers);
        }

        IsActive = false;
    }

    public void Activate() => IsActive = true;
}
