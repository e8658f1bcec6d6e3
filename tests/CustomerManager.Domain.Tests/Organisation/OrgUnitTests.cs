using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;

namespace CustomerManager.Domain.Tests.Organisation;

public class OrgUnitTests
{
    private static OrgUnit Company() => new("HQ", "公司", "Company", UnitKind.Company, null);

    private static OrgUnit Department(OrgUnit company) => new("URB", "城区营销部", null, UnitKind.Department, company);

    [Fact]
    public void UnitsNestByLevelOnly()
    {
        var company = Company();
        var department = Department(company);
        var district = OrgUnit.DistrictOf(department, "URB-E", "城东片区");

        Assert.Same(department, district.Parent);
        Assert.Equal(ErrorCodes.Unit.WrongParent, Assert.Throws<DomainException>(() => OrgUnit.DistrictOf(company, "X", "直属片区")).Code);
        Assert.Equal(ErrorCodes.Unit.WrongParent, Assert.Throws<DomainException>(() => new OrgUnit("D2", "营销二部", null, UnitKind.Department, district)).Code);
        Assert.Equal(ErrorCodes.Unit.WrongParent, Assert.Throws<DomainException>(() => new OrgUnit("D3", "营销三部", null, UnitKind.Department, null)).Code);
        Assert.Equal(ErrorCodes.Unit.CompanyHasNoParent, Assert.Throws<DomainException>(() => new OrgUnit("C2", "二公司", null, UnitKind.Company, company)).Code);
        Assert.Equal(ErrorCodes.Unit.KindRequired, Assert.Throws<DomainException>(() => new OrgUnit("K", "怪", null, (UnitKind)7, company)).Code);
    }

    [Theory]
    [InlineData("URB E")]
    [InlineData("城东")]
    [InlineData("A/B")]
    public void ACodeIsLettersDigitsDashesAndUnderscores(string code) =>
        Assert.Equal(ErrorCodes.Unit.CodeCharacters, Assert.Throws<DomainException>(() => new OrgUnit(code, "公司", null, UnitKind.Company, null)).Code);

    [Fact]
    public void NamesAreTrimmedAndTheEnglishNameIsShownOnlyInEnglishWhenThere()
    {
        var company = new OrgUnit(" HQ ", " 公司 ", "  ", UnitKind.Company, null);
        var department = new OrgUnit("URB", "城区营销部", "Urban department", UnitKind.Department, company);

        Assert.Equal(("HQ", "公司", (string?)null), (company.Code, company.Name, company.NameEn));
        Assert.Equal("公司", company.NameIn(english: true));
        Assert.Equal("Urban department", department.NameIn(english: true));
        Assert.Equal("城区营销部", department.NameIn(english: false));
    }

    [Fact]
    public void AUnitIsRetiredOnlyOnceNothingDependsOnIt()
    {
        var department = Department(Company());

        var withManagers = Assert.Throws<DomainException>(() => department.Retire(managers: 3, customers: 40, activeChildren: 0));
        var withChildren = Assert.Throws<DomainException>(() => department.Retire(managers: 0, customers: 0, activeChildren: 2));
        Assert.Equal(ErrorCodes.Unit.HasManagers, withManagers.Code);
        Assert.Equal([3, 40], withManagers.Arguments);
        Assert.Equal(ErrorCodes.Unit.HasActiveChildren, withChildren.Code);
        Assert.True(department.IsActive);

        department.Retire(0, 0, 0);
        Assert.False(department.IsActive);
        Assert.Equal(ErrorCodes.Unit.ParentRetired, Assert.Throws<DomainException>(() => OrgUnit.DistrictOf(department, "X", "新片区")).Code);

        department.Reactivate();
        Assert.True(department.IsActive);
    }

    [Fact]
    public void AUnitUnderARetiredOneIsNotReactivated()
    {
        var department = Department(Company());
        var district = OrgUnit.DistrictOf(department, "URB-E", "城东片区");
        district.Retire(0, 0, 0);
        department.Retire(0, 0, 0);

        Assert.Equal(ErrorCodes.Unit.ParentRetired, Assert.Throws<DomainException>(district.Reactivate).Code);
    }

    [Fact]
    public void OnlyADistrictMergesIntoAnotherActiveDistrict()
    {
        var department = Department(Company());
        var east = OrgUnit.DistrictOf(department, "E", "城东片区");
        var west = OrgUnit.DistrictOf(department, "W", "城西片区");

        east.EnsureCanMergeInto(west);
        Assert.Equal(ErrorCodes.Unit.MergeOnlyDistricts, Assert.Throws<DomainException>(() => department.EnsureCanMergeInto(west)).Code);
        Assert.Equal(ErrorCodes.Unit.MergeOnlyDistricts, Assert.Throws<DomainException>(() => east.EnsureCanMergeInto(department)).Code);
        west.Retire(0, 0, 0);
        Assert.Equal(ErrorCodes.Unit.MergeOnlyDistricts, Assert.Throws<DomainException>(() => east.EnsureCanMergeInto(west)).Code);
    }

    [Fact]
    public void AManagerIsPlacedInAnActiveDistrictOnly()
    {
        var department = Department(Company());
        var district = OrgUnit.DistrictOf(department, "E", "城东片区");
        var retired = OrgUnit.DistrictOf(department, "O", "旧片区");
        retired.Retire(0, 0, 0);

        var manager = new AccountManager("KM001", "陈晓东", null, district);

        Assert.Same(district, manager.District);
        Assert.Equal(ErrorCodes.Unit.NotADistrict, Assert.Throws<DomainException>(() => manager.MoveTo(department)).Code);
        Assert.Equal(ErrorCodes.Unit.NotADistrict, Assert.Throws<DomainException>(() => manager.MoveTo(retired)).Code);
    }

    [Fact]
    public void AUnitIsDeletedOnlyWhenNothingIsPlacedInItBelowItOrReadsIt()
    {
        OrgUnit.EnsureDeletable(managers: 0, children: 0, supervisors: 0);

        Assert.Equal(ErrorCodes.Unit.HasManagers, Assert.Throws<DomainException>(() => OrgUnit.EnsureDeletable(1, 0, 0)).Code);
        Assert.Equal(ErrorCodes.Unit.HasChildren, Assert.Throws<DomainException>(() => OrgUnit.EnsureDeletable(0, 2, 0)).Code);
        Assert.Equal(ErrorCodes.Unit.HasSupervisors, Assert.Throws<DomainException>(() => OrgUnit.EnsureDeletable(0, 0, 1)).Code);
    }

    [Fact]
    public void AUnitASupervisorReadsIsNeitherRetiredNorMergedAway()
    {
        var department = Department(Company());
        var east = OrgUnit.DistrictOf(department, "E", "城东片区");
        var west = OrgUnit.DistrictOf(department, "W", "城西片区");

        Assert.Equal(ErrorCodes.Unit.HasSupervisors, Assert.Throws<DomainException>(() => east.Retire(0, 0, 0, supervisors: 1)).Code);
        Assert.Equal(ErrorCodes.Unit.HasSupervisors, Assert.Throws<DomainException>(() => east.EnsureCanMergeInto(west, supervisors: 1)).Code);
        Assert.True(east.IsActive);
    }
}
