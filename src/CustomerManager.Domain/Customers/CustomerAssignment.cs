namespace CustomerManager.Domain.Customers;

/// <summary>
/// One span of the service relationship: which account manager served the customer from when until when
/// (<see cref="To"/> is exclusive; null while current), who changed it and why.
/// </summary>
public sealed class CustomerAssignment
{
    public const int ReasonMaxLength = 200;

    private CustomerAssignment()
    {
    }

    internal CustomerAssignment(int accountManagerId, DateOnly from, string? reason, string? changedBy)
    {
        AccountManagerId = accountManagerId;
        From = from;
        Reason = reason;
        ChangedBy = changedBy;
    }

    public int Id { get; private set; }

    public int CustomerId { get; private set; }

    public int AccountManagerId { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly? To { get; private set; }

    public string? Reason { get; private set; }

    public string? ChangedBy { get; private set; }

    public bool IsCurrent => To is null;

    public bool Covers(DateOnly day) => day >= From && (To is null || day < To);

    internal void End(DateOnly on) => To = on;

    /// <summary>The span continues (the one after it, a same-day mistake, was undone).</summary>
    internal void Continue() => To = null;

    /// <summary>The span, begun today by mistake, goes to the right manager.</summary>
    internal void Correct(int accountManagerId, string? reason, string? changedBy)
    {
        AccountManagerId = accountManagerId;
        Reason = reason;
        ChangedBy = changedBy;
    }
}
