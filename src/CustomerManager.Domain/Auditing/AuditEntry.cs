namespace CustomerManager.Domain.Auditing;

/// <summary>Who changed what, when, with the old and new values (JSON of the changed properties).</summary>
public sealed class AuditEntry
{
    public const int UserMaxLength = 256;
    public const int EntityTypeMaxLength = 100;
    public const int ActionMaxLength = 50;

    private AuditEntry()
    {
        EntityType = string.Empty;
        EntityId = string.Empty;
        Action = string.Empty;
    }

    public AuditEntry(DateTime atUtc, string? userName, string entityType, string entityId, string action, string? oldValues, string? newValues)
    {
        AtUtc = atUtc;
        UserName = userName;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        OldValues = oldValues;
        NewValues = newValues;
    }

    public long Id { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string? UserName { get; private set; }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    public string Action { get; private set; }

    public string? OldValues { get; private set; }

    public string? NewValues { get; private set; }
}
