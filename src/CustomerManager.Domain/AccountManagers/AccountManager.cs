using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.AccountManagers;

/// <summary>An account manager (客户经理): serves a stable set of retail customers in one district (片区).</summary>
public sealed class AccountManager : Entity
{
    public const int EmployeeNumberMaxLength = 20;
    public const int NameMaxLength = 50;
    public const int PhoneMaxLength = 20;
    public const int DistrictMaxLength = 50;

    private AccountManager()
    {
        EmployeeNumber = string.Empty;
        Name = string.Empty;
        District = string.Empty;
    }

    public AccountManager(string employeeNumber, string name, string? phone, string district)
        : this()
    {
        EmployeeNumber = Guard.Required(employeeNumber, EmployeeNumberMaxLength, "AccountManager.EmployeeNumber");
        UpdateProfile(name, phone, district);
    }

    public string EmployeeNumber { get; private set; }

    public string Name { get; private set; }

    public string? Phone { get; private set; }

    public string District { get; private set; }

    public bool IsActive { get; private set; } = true;

    public void UpdateProfile(string name, string? phone, string district)
    {
        Name = Guard.Required(name, NameMaxLength, "AccountManager.Name");
        Phone = Guard.Optional(phone, PhoneMaxLength, "AccountManager.Phone");
        District = Guard.Required(district, DistrictMaxLength, "AccountManager.District");
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}
