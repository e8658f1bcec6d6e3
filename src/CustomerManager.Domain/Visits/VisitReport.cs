using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;

namespace CustomerManager.Domain.Visits;

/// <summary>What a visit passes on, and to whom.</summary>
public enum ReportKind
{
    /// <summary>Information shared with logistics (物流).</summary>
    Logistics = 1,

    /// <summary>Information shared with the call centre (呼叫中心).</summary>
    CallCentre = 2,

    /// <summary>A customer violation observed (客户违规).</summary>
    Violation = 3,

    /// <summary>Unlicensed retail reported (无证经营).</summary>
    UnlicensedRetail = 4,

    /// <summary>A collection point's price above the guide price (possible price violation), for the monopoly leader to look at.</summary>
    PriceAboveGuide = 5,
}

public enum ReportStatus
{
    New = 1,

    /// <summary>Shared information: acknowledged. Violations and unlicensed retail: being handled.</summary>
    InHand = 2,

    /// <summary>Violations and unlicensed retail only: dealt with.</summary>
    Closed = 3,
}

/// <summary>
/// An item a visit passes on to another part of the company: information for logistics or the call centre
/// (the third criterion, information sharing), or a violation or unlicensed retailer for the monopoly leader.
/// The recipient acknowledges it (with an optional reply); the manager sees that on the visit.
/// </summary>
public sealed class VisitReport : Entity
{
    public const int ReplyMaxLength = 500;

    private VisitReport()
    {
        Message = string.Empty;
    }

    internal VisitReport(ReportKind kind, string message, DateTime visitedAt, int accountManagerId)
        : this()
    {
        Kind = kind;
        Message = message;
        VisitedAt = visitedAt;
        AccountManagerId = accountManagerId;
    }

    public int VisitId { get; private set; }

    /// <summary>
    /// The manager who made the visit, copied onto the item, so that a department's panel finds its managers' items
    /// in the inbox's indexes without reading the visits.
    /// </summary>
    public int AccountManagerId { get; internal set; }

    /// <summary>
    /// The visit's date and time, copied onto the item (and kept in step when the visit's time is corrected), so
    /// that an inbox of hundreds of thousands of items is listed newest first from one index, with no join.
    /// </summary>
    public DateTime VisitedAt { get; internal set; }

    public ReportKind Kind { get; private set; }

    public string Message { get; private set; }

    public ReportStatus Status { get; private set; } = ReportStatus.New;

    public string? HandledBy { get; private set; }

    public DateTime? HandledUtc { get; private set; }

    public string? Reply { get; private set; }

    /// <summary>The panel seat whose inbox receives reports of a kind.</summary>
    public static PanelRole RecipientOf(ReportKind kind) => kind switch
    {
        ReportKind.Logistics => PanelRole.LogisticsRep,
        ReportKind.CallCentre => PanelRole.CallCentreRep,
        _ => PanelRole.MonopolyLeader,
    };

    /// <summary>True for items that are closed after handling (violations, unlicensed retail).</summary>
    public bool IsCase => Kind is ReportKind.Violation or ReportKind.UnlicensedRetail;

    /// <summary>The recipient takes the item: shared information is acknowledged, a case is being handled.</summary>
    public void Acknowledge(PanelRole byRole, string byUser, string? reply, DateTime nowUtc)
    {
        EnsureRecipient(byRole);
        if (Status != ReportStatus.New)
        {
            throw new DomainException(ErrorCodes.Report.AlreadyAcknowledged, "This item was already acknowledged.");
        }

        Status = ReportStatus.InHand;
        Handle(byUser, reply, nowUtc);
    }

    /// <summary>The monopoly leader closes a case (violation or unlicensed retail) once dealt with.</summary>
    public void Close(PanelRole byRole, string byUser, string? reply, DateTime nowUtc)
    {
        EnsureRecipient(byRole);
        if (!IsCase)
        {
            throw new DomainException(ErrorCodes.Report.NotACase, "Only violations and unlicensed retail are closed.");
        }

        if (Status == ReportStatus.Closed)
        {
            throw new DomainException(ErrorCodes.Report.AlreadyClosed, "This case is already closed.");
        }

        Status = ReportStatus.Closed;
        Handle(byUser, reply, nowUtc);
    }

    internal void Rewrite(string message) => Message = Status == ReportStatus.New
        ? message
        : throw new DomainException(ErrorCodes.Report.AlreadyAcknowledged, "An acknowledged item cannot be rewritten.");

    private void EnsureRecipient(PanelRole role)
    {
        if (role != RecipientOf(Kind))
        {
            throw new DomainException(ErrorCodes.Report.NotRecipient, "This item is for another panel seat.");
        }
    }

    private void Handle(string byUser, string? reply, DateTime nowUtc)
    {
        HandledBy = byUser;
        HandledUtc = nowUtc;
        Reply = Guard.Optional(reply, ReplyMaxLength, ErrorCodes.Report.ReplyTooLong) ?? Reply;
    }
}
