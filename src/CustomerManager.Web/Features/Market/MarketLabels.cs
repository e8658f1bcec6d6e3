namespace CustomerManager.Web.Features.Market;

/// <summary>How a brand specification is named on every page, export and flag: the brand, then the specification.</summary>
public static class MarketLabels
{
    public static string Of(string brand, string spec) => $"{brand} {spec}";
}
