namespace CustomerManager.Domain.Evaluation;

/// <summary>Draft → Open → Closed → Published (a closed cycle may be reopened with a reason).</summary>
public enum CycleStatus
{
    Draft = 0,
    Open = 1,
    Closed = 2,
    Published = 3,
}
