using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Features.Cycles;
using CustomerManager.Web.Features.Evidence;

namespace CustomerManager.Web.Features.Scoring;

public sealed record ScoringListRow(int ManagerId, string Name, string EmployeeNumber, string District, CellState State);

public sealed record ScoringListModel(int CycleId, string CycleName, PanelRole Seat, int CriteriaToScore, IReadOnlyList<ScoringListRow> Rows);

/// <summary>One criterion on the scoring page: the value is text so that "abc" gets a message, not a binding error.</summary>
public sealed class ScoreItem
{
    public int CycleCriterionId { get; set; }

    public string? Value { get; set; }

    public string? Comment { get; set; }

    /// <summary>The score's version when the page was opened (0 for a new score).</summary>
    public int Version { get; set; }
}

public sealed class ScoreForm
{
    public List<ScoreItem> Items { get; set; } = [];

    /// <summary>"next" to go on to the next manager after saving.</summary>
    public string? Then { get; set; }
}

public sealed record CriterionToScore(int CycleCriterionId, string Name, decimal Weight, decimal Share);

public sealed record ScorePageModel(
    int CycleId,
    string CycleName,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int ManagerId,
    string ManagerName,
    string EmployeeNumber,
    string District,
    Tier? PreviousTier,
    decimal? PreviousScore,
    string? PreviousCycle,
    EvidenceFigures Evidence,
    IReadOnlyList<CriterionToScore> Criteria,
    ScoreForm Form,
    int? NextManagerId,
    int? PreviousManagerId,
    bool IsOpen);
