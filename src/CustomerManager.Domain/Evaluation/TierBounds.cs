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
        if (bounds.Any(b => decimal.Round(b, ScoreRules.FinalScoreDecimals) != b))
        {
            throw new DomainException(ErrorCodes.TierBounds.TooManyDecimals, "Tier bounds have at most two decimals, like final scores.", ScoreRules.FinalScoreDecimals);
        }

        if (bounds.Any(b => b is < ScoreRules.Min or > ScoreRules.Max))
        {
            throw new DomainException(ErrorCodes.TierBounds.OutOfRange, "Tier bounds must lie between 0 and 100.", ScoreRules.Min, ScoreRules.Max);
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
