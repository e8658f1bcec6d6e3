using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Tests.Builders;
using static CustomerManager.Domain.Tests.Builders.CriterionBuilder;

namespace CustomerManager.Domain.Tests.Evaluation;

/// <summary>Each marketing department's panel scores its own managers in the one company-wide cycle.</summary>
public class DepartmentPanelTests
{
    private const int Urban = 11;
    private const int County = 12;

    private static readonly PanelSeat[] FullUrbanPanel =
    [
        new("u-monopoly", PanelRole.MonopolyLeader, Urban),
        new("u-sales", PanelRole.SalesLeader, Urban),
        new("u-logistics", PanelRole.LogisticsRep, Urban),
        new("u-call", PanelRole.CallCentreRep, Urban),
    ];

    /// <summary>The county's panel lacks its call-centre seat; its monopoly leader is the urban one's.</summary>
    private static readonly PanelSeat[] CountyPanelWithoutCallCentre =
    [
        new("u-monopoly", PanelRole.MonopolyLeader, County),
        new("c-sales", PanelRole.SalesLeader, County),
        new("c-logistics", PanelRole.LogisticsRep, County),
    ];

    private static EvaluationCycle OpenWith(IEnumerable<PanelSeat> panel) => OpenCycle(panel: panel);

    [Fact]
    public void DepartmentsWithoutAFullPanelAreListedWithTheirVacantSeats()
    {
        var missing = EvaluationCycle.MissingSeats([County, Urban, 13], [.. FullUrbanPanel, .. CountyPanelWithoutCallCentre]);

        Assert.Equal([County, 13], missing.Select(m => m.DepartmentId));
        Assert.Equal([PanelRole.CallCentreRep], missing[0].Seats);
        Assert.Equal(Enum.GetValues<PanelRole>(), missing[1].Seats);
    }

    [Fact]
    public void ACompanyWideSeatFillsItsSeatInEveryDepartment()
    {
        PanelSeat[] panel = [new("old-call", PanelRole.CallCentreRep), .. CountyPanelWithoutCallCentre];

        var missing = EvaluationCycle.MissingSeats([County, Urban], panel);

        // The county's panel is full with the old company-wide call-centre seat; the urban one lacks three seats, not that one.
        var urban = Assert.Single(missing);
        Assert.Equal((Urban, 3), (urban.DepartmentId, urban.Seats.Count));
        Assert.DoesNotContain(PanelRole.CallCentreRep, urban.Seats);
    }

    [Fact]
    public void OpeningWithAnIncompletePanelNeedsAConfirmationAndThenFreezesEveryDepartmentsSeats()
    {
        PanelSeat[] panel = [.. FullUrbanPanel, .. CountyPanelWithoutCallCentre];
        var draft = DraftCycle();

        var refused = Assert.Throws<DomainException>(() => draft.Open(Defaults(), TierBounds.Default, panel, DuringPeriod, [Urban, County]));
        Assert.Equal((ErrorCodes.Cycle.PanelsIncomplete, CycleStatus.Draft), (refused.Code, draft.Status));
        Assert.Equal(1, refused.Arguments[0]);

        draft.Open(Defaults(), TierBounds.Default, panel, DuringPeriod, [Urban, County], incompleteConfirmed: true);

        Assert.Equal(CycleStatus.Open, draft.Status);
        Assert.Equal(panel.OrderBy(p => p.UserId), draft.Panel.OrderBy(p => p.UserId));
    }

    [Fact]
    public void FullPanelsOpenWithoutAConfirmation()
    {
        var cycle = DraftCycle();

        cycle.Open(Defaults(), TierBounds.Default, FullUrbanPanel, DuringPeriod, [Urban]);

        Assert.Equal(CycleStatus.Open, cycle.Status);
    }

    [Fact]
    public void APanelMemberScoresOnlyTheManagersOfTheDepartmentsWhosePanelTheySitOn()
    {
        var cycle = OpenWith([.. FullUrbanPanel, .. CountyPanelWithoutCallCentre]);
        var monopolyCriterion = cycle.Criteria.First(c => c.IsScoredBy(PanelRole.MonopolyLeader));
        var salesCriterion = cycle.Criteria.First(c => c.IsScoredBy(PanelRole.SalesLeader));

        // The urban sales leader scores an urban manager, not a county one (nor one placed in no department).
        Assert.Equal(80m, cycle.RecordScore(salesCriterion.Id, "u-sales", PanelRole.SalesLeader, 1, 80, null, Urban).Value);
        Assert.Equal(ErrorCodes.Score.NotOnPanel, Assert.Throws<DomainException>(() => cycle.RecordScore(salesCriterion.Id, "u-sales", PanelRole.SalesLeader, 2, 80, null, County)).Code);
        Assert.Equal(ErrorCodes.Score.NotOnPanel, Assert.Throws<DomainException>(() => cycle.RecordScore(salesCriterion.Id, "u-sales", PanelRole.SalesLeader, 3, 80, null)).Code);

        // The monopoly leader sits on both panels and scores both departments' managers.
        Assert.Equal(70m, cycle.RecordScore(monopolyCriterion.Id, "u-monopoly", PanelRole.MonopolyLeader, 2, 70, null, County).Value);
        Assert.Equal(75m, cycle.RecordScore(monopolyCriterion.Id, "u-monopoly", PanelRole.MonopolyLeader, 1, 75, null, Urban).Value);
    }

    [Fact]
    public void TheDepartmentsAMemberScoresComeFromTheFrozenPanel()
    {
        var cycle = OpenWith([.. FullUrbanPanel, .. CountyPanelWithoutCallCentre, new PanelSeat("old-panel", PanelRole.CallCentreRep)]);

        Assert.Equal([Urban, County], cycle.DepartmentsOf("u-monopoly")!.Order());
        Assert.Equal([County], cycle.DepartmentsOf("c-sales")!);
        Assert.Empty(cycle.DepartmentsOf("stranger")!);
        Assert.Null(cycle.DepartmentsOf("old-panel")); // a company-wide seat: every department
    }

    [Fact]
    public void ADepartmentsPanelIsItsSeatsInSeatOrder()
    {
        var cycle = OpenWith([.. CountyPanelWithoutCallCentre, .. FullUrbanPanel]);

        Assert.Equal(["u-monopoly", "c-sales", "c-logistics"], cycle.PanelOf(County).Select(p => p.UserId));
        Assert.Equal(["u-monopoly", "u-sales", "u-logistics", "u-call"], cycle.PanelOf(Urban).Select(p => p.UserId));
        Assert.Empty(cycle.PanelOf(null));
    }

    [Fact]
    public void ASeatBelongsToAnActiveDepartmentAndGoesToAMemberHoldingThatSeat()
    {
        var seat = new DepartmentSeat(Structure.Department, PanelRole.SalesLeader, "u-sales", PanelRole.SalesLeader);
        Assert.Equal(("u-sales", PanelRole.SalesLeader), (seat.UserId, seat.Role));

        Assert.Equal(ErrorCodes.Unit.SeatNeedsItsRole, Assert.Throws<DomainException>(() => seat.GiveTo("u-logistics", PanelRole.LogisticsRep)).Code);
        Assert.Equal(ErrorCodes.Unit.SeatNeedsItsRole, Assert.Throws<DomainException>(() => seat.GiveTo("not-a-member", null)).Code);
        seat.GiveTo("u-sales-2", PanelRole.SalesLeader);
        Assert.Equal("u-sales-2", seat.UserId);

        Assert.Equal(ErrorCodes.Unit.PanelOnlyDepartments, Assert.Throws<DomainException>(() => new DepartmentSeat(Structure.District("城东"), PanelRole.SalesLeader, "u-sales", PanelRole.SalesLeader)).Code);
        Assert.Equal(ErrorCodes.Unit.PanelOnlyDepartments, Assert.Throws<DomainException>(() => new DepartmentSeat(Structure.Company, PanelRole.SalesLeader, "u-sales", PanelRole.SalesLeader)).Code);
        var retired = new OrgUnit("OLD", "旧营销部", null, UnitKind.Department, Structure.Company);
        retired.Retire(0, 0, 0);
        Assert.Equal(ErrorCodes.Unit.PanelOnlyDepartments, Assert.Throws<DomainException>(() => new DepartmentSeat(retired, PanelRole.SalesLeader, "u-sales", PanelRole.SalesLeader)).Code);
    }

    [Fact]
    public void EachResultKeepsTheDepartmentTheManagerWasInAtClosing()
    {
        var cycle = OpenWith([.. FullUrbanPanel, .. CountyPanelWithoutCallCentre]);

        cycle.Close([1, 2, 3], [], new Dictionary<int, EvidenceFigures>(), AfterPeriod, new Dictionary<int, int?> { [1] = Urban, [2] = County, [3] = null });

        Assert.Equal([(1, (int?)Urban), (2, County), (3, null)], cycle.Results.OrderBy(r => r.AccountManagerId).Select(r => (r.AccountManagerId, r.DepartmentId)));
    }
}
