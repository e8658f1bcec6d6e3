using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Organisation;

/// <summary>The three levels of a tobacco marketing company's structure.</summary>
public enum UnitKind
{
    /// <summary>The city or province company (公司): the root.</summary>
    Company = 0,

    /// <summary>A county marketing department (营销部): runs its own evaluation panel.</summary>
    Department = 1,

    /// <summary>A district (片区): the area a group of account managers serves.</summary>
    District = 2,
}

/// <summary>
/// An organisation unit: the company, one of its marketing departments, or one of their districts. Units form a
/// tree by level (a department under the company, a district under a department), so a move can never make a
/// loop. Every account manager is placed in one district; customers follow their manager. Names are unique, so
/// that a list filtered by a name means one unit; the code is the stable key that imports and exports use.
/// </summary>
public sealed class OrgUnit : Entity
{
    public const int NameMaxLength = 50;
    public const int CodeMaxLength = 20;

    private OrgUnit()
    {
        Code = string.Empty;
        Name = string.Empty;
        NameSortKey = string.Empty;
    }

    public OrgUnit(string code, string name, string? nameEn, UnitKind kind, OrgUnit? parent)
        : this()
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException(ErrorCodes.Unit.KindRequired, "A unit is a company, a department or a district.");
        }

        Kind = kind;
        Rename(code, name, nameEn);
        MoveUnder(parent);
    }

    /// <summary>A district of <paramref name="department"/>.</summary>
    public static OrgUnit DistrictOf(OrgUnit department, string code, string name) => new(code, name, null, UnitKind.District, department);

    /// <summary>The unit's key in imports, exports and links (letters, digits, '-' and '_').</summary>
    public string Code { get; private set; }

    /// <summary>The unit's name (Chinese, as the company writes it).</summary>
    public string Name { get; private set; }

    /// <summary>The name shown in English; the Chinese name when there is none.</summary>
    public string? NameEn { get; private set; }

    /// <summary>Where the unit comes in a list sorted by name (<see cref="NameOrder"/>).</summary>
    public string NameSortKey { get; private set; }

    public UnitKind Kind { get; private set; }

    /// <summary>The unit above; none for the company.</summary>
    public int? ParentId { get; private set; }

    public OrgUnit? Parent { get; private set; }

    /// <summary>A retired unit keeps its history (results, audit) but takes no new managers and is offered nowhere.</summary>
    public bool IsActive { get; private set; } = true;

    /// <summary>The name in the language of the page.</summary>
    public string NameIn(bool english) => NameIn(Name, NameEn, english);

    /// <summary>A unit's name in English when it has one and the page is English, else its Chinese name.</summary>
    public static string NameIn(string name, string? nameEn, bool english) => english && nameEn is { Length: > 0 } en ? en : name;

    public void Rename(string code, string name, string? nameEn)
    {
        Code = Guard.Required(code, CodeMaxLength, ErrorCodes.Unit.CodeRequired, ErrorCodes.Unit.CodeTooLong);
        if (!Code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new DomainException(ErrorCodes.Unit.CodeCharacters, "A code is letters, digits, '-' and '_'.");
        }

        Name = Guard.Required(name, NameMaxLength, ErrorCodes.Unit.NameRequired, ErrorCodes.Unit.NameTooLong);
        NameEn = Guard.Optional(nameEn, NameMaxLength, ErrorCodes.Unit.NameTooLong);
        NameSortKey = NameOrder.KeyOf(Name);
    }

    /// <summary>The level above this unit's kind, if any: a district sits in a department, a department in the company.</summary>
    public static UnitKind? ParentKindOf(UnitKind kind) => kind switch
    {
        UnitKind.District => UnitKind.Department,
        UnitKind.Department => UnitKind.Company,
        _ => null,
    };

    /// <summary>Places the unit under <paramref name="parent"/>, which must be an active unit one level up (none for the company).</summary>
    public void MoveUnder(OrgUnit? parent)
    {
        var expected = ParentKindOf(Kind);
        if (expected is null)
        {
            if (parent is not null)
            {
                throw new DomainException(ErrorCodes.Unit.CompanyHasNoParent, "The company is the root of the tree.");
            }

            (Parent, ParentId) = (null, null);
            return;
        }

        if (parent is null || parent.Kind != expected)
        {
            throw new DomainException(ErrorCodes.Unit.WrongParent, "A district sits in a department, a department in the company.", expected.Value);
        }

        if (!parent.IsActive)
        {
            throw new DomainException(ErrorCodes.Unit.ParentRetired, "A retired unit takes no new units.", parent.Name);
        }

        (Parent, ParentId) = (parent, parent.Id == 0 ? null : parent.Id);
    }

    /// <summary>
    /// Retires the unit. Its managers (and so its customers) must be moved first, and its units below retired:
    /// a retired unit is offered nowhere, so nothing may still depend on it.
    /// </summary>
    /// <param name="managers">Managers placed in the unit or below it, active or not.</param>
    /// <param name="customers">Customers whose current manager is in the unit or below it.</param>
    /// <param name="activeChildren">Active units directly below it.</param>
    /// <param name="supervisors">Supervisors who read it (they would see nothing).</param>
    public void Retire(int managers, int customers, int activeChildren, int supervisors = 0)
    {
        if (supervisors > 0)
        {
            throw new DomainException(ErrorCodes.Unit.HasSupervisors, "Supervisors read this unit.", supervisors);
        }

        if (managers > 0 || customers > 0)
        {
            throw new DomainException(ErrorCodes.Unit.HasManagers, "Move the unit's managers (and so its customers) first.", managers, customers);
        }

        if (activeChildren > 0)
        {
            throw new DomainException(ErrorCodes.Unit.HasActiveChildren, "Retire or move the units below first.", activeChildren);
        }

        IsActive = false;
    }

    public void Reactivate()
    {
        if (Parent is { IsActive: false } parent)
        {
            throw new DomainException(ErrorCodes.Unit.ParentRetired, "A retired unit takes no new units.", parent.Name);
        }

        IsActive = true;
    }

    /// <summary>A unit is deleted only once no manager, active or not, is placed in it, nothing is below it and no supervisor reads it.</summary>
    public static void EnsureDeletable(int managers, int children, int supervisors)
    {
        if (supervisors > 0)
        {
            throw new DomainException(ErrorCodes.Unit.HasSupervisors, "Supervisors read this unit.", supervisors);
        }

        if (managers > 0)
        {
            throw new DomainException(ErrorCodes.Unit.HasManagers, "Move the unit's managers first.", managers, 0);
        }

        if (children > 0)
        {
            throw new DomainException(ErrorCodes.Unit.HasChildren, "The unit has units below it.", children);
        }
    }

    /// <summary>
    /// Merging moves a district's managers into another district and deletes it: only district into district, never
    /// into itself, and not while a supervisor reads it (<paramref name="supervisors"/>; give them another unit first).
    /// </summary>
    public void EnsureCanMergeInto(OrgUnit target, int supervisors = 0)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (supervisors > 0)
        {
            throw new DomainException(ErrorCodes.Unit.HasSupervisors, "Supervisors read this unit.", supervisors);
        }

        if (ReferenceEquals(target, this) || (Id != 0 && target.Id == Id))
        {
            throw new DomainException(ErrorCodes.Unit.MergeIntoItself, "A district cannot be merged into itself.");
        }

        if (Kind != UnitKind.District || target.Kind != UnitKind.District || !target.IsActive)
        {
            throw new DomainException(ErrorCodes.Unit.MergeOnlyDistricts, "Only a district merges, into another active district.");
        }
    }
}
