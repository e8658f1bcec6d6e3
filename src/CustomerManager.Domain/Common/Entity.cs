namespace CustomerManager.Domain.Common;

/// <summary>
/// Base of every persisted entity: an identity, the audit stamps the persistence layer fills in, and a
/// version that goes up with every saved change (a concurrency token: two people saving the same record
/// cannot overwrite each other unseen).
/// </summary>
public abstract class Entity
{
    public int Id { get; protected set; }

    public DateTime CreatedUtc { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime? ModifiedUtc { get; set; }

    public string? ModifiedBy { get; set; }

    /// <summary>1 when created; the persistence layer adds one on every saved change.</summary>
    public int Version { get; private set; } = 1;
}
