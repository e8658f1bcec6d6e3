using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;

namespace CustomerManager.Domain.Tests.Visits;

public class VisitChangeRulesTests
{
    /// <summary>15:00 on 10 May 2026 in the company's zone (UTC+8): 07:00 UTC.</summary>
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 15, 0, 0, TimeSpan.FromHours(8));

    private static readonly DateTime Logged = Now.UtcDateTime;

    private static readonly CyclePeriod Q1 = new(1, "2026 Q1", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), CycleStatus.Closed);

    private static VisitChangeRules Rules(DateTimeOffset? now = null, int window = 7, params CyclePeriod[] periods) =>
        new(new EvaluationCalendar(periods.Length == 0 ? [Q1] : periods), window, now ?? Now);

    private static RetailCustomer CustomerOf(int managerId)
    {
        var customer = new RetailCustomer("440101000001", "店", "主", null, "路", BusinessType.Grocery);
        customer.AssignTo(managerId, new DateOnly(2025, 1, 1), null, null);
        return customer;
    }

    private static Visit LoggedVisit(VisitContent? content = null, DateTime? at = null, CyclePeriod? period = null)
    {
        var rules = period is null ? Rules() : Rules(periods: period);
        var visit = Visit.Log(1, CustomerOf(1), at ?? new DateTime(2026, 5, 10, 14, 0, 0), VisitKind.OnSite, content ?? new VisitContent(), rules);
        visit.CreatedUtc = Logged;
        return visit;
    }

    [Fact]
    public void AuthorMayChangeWithinTheWindow() =>
        Assert.Null(Rules(Now.AddDays(7)).WhyNotChange(LoggedVisit(), 1));

    [Fact]
    public void AfterTheWindowNobodyMayChange()
    {
        var refusal = Rules(Now.AddDays(7).AddMinutes(1)).WhyNotChange(LoggedVisit(), 1);

        Assert.Equal(new Refusal(ErrorCodes.Visit.EditWindowPassed, 7).Code, refusal!.Code);
        Assert.Equal([7], refusal.Arguments);
    }

    [Fact]
    public void TheWindowIsConfigurable()
    {
        Assert.Null(Rules(Now.AddDays(29), window: 30).WhyNotChange(LoggedVisit(), 1));
        Assert.Equal(ErrorCodes.Visit.EditWindowPassed, Rules(Now.AddDays(2), window: 1).WhyNotChange(LoggedVisit(), 1)!.Code);
    }

    [Fact]
    public void OnlyTheAuthorMayChange()
    {
        Assert.Equal(ErrorCodes.Visit.NotAuthor, Rules().WhyNotChange(LoggedVisit(), 2)!.Code);
        Assert.Equal(ErrorCodes.Visit.NotAuthor, Rules().WhyNotChange(LoggedVisit(), null)!.Code);
    }

    [Fact]
    public void NoVisitIsLoggedInTheFuture()
    {
        var error = Assert.Throws<DomainException>(() => LoggedVisit(at: Now.DateTime.AddMinutes(1)));

        Assert.Equal(ErrorCodes.Visit.InFuture, error.Code);
    }

    [Fact]
    public void NoVisitIsLoggedInThePeriodOfAClosedCycleAndTheRefusalNamesIt()
    {
        var error = Assert.Throws<DomainException>(() => LoggedVisit(at: new DateTime(2026, 3, 31, 18, 0, 0)));

        Assert.Equal(ErrorCodes.Visit.CycleClosed, error.Code);
        Assert.Equal(["2026 Q1"], error.Arguments);
        Assert.NotNull(LoggedVisit(at: new DateTime(2026, 4, 1, 8, 0, 0)));
    }

    [Fact]
    public void ReopeningTheCycleLiftsTheFreezeOfItsPeriod()
    {
        var reopened = Q1 with { Status = CycleStatus.Open };

        var visit = LoggedVisit(at: new DateTime(2026, 3, 31, 18, 0, 0), period: reopened);

        Assert.Null(Rules(periods: reopened).WhyNotChange(visit, 1));
        Assert.Equal(ErrorCodes.Visit.InClosedCycle, Rules(periods: Q1).WhyNotChange(visit, 1)!.Code);
    }

    [Fact]
    public void AVisitCannotBeMovedIntoAClosedPeriodNorOutOfOne()
    {
        var customer = CustomerOf(1);
        var open = LoggedVisit();
        var error = Assert.Throws<DomainException>(() => open.Revise(1, WithId(customer, open.CustomerId), new DateTime(2026, 2, 1, 9, 0, 0), VisitKind.OnSite, new VisitContent(), Rules()));
        Assert.Equal(ErrorCodes.Visit.CycleClosed, error.Code);
        Assert.Equal(new DateTime(2026, 5, 10, 14, 0, 0), open.VisitedAt);

        var frozen = LoggedVisit(at: new DateTime(2026, 2, 1, 9, 0, 0), period: Q1 with { Status = CycleStatus.Open });
        error = Assert.Throws<DomainException>(() => frozen.Revise(1, WithId(customer, frozen.CustomerId), new DateTime(2026, 4, 2, 9, 0, 0), VisitKind.OnSite, new VisitContent(), Rules()));
        Assert.Equal(ErrorCodes.Visit.InClosedCycle, error.Code);
    }

    [Fact]
    public void AVisitWhoseItemsWereAcknowledgedIsNotDeleted()
    {
        var visit = LoggedVisit(new VisitContent { ShareWithCallCentre = "提醒订货" });
        visit.EnsureDeletable(1, Rules());

        visit.Reports.Single().Acknowledge(PanelRole.CallCentreRep, "callcentre", null, Logged);

        Assert.Equal(ErrorCodes.Visit.HasAcknowledgedItems, Assert.Throws<DomainException>(() => visit.EnsureDeletable(1, Rules())).Code);
        Assert.Equal(ErrorCodes.Visit.NotAuthor, Assert.Throws<DomainException>(() => visit.EnsureDeletable(2, Rules())).Code);
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
        Assert.Equal("价格违规：高于零售指导价", reports[ReportKind.Violation].Message);
        Assert.Equal(PanelRole.LogisticsRep, VisitReport.RecipientOf(ReportKind.Logistics));
        Assert.Equal(PanelRole.CallCentreRep, VisitReport.RecipientOf(ReportKind.CallCentre));
        Assert.Equal(PanelRole.MonopolyLeader, VisitReport.RecipientOf(ReportKind.UnlicensedRetail));
        Assert.All(reports.Values, r => Assert.Equal(ReportStatus.New, r.Status));
    }

    [Fact]
    public void OnlyTheRecipientAcknowledgesAndAReplyIsKept()
    {
        var report = LoggedVisit(new VisitContent { ShareWithCallCentre = "提醒订货" }).Reports.Single();

        Assert.Equal(ErrorCodes.Report.NotRecipient, Assert.Throws<DomainException>(() => report.Acknowledge(PanelRole.LogisticsRep, "logistics", null, Logged)).Code);
        report.Acknowledge(PanelRole.CallCentreRep, "callcentre", "已安排", Logged.AddHours(2));

        Assert.Equal((ReportStatus.InHand, "callcentre", "已安排"), (report.Status, report.HandledBy, report.Reply));
        Assert.Equal(ErrorCodes.Report.AlreadyAcknowledged, Assert.Throws<DomainException>(() => report.Acknowledge(PanelRole.CallCentreRep, "callcentre", null, Logged)).Code);
        Assert.Equal(ErrorCodes.Report.NotACase, Assert.Throws<DomainException>(() => report.Close(PanelRole.CallCentreRep, "callcentre", null, Logged)).Code);
    }

    [Fact]
    public void MonopolyLeaderTakesThenClosesACase()
    {
        var report = LoggedVisit(new VisitContent { UnlicensedPlace = "市场东门" }).Reports.Single();

        report.Acknowledge(PanelRole.MonopolyLeader, "monopoly", "已转稽查", Logged);
        report.Close(PanelRole.MonopolyLeader, "monopoly", null, Logged.AddDays(1));

        Assert.Equal(ReportStatus.Closed, report.Status);
        Assert.Equal("已转稽查", report.Reply);
        Assert.Equal(ErrorCodes.Report.AlreadyClosed, Assert.Throws<DomainException>(() => report.Close(PanelRole.MonopolyLeader, "monopoly", null, Logged)).Code);
    }

    [Fact]
    public void RevisingKeepsUnacknowledgedItemsInStepAndRefusesToRewriteAcknowledgedOnes()
    {
        var visit = LoggedVisit(new VisitContent { ShareWithLogistics = "改为上午送货", ShareWithCallCentre = "提醒订货" });
        var customer = WithId(CustomerOf(1), visit.CustomerId);

        visit.Revise(1, customer, visit.VisitedAt, VisitKind.OnSite, new VisitContent { ShareWithLogistics = "改为下午送货" }, Rules());
        Assert.Equal("改为下午送货", Assert.Single(visit.Reports).Message);

        visit.Reports.Single().Acknowledge(PanelRole.LogisticsRep, "logistics", null, Logged);
        var error = Assert.Throws<DomainException>(() => visit.Revise(1, customer, visit.VisitedAt, VisitKind.OnSite, new VisitContent(), Rules()));
        Assert.Equal(ErrorCodes.Report.AlreadyAcknowledged, error.Code);
    }

    [Fact]
    public void ViolationNeedsItsTypeAndUnlicensedRetailItsPlace()
    {
        Assert.Equal(ErrorCodes.Visit.ViolationTypeRequired, Assert.Throws<DomainException>(() => LoggedVisit(new VisitContent { ViolationDescription = "x" })).Code);
        Assert.Equal(ErrorCodes.Visit.UnlicensedPlaceRequired, Assert.Throws<DomainException>(() => LoggedVisit(new VisitContent { UnlicensedDescription = "x" })).Code);
    }

    private static RetailCustomer WithId(RetailCustomer customer, int id)
    {
        typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(customer, id);
        return customer;
    }
}
