namespace CustomerManager.Domain.Visits;

/// <summary>What happened on a visit. Every part is optional; together they are the panel's evidence.</summary>
public sealed record VisitContent
{
    public IReadOnlyList<string> BrandsRecommended { get; init; } = [];

    /// <summary>Order or sales volume in cartons (条).</summary>
    public int VolumeCartons { get; init; }

    public string? MarketInformation { get; init; }

    public string? CustomerFeedback { get; init; }

    public string? Complaint { get; init; }

    public string? ComplaintResolution { get; init; }

    public bool ComplaintResolvedOnSpot { get; init; }

    public bool? CustomerSatisfied { get; init; }

    public string? DataChange { get; init; }

    public string? ViolationType { get; init; }

    public string? ViolationDescription { get; init; }

    public string? UnlicensedPlace { get; init; }

    public string? UnlicensedDescription { get; init; }

    public string? ShareWithLogistics { get; init; }

    public string? ShareWithCallCentre { get; init; }
}
