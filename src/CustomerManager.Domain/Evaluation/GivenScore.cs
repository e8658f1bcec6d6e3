namespace CustomerManager.Domain.Evaluation;

/// <summary>
/// What rating, the disagreement check and the what-if read of a panel score: the cycle, the criterion, the
/// manager, the member who gave it and the value. A <see cref="PanelScore"/> is one; a whole cycle's scores can
/// be read as <see cref="GivenScore"/> rows without loading every entity (a province cycle has 24,000).
/// </summary>
public interface IGivenScore
{
    int CycleId { get; }

    int CycleCriterionId { get; }

    int AccountManagerId { get; }

    string PanelMemberId { get; }

    decimal Value { get; }
}

/// <summary>A panel score as read for rating, without the entity around it.</summary>
public sealed record GivenScore(int CycleId, int CycleCriterionId, int AccountManagerId, string PanelMemberId, decimal Value) : IGivenScore;
