namespace CustomerManager.Domain.Evaluation;

/// <summary>How a manager's tier moved from one published cycle to the next.</summary>
public enum Movement
{
    /// <summary>No tier before (first rating, or not rated before).</summary>
    New = 0,
    Up = 1,
    Same = 2,
    Down = 3,

    /// <summary>Not rated in this cycle.</summary>
    NotRated = 4,
}

public static class TierMovement
{
    public static Movement Of(Tier? previous, Tier? current) => (previous, current) switch
    {
        (_, null) => Movement.NotRated,
        (null, _) => Movement.New,
        var (p, c) when c > p => Movement.Up,
        var (p, c) when c < p => Movement.Down,
        _ => Movement.Same,
    };
}
