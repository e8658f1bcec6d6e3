namespace CustomerManager.Domain.Evaluation;

/// <summary>
/// A manager's figures from the visit records for a period (domain.md, "Evidence for the panel"): what the
/// panel looks at before it scores. Stored with each result when the cycle closes (评定依据快照), so that a
/// published form shows forever what the panel saw.
/// </summary>
public sealed record EvidenceFigures(
    int Visits,
    int CustomersCovered,
    int CustomersAssigned,
    int BrandsRecommended,
    int VolumeCartons,
    int MarketInformation,
    int DataChanges,
    int Violations,
    int UnlicensedRetail,
    int ItemsShared,
    int ItemsAcknowledged,
    int Complaints,
    int ComplaintsResolvedOnSpot)
{
    /// <summary>No visits at all (a new instance each time: stored copies are never shared).</summary>
    public static EvidenceFigures None => new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
