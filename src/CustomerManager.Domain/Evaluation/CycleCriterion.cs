namespace CustomerManager.Domain.Evaluation;

/// <summary>
/// The copy of a criterion frozen into a cycle when it opened: name, weight and scoring roles as they
/// were at that moment. Later edits of the <see cref="Criterion"/> never reach it.
/// </summary>
public sealed class CycleCriterion
{
    private readonly List<PanelRole> _scoredBy = [];

    private CycleCriterion()
    {
        NameZh = string.Empty;
        NameEn = string.Empty;
    }

    internal CycleCriterion(Criterion source)
        : this()
    {
        CriterionId = source.Id;
        NameZh = source.NameZh;
        NameEn = source.NameEn;
        Weight = source.Weight;
        SortOrder = source.SortOrder;
        _scoredBy.AddRange(source.ScoredBy);
    }

    public int Id { get; private set; }

    public int CycleId { get; private set; }

    /// <summary>The criterion this copy was taken from.</summary>
    public int CriterionId { get; private set; }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    public decimal Weight { get; private set; }

    public int SortOrder { get; private set; }

    public IReadOnlyCollection<PanelRole> ScoredBy => _scoredBy.AsReadOnly();

    public bool IsScoredBy(PanelRole role) => _scoredBy.Contains(role);
}
