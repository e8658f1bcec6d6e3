using CustomerManager.Domain.Organisation;

namespace CustomerManager.Domain.Tests.Builders;

/// <summary>A small company: one department with districts made on demand.</summary>
public static class Structure
{
    public static readonly OrgUnit Company = new("HQ", "公司", "Company", UnitKind.Company, null);

    public static readonly OrgUnit Department = new("URB", "城区营销部", "Urban department", UnitKind.Department, Company);

    public static OrgUnit District(string name) => OrgUnit.DistrictOf(Department, "D-" + name.GetHashCode(StringComparison.Ordinal).ToString("X8", System.Globalization.CultureInfo.InvariantCulture), name);
}
