using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>The administrators' current tier bounds (a single row). Cycles copy them when they open.</summary>
public sealed class RatingSettings : Entity
{
    public const int SingletonId = 1;

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

    public void ChangeBounds(TierBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        Bounds = bounds.Copy();
    }
}
