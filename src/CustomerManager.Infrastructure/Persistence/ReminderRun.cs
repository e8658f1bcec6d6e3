namespace CustomerManager.Infrastructure.Persistence;

/// <summary>
/// The claim of one scheduled reminder (a kind, for a cycle, on a day): a unique row, so that of two app nodes
/// running the same daily job only the one whose insert succeeds sends it.
/// </summary>
public sealed class ReminderRun
{
    public const int KindMaxLength = 50;

    public int Id { get; set; }

    public string Kind { get; set; } = string.Empty;

    public int CycleId { get; set; }

    public DateOnly Day { get; set; }

    public DateTime RunUtc { get; set; }
}
