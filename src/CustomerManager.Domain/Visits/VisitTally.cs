namespace CustomerManager.Domain.Visits;

/// <summary>
/// What visits add to their manager's evidence (domain.md, "Evidence for the panel"), for every figure that is
/// a plain count or sum: one visit's share, or the sum over many. Distinct customers and items passed on are
/// not sums of visits and are counted where they are needed.
/// </summary>
public readonly record struct VisitTally(
    int Visits,
    int BrandsRecommended,
    int VolumeCartons,
    int MarketInformation,
    int DataChanges,
    int Violations,
    int UnlicensedRetail,
    int Complaints,
    int ComplaintsResolvedOnSpot,
    int OnSite = 0,
    int Verified = 0,
    int Far = 0,
    int TooShort = 0,
    int MarketVisits = 0)
{
    public bool IsZero => this == default;

    /// <summary>The one visit's share of its manager's figures.</summary>
    public static VisitTally Of(Visit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return new VisitTally(
            Visits: 1,
            BrandsRecommended: visit.BrandCount,
            VolumeCartons: visit.VolumeCartons,
            MarketInformation: visit.MarketInformation is null ? 0 : 1,
            DataChanges: visit.DataChange is null ? 0 : 1,
            Violations: visit.ViolationType is null ? 0 : 1,
            UnlicensedRetail: visit.UnlicensedPlace is null ? 0 : 1,
            Complaints: visit.Complaint is null ? 0 : 1,
            ComplaintsResolvedOnSpot: visit.ComplaintResolvedOnSpot ? 1 : 0,
            OnSite: visit.Kind == VisitKind.OnSite ? 1 : 0,
            Verified: visit.Verification == VisitVerification.Verified ? 1 : 0,
            Far: visit.Verification == VisitVerification.Far ? 1 : 0,
            TooShort: visit.Verification == VisitVerification.TooShort ? 1 : 0,
            MarketVisits: visit.MarketSpecs > 0 ? 1 : 0);
    }

    public static VisitTally operator +(VisitTally a, VisitTally b) => new(
        a.Visits + b.Visits,
        a.BrandsRecommended + b.BrandsRecommended,
        a.VolumeCartons + b.VolumeCartons,
        a.MarketInformation + b.MarketInformation,
        a.DataChanges + b.DataChanges,
        a.Violations + b.Violations,
        a.UnlicensedRetail + b.UnlicensedRetail,
        a.Complaints + b.Complaints,
        a.ComplaintsResolvedOnSpot + b.ComplaintsResolvedOnSpot,
        a.OnSite + b.OnSite,
        a.Verified + b.Verified,
        a.Far + b.Far,
        a.TooShort + b.TooShort,
        a.MarketVisits + b.MarketVisits);

    public static VisitTally operator -(VisitTally a) => new(
        -a.Visits, -a.BrandsRecommended, -a.VolumeCartons, -a.MarketInformation, -a.DataChanges, -a.Violations,
        -a.UnlicensedRetail, -a.Complaints, -a.ComplaintsResolvedOnSpot, -a.OnSite, -a.Verified, -a.Far, -a.TooShort, -a.MarketVisits);

    public static VisitTally operator -(VisitTally a, VisitTally b) => a + -b;

    public static VisitTally Add(VisitTally a, VisitTally b) => a + b;

    public static VisitTally Subtract(VisitTally a, VisitTally b) => a - b;

    public static VisitTally Negate(VisitTally a) => -a;
}
