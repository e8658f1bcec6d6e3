using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>The numeric rules of the rating: the score scale and the one rounding used everywhere.</summary>
public static class ScoreRules
{
    public const decimal Min = 0m;
    public const decimal Max = 100m;
    public const int MaxDecimals = 1;
    public const int FinalScoreDecimals = 2;

    /// <summary>Rounds a final score to two decimals, half away from zero (89.995 → 90.00).</summary>
    public static decimal RoundFinalScore(decimal value) =>
        Math.Round(value, FinalScoreDecimals, MidpointRounding.AwayFromZero);

    public static bool IsValidPanelScore(decimal value) =>
        value is >= Min and <= Max && decimal.Round(value, MaxDecimals) == value;

    /// <summary>Throws unless <paramref name="value"/> is 0–100 with at most one decimal.</summary>
    public static decimal EnsureValidPanelScore(decimal value)
    {
        if (value is < Min or > Max)
        {
            throw new DomainException("Score.OutOfRange", $"A score must lie between {Min} and {Max}.");
        }

        return decimal.Round(value, MaxDecimals) != value
            ? throw new DomainException("Score.TooManyDecimals", "A score has at most one decimal.")
            : value;
    }
}
