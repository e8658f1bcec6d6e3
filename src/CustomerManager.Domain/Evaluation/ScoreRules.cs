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

    /// <summary>Null when <paramref name="value"/> is a valid panel score (0–100, at most one decimal); otherwise why not.</summary>
    public static Refusal? CheckPanelScore(decimal value) =>
        value is < Min or > Max ? new Refusal(ErrorCodes.Score.OutOfRange, Min, Max)
        : decimal.Round(value, MaxDecimals) != value ? new Refusal(ErrorCodes.Score.TooManyDecimals, MaxDecimals)
        : null;

    /// <summary>Throws unless <paramref name="value"/> is 0–100 with at most one decimal.</summary>
    public static decimal EnsureValidPanelScore(decimal value) =>
        CheckPanelScore(value) is { } refusal ? throw refusal.ToException("A score lies between 0 and 100, with at most one decimal.") : value;
}
