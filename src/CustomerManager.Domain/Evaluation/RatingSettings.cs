using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>
/// The administrators' current tier bounds and appeal window (a single row). Cycles copy the bounds when they open
/// and the appeal window when they are published.
/// </summary>
public sealed class RatingSettings : Entity
{
    public const int SingletonId = 1;

    /// <summary>How many days after publication a manager may appeal, unless the administrators set otherwise.</summary>
    public const int DefaultAppealDays = 7;

    public const int MaxAppealDays = 90;

    private RatingSettings()
    {
        Bounds = TierBounds.Default.Copy();
    }

    public RatingSettings(TierBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        Id = SingletonId;
        Bounds = bounds.Copy();
    }

    public TierBounds Bounds { get; private set; }

    /// <summary>How many days after publication a manager may appeal their result (1–<see cref="MaxAppealDays"/>).</summary>
    public int AppealDays { get; private set; } = DefaultAppealDays;

    /// <summary>Throws unless <paramref name="days"/> is a possible appeal window.</summary>
    public static int EnsureAppealDays(int days) =>
        days is < 1 or > MaxAppealDays ? throw new DomainException(ErrorCodes.Appeal.DaysOutOfRange, "An appeal window lasts 1 to 90 days.", MaxAppealDays) : days;

    public void ChangeAppealDays(int days) => AppealDays = EnsureAppealDays(days);

    public void ChangeBounds(TierBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        Bounds = bounds.Copy();
    }
}
