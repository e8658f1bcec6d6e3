using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;

namespace CustomerManager.Domain.Tests.Visits;

public class VisitChangeRulesTests
{
    private static readonly DateTime Logged = new(2026, 5, 10, 7, 0, 0, DateTimeKind.Utc);

    private static RetailCustomer CustomerOf(int managerId)
    {
        var customer = new RetailCustomer("A1", "店", "主", null, "路", BusinessType.Grocery);
        customer.AssignTo(managerId, new DateOnly(2026, 1, 1), null, null);
        return customer;
    }

    private static Visit LoggedVisit(VisitContent? content = null)
    {
        var visit = Visit.Log(1, CustomerOf(1), new DateTime(2026, 5, 10, 14, 0, 0), new DateTime(2026, 5, 10, 15, 0, 0), VisitKind.OnSite, content ?? new VisitContent());
        visit.CreatedUtc = Logged;
        return visit;
    }

    [Fact]
    public void AuthorMayChangeWithinTheWindow() =>
        Assert.Null(VisitChangeRules.Check(LoggedVisit(), 1, Logged.AddDays(7), 7, coveredByClosedCycle: false));

    [Fact]
    public void AfterTheWindowNobodyMayChange() =>
        Assert.Equal("Visit.EditWindowPassed", VisitChangeRules.Check(LoggedVisit(), 1, Logged.AddDays(7).AddMinutes(1), 7, coveredByClosedCycle: false));

    [Fact]
    public void TheWindowIsConfigurable()
    {
        Assert.Null(VisitChangeRules.Check(LoggedVisit(), 1, Logged.AddDays(29), 30, coveredByClosedCycle: false));
        Assert.Equal("Visit.EditWindowPassed", VisitChangeRules.Check(LoggedVisit(), 1, Logged.AddDays(2), 1, coveredByClosedCycle: false));
    }

    [Fact]
    public void OnlyTheAuthorMayChange() =>
        Assert.Equal("Visit.NotAuthor", VisitChangeRules.Check(LoggedVisit(), 2, Logged.AddHours(1), 7, coveredByClosedCycle: false));

    [Fact]
    public void ClosedCycleFreezesTheEvidenceEvenInsideTheWindow()
    {
        Assert.Equal("Visit.CycleClosed", VisitChangeRules.Check(LoggedVisit(), 1, Logged.AddHours(1), 7, coveredByClosedCycle: true));
        Assert.Throws<DomainException>(() => VisitChangeRules.EnsureChangeable(LoggedVisit(), 1, Logged.AddHours(1), 7, coveredByClosedCycle: true));
    }

    [Fact]
    public void SharedInformationAndCasesAreRoutedToTheirRecipients()
    {
        var visit = LoggedVisit(new VisitContent
        {
            ShareWithLogistics = "改为上午送货",
            ShareWithCallCentre = "提醒订货",
            ViolationType = "价格违规",
            ViolationDescription = "高于零售指导价",
            UnlicensedPlace = "市场东门",
        });

        var reports = visit.Reports.ToDictionary(r => r.Kind);
        Assert.Equal(4, reports.Count);
        Assert.Equal("价格违规: 高于零售指导价", reports[ReportKind.Violation].Message);
        Assert.Equal(PanelRole.LogisticsRep, VisitReport.RecipientOf(ReportKind.Logistics));
        Assert.Equal(PanelRole.CallCentreRep, VisitReport.RecipientOf(ReportKind.CallCentre));
        Assert.Equal(PanelRole.MonopolyLeader, VisitReport.RecipientOf(ReportKind.UnlicensedRetail));
        Assert.All(reports.Values, r => Assert.Equal(ReportStatus.New, r.Status));
    }

    [Fact]
    public void OnlyTheRecipientAcknowledgesAndAReplyIsKept()
    {
        var report = LoggedVisit(new VisitContent { ShareWithCallCentre = "提醒订货" }).Reports.Single();

        Assert.Equal("Report.NotRecipient", Assert.Throws<DomainException>(() => report.Acknowledge(PanelRole.LogisticsRep, "logistics", null, Logged)).Code);
        report.Acknowledge(PanelRole.CallCentreRep, "callcentre", "已安排", Logged.AddHours(2));

        Assert.Equal((ReportStatus.InHand, "callcentre", "已安排"), (report.Status, report.HandledBy, report.Reply));
        Assert.Equal("Report.AlreadyAcknowledged", Assert.Throws<DomainException>(() => report.Acknowledge(PanelRole.CallCentreRep, "callcentre", null, Logged)).Code);
        Assert.Equal("Report.NotACase", Assert.Throws<DomainException>(() => report.Close(PanelRole.CallCentreRep, "callcentre", null, Logged)).Code);
    }

    [Fact]
    public void MonopolyLeaderTakesThenClosesACase()
    {
        var report = LoggedVisit(new VisitContent { UnlicensedPlace = "市场东门" }).Reports.Single();

        report.Acknowledge(PanelRole.MonopolyLeader, "monopoly", "已转稽查", Logged);
        report.Close(PanelRole.MonopolyLeader, "monopoly", null, Logged.AddDays(1));

        Assert.Equal(ReportStatus.Closed, report.Status);
        Assert.Equal("已转稽查", report.Reply);
        Assert.Equal("Report.AlreadyClosed", Assert.Throws<DomainException>(() => report.Close(PanelRole.MonopolyLeader, "monopoly", null, Logged)).Code);
    }

    [Fact]
    public void RevisingKeepsUnacknowledgedItemsInStepAndRefusesToRewriteAcknowledgedOnes()
    {
        var visit = LoggedVisit(new VisitContent { ShareWithLogistics = "改为上午送货", ShareWithCallCentre = "提醒订货" });
        var customer = CustomerOf(1);
        typeof(Common.Entity).GetProperty(nameof(Common.Entity.Id))!.SetValue(customer, visit.CustomerId);
        var now = new DateTime(2026, 5, 10, 16, 0, 0);

        visit.Revise(customer, visit.VisitedAt, now, VisitKind.OnSite, new VisitContent { ShareWithLogistics = "改为下午送货" });
        Assert.Equal("改为下午送货", Assert.Single(visit.Reports).Message);

        visit.Reports.Single().Acknowledge(PanelRole.LogisticsRep, "logistics", null, Logged);
        var error = Assert.Throws<DomainException>(() => visit.Revise(customer, visit.VisitedAt, now, VisitKind.OnSite, new VisitContent()));
        Assert.Equal("Report.AlreadyAcknowledged", error.Code);
    }

    [Fact]
    public void ViolationNeedsItsTypeAndUnlicensedRetailItsPlace()
    {
        Assert.Equal("Visit.ViolationTypeRequired", Assert.Throws<DomainException>(() => LoggedVisit(new VisitContent { ViolationDescription = "x" })).Code);
        Assert.Equal("Visit.UnlicensedPlaceRequired", Assert.Throws<DomainException>(() => LoggedVisit(new VisitContent { UnlicensedDescription = "x" })).Code);
    }
}
