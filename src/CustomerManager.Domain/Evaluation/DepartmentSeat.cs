using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;

namespace CustomerManager.Domain.Evaluation;

/// <summary>
/// One of the four seats of a marketing department's evaluation panel (评定小组) and who holds it. Each department
/// scores its own managers; a panel member may sit on several departments' panels, always in the seat their account
/// holds. A cycle freezes the seats when it opens (<see cref="PanelSeat"/>): changing them later changes the next cycle.
/// </summary>
public sealed class DepartmentSeat : Entity
{
    private DepartmentSeat()
    {
        UserId = string.Empty;
    }

    /// <param name="department">The department whose panel it is: an active unit of kind department.</param>
    /// <param name="role">The seat.</param>
    /// <param name="userId">Who holds it.</param>
    /// <param name="holdersSeat">The seat the holder's account holds as a panel member (null: not an active panel member).</param>
    public DepartmentSeat(OrgUnit department, PanelRole role, string userId, PanelRole? holdersSeat)
        : this()
    {
        ArgumentNullException.ThrowIfNull(department);
        if (department.Kind != UnitKind.Department || !department.IsActive)
        {
            throw new DomainException(ErrorCodes.Unit.PanelOnlyDepartments, "Only an active marketing department runs an evaluation panel.");
        }

        if (!Enum.IsDefined(role))
        {
            throw new DomainException(ErrorCodes.Unit.SeatNeedsItsRole, "A panel has four seats.", role);
        }

        UnitId = department.Id;
        Role = role;
        GiveTo(userId, holdersSeat);
    }

    /// <summary>The department.</summary>
    public int UnitId { get; private set; }

    public PanelRole Role { get; private set; }

    public string UserId { get; private set; }

    /// <summary>Gives the seat to another panel member, who must hold this seat.</summary>
    public void GiveTo(string userId, PanelRole? holdersSeat)
    {
        if (string.IsNullOrEmpty(userId) || holdersSeat != Role)
        {
            throw new DomainException(ErrorCodes.Unit.SeatNeedsItsRole, "A seat goes to an active panel member who holds that seat.", Role);
        }

        UserId = userId;
    }
}
