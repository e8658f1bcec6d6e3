namespace CustomerManager.Infrastructure.Persistence;

/// <summary>
/// The last time an app node proved it can write to the database (its readiness check). Not a record anyone
/// manages: not audited, one row per node.
/// </summary>
public sealed class ReadinessProbe
{
    public const int NodeMaxLength = 200;

    public required string Node { get; init; }

    public DateTime CheckedUtc { get; set; }
}
