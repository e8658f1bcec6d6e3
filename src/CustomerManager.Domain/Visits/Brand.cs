using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Visits;

/// <summary>A cigarette brand in the catalogue administrators maintain; visits record the names recommended.</summary>
public sealed class Brand : Entity
{
    public const int NameMaxLength = 50;

    private Brand()
    {
        Name = string.Empty;
    }

    public Brand(string name, int sortOrder)
        : this()
    {
        Rename(name);
        SortOrder = sortOrder;
    }

    public string Name { get; private set; }

    public int SortOrder { get; private set; }

    public bool IsActive { get; private set; } = true;

    public void Rename(string name) => Name = Guard.Required(name, NameMaxLength, ErrorCodes.Brand.NameRequired, ErrorCodes.Brand.NameTooLong);

    public void MoveTo(int sortOrder) => SortOrder = sortOrder;

    public void Retire() => IsActive = false;

    public void Reinstate() => IsActive = true;
}
