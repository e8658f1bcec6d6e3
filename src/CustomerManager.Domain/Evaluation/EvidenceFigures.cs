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
    // Field work (issue 13). Null in the snapshots of cycles closed before these figures existed: "not recorded", not 0.

    /// <summary>Visits the customers' route plans called for in the period (days the manager served them).</summary>
    public int? PlannedVisits { get; init; }

    /// <summary>Planned visits made: a visit to the customer in the planned day's week.</summary>
    public int? PlannedVisitsMade { get; init; }

    /// <summary>Planned visits made on the planned day itself.</summary>
    public int? PlannedVisitsOnDay { get; init; }

    /// <summary>Customers overdue at the period's end (or today, while it runs): last visit older than their frequency allows.</summary>
    public int? OverdueCustomers { get; init; }

    public int? OnSiteVisits { get; init; }

    /// <summary>On-site visits checked in and out at the store, for long enough.</summary>
    public int? VerifiedVisits { get; init; }

    /// <summary>On-site visits checked in or out too far from the store.</summary>
    public int? FarVisits { get; init; }

    /// <summary>On-site visits checked out too soon.</summary>
    public int? ShortVisits { get; init; }

    // Market monitoring (issue 14). Null in the snapshots of cycles closed before these figures existed.

    /// <summary>Collection-point visits that recorded market figures.</summary>
    public int? MarketVisits { get; init; }

    /// <summary>
    /// Market observations expected: one a whole week for each collection point, over the days the manager served it in the
    /// period (up to today while it runs; <see cref="Visits.MarketRules.ExpectedCollections"/>).
    /// </summary>
    public int? MarketVisitsExpected { get; init; }

    /// <summary>The verified share of on-site visits (0–1); none without on-site visits or figures.</summary>
    public decimal? VerifiedShare => OnSiteVisits is > 0 && VerifiedVisits is { } verified ? (decimal)verified / OnSiteVisits.Value : null;

    /// <summary>Planned visits made, as a share of those planned (0–1).</summary>
    public decimal? PlanCompliance => PlannedVisits is > 0 && PlannedVisitsMade is { } made ? Math.Min(1m, (decimal)made / PlannedVisits.Value) : null;

    /// <summary>No visits at all (a new instance each time: stored copies are never shared).</summary>
    public static EvidenceFigures None => new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    {
        PlannedVisits = 0,
        PlannedVisitsMade = 0,
        PlannedVisitsOnDay = 0,
        OverdueCustomers = 0,
        OnSiteVisits = 0,
        VerifiedVisits = 0,
        FarVisits = 0,
        ShortVisits = 0,
        MarketVisits = 0,
        MarketVisitsExpected = 0,
    };
}
