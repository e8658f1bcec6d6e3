namespace CustomerManager.Domain.Common;

/// <summary>Base of every persisted entity: an identity and the audit stamps the persistence layer fills in.</summary>
public abstract class Entity
{
    public int Id { get; protected set; }

    public DateTime CreatedUtc { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime? ModifiedUtc { get; set; }

    public string? ModifiedBy { get; set; }
}
