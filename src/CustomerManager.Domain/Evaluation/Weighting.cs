namespace CustomerManager.Domain.Evaluation;

/// <summary>
/// Weights (权重系数) need not sum to 100: each is shown, and counts, as its share of the total. The one place
/// that share is computed.
/// </summary>
public static class Weighting
{
    /// <summary>The share (0–1) of <paramref name="weight"/> in <paramref name="total"/>; 0 when there is no total.</summary>
    public static decimal Share(decimal weight, decimal total) => total <= 0 ? 0 : weight / total;
}
