using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;

namespace CustomerManager.Domain.Tests.Visits;

public class VisitTests
{
    private static readonly DateTime Now = new(2026, 5, 10, 15, 0, 0);

    private static readonly VisitChangeRules Rules = new(EvaluationCalendar.Empty, VisitChangeRules.DefaultEditWindowDays, new DateTimeOffset(Now, TimeSpan.FromHours(8)));

    private static RetailCustomer CustomerOf(int managerId, DateOnly from)
    {
        var customer = new RetailCustomer("440101000001", "店", "主", null, "路", BusinessType.Grocery);
        customer.AssignTo(managerId, from, null, null);
        return customer;
    }

    [Fact]
    public void ManagerLogsAVisitForTheirCustomer()
    {
        var visit = Visit.Log(1, CustomerOf(1, new DateOnly(2026, 1, 1)), Now.AddHours(-1), VisitKind.OnSite,
            new VisitContent { VolumeCartons = 12, BrandsRecommended = ["中华", "中华", "利群"], ShareWithCallCentre = "想要送货提醒" }, Rules);

        Assert.Equal(12, visit.VolumeCartons);
        Assert.Equal(["中华", "利群"], visit.BrandsRecommended);
        Assert.Equal(2, visit.BrandCount);
        Assert.Equal("想要送货提醒", visit.ShareWithCallCentre);
    }

    [Fact]
    public void ItemsPassedOnCarryTheVisitsTimeAndFollowItsCorrection()
    {
        var customer = CustomerOf(1, new DateOnly(2026, 1, 1));
        var first = Now.AddHours(-3);
        var visit = Visit.Log(1, customer, first, VisitKind.OnSite,
            new VisitContent { ShareWithLogistics = "周五送货", ViolationType = "价格违规" }, Rules);
        Assert.All(visit.Reports, r => Assert.Equal(first, r.VisitedAt));
        visit.CreatedUtc = Now.AddHours(-11); // saved a moment ago (the store stamps it): within the edit window

        var corrected = Now.AddHours(-1);
        visit.Revise(1, customer, corrected, VisitKind.OnSite, new VisitContent { ShareWithLogistics = "周五送货", ViolationType = "价格违规" }, Rules);

        Assert.Equal(2, visit.Reports.Count);
        Assert.All(visit.Reports, r => Assert.Equal(corrected, r.VisitedAt));
    }

    [Fact]
    public void VisitForACustomerNotAssignedOnThatDateIsRefused()
    {
        var customer = CustomerOf(1, new DateOnly(2026, 5, 1));

        Assert.Equal(ErrorCodes.Visit.NotAssigned, Assert.Throws<DomainException>(() => Visit.Log(2, customer, Now, VisitKind.OnSite, new VisitContent(), Rules)).Code);
        Assert.Equal(ErrorCodes.Visit.NotAssigned, Assert.Throws<DomainException>(() => Visit.Log(1, customer, new DateTime(2026, 4, 30, 9, 0, 0), VisitKind.OnSite, new VisitContent(), Rules)).Code);
    }

    [Fact]
    public void FutureVisitNegativeVolumeAndUnexplainedResolutionAreRefused()
    {
        var customer = CustomerOf(1, new DateOnly(2026, 1, 1));

        Assert.Equal(ErrorCodes.Visit.InFuture, Assert.Throws<DomainException>(() => Visit.Log(1, customer, Now.AddMinutes(1), VisitKind.OnSite, new VisitContent(), Rules)).Code);
        Assert.Equal(ErrorCodes.Visit.Volume, Assert.Throws<DomainException>(() => Visit.Log(1, customer, Now, VisitKind.OnSite, new VisitContent { VolumeCartons = -1 }, Rules)).Code);
        Assert.Equal(ErrorCodes.Visit.ResolutionRequired, Assert.Throws<DomainException>(() => Visit.Log(1, customer, Now, VisitKind.OnSite, new VisitContent { Complaint = "断货", ComplaintResolvedOnSpot = true }, Rules)).Code);
    }

    [Fact]
    public void TextLongerThanItsLimitIsRefusedWithTheLimit()
    {
        var error = Assert.Throws<DomainException>(() => Visit.Log(1, CustomerOf(1, new DateOnly(2026, 1, 1)), Now, VisitKind.OnSite,
            new VisitContent { MarketInformation = new string('x', Visit.TextMaxLength + 1) }, Rules));

        Assert.Equal(ErrorCodes.Visit.TextTooLong, error.Code);
        Assert.Equal([Visit.TextMaxLength], error.Arguments);
    }
}
