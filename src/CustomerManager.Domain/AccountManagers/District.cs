using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.AccountManagers;

/// <summary>
/// A district (片区): the area a group of account managers serves. Managers are placed in one picked from this
/// list, so a typo never makes a new district; renaming one renames it for all its managers.
/// </summary>
public sealed class District : Entity
{
    public const int NameMaxLength = 50;

    private District()
    {
        Name = string.Empty;
        NameSortKey = string.Empty;
    }

    public District(string name)
        : this()
    {
        Rename(name);
    }

    public string Name { get; private set; }

    /// <summary>Where the district comes in a list sorted by name (<see cref="NameOrder"/>).</summary>
    public string NameSortKey { get; private set; }

    public void Rename(string name)
    {
        Name = Guard.Required(name, NameMaxLength, ErrorCodes.District.NameRequired, ErrorCodes.District.NameTooLong);
        NameSortKey = NameOrder.KeyOf(Name);
    }

    /// <summary>A district is deleted only once no manager, active or not, is placed in it: merge it into another first.</summary>
    /// <param name="managers">How many managers are placed in it.</param>
    public static void EnsureDeletable(int managers)
    {
        if (managers > 0)
        {
            throw new DomainException(ErrorCodes.District.HasManagers, "Move the district's managers first.", managers);
        }
    }

    /// <summary>Merging a district into itself would delete it with its managers in it.</summary>
    public void EnsureCanMergeInto(District target)
    {
        if (target.Id == Id)
        {
            throw new DomainException(ErrorCodes.District.MergeIntoItself, "A district cannot be merged into itself.");
        }
    }
}
