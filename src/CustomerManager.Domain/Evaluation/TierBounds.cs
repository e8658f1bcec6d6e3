using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>
/// The inclusive lower bounds of the four upper tiers; anything below <see cref="Ordinary"/> is
/// <see cref="Tier.Developing"/>. Bounds are strictly descending and lie within 0–100.
/// </summary>
public sealed record TierBounds
{
    public static readonly TierBounds Default = new(90m, 80m, 70m, 60m);

    public TierBounds(decimal fiveStar, decimal fourStar, decimal threeStar, decimal ordinary)
    {
        decimal[] bounds = [fiveStar, fourStar, threeStar, ordinary];
        if (bounds.Select(CheckBound).FirstOrDefault(r => r is not null) is { } refusal)
        {
            throw refusal.ToException("A tier bound lies between 0 and 100, with two decimals at most.");
        }

        if (!(fiveStar > fourStar && fourStar > threeStar && threeStar > ordinary))
        {
            throw new DomainException(ErrorCodes.TierBounds.NotDescending, "Tier bounds must be strictly descending.");
        }

        FiveStar = fiveStar;
        FourStar = fourStar;
        ThreeStar = threeStar;
        Ordinary = ordinary;
    }

    public decimal FiveStar { get; }

    public decimal FourStar { get; }

    public decimal ThreeStar { get; }

    public decimal Ordinary { get; }

    /// <summary>Null when <paramref name="bound"/> can be a tier bound (0–100, two decimals like final scores); otherwise why not.</summary>
    public static Refusal? CheckBound(decimal bound) =>
        bound is < ScoreRules.Min or > ScoreRules.Max ? new Refusal(ErrorCodes.TierBounds.OutOfRange, ScoreRules.Min, ScoreRules.Max)
        : decimal.Round(bound, ScoreRules.FinalScoreDecimals) != bound ? new Refusal(ErrorCodes.TierBounds.TooManyDecimals, ScoreRules.FinalScoreDecimals)
        : null;

    /// <summary>The tier of a final score, after rounding it to two decimals; bounds are inclusive.</summary>
    public Tier TierFor(decimal finalScore)
    {
        var rounded = ScoreRules.RoundFinalScore(finalScore);
        return rounded >= FiveStar ? Tier.FiveStar
            : rounded >= FourStar ? Tier.FourStar
            : rounded >= ThreeStar ? Tier.ThreeStar
            : rounded >= Ordinary ? Tier.Ordinary
            : Tier.Developing;
    }

    /// <summary>
    /// A fresh copy. Each entity owns its own instance: the persistence layer maps bounds as owned values,
    /// which must never be shared between two owners.
    /// </summary>
    public TierBounds Copy() => new(FiveStar, FourStar, ThreeStar, Ordinary);

    /// <summary>The inclusive lower bound of a tier (0 for <see cref="Tier.Developing"/>).</summary>
    public decimal LowerBoundOf(Tier tier) => tier switch
    {
        Tier.FiveStar => FiveStar,
        Tier.FourStar => FourStar,
        Tier.ThreeStar => ThreeStar,
        Tier.Ordinary => Ordinary,
        _ => ScoreRules.Min,
    };
}
