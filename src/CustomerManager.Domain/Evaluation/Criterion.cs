using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>
/// An evaluation criterion (评定内容) as administrators maintain it. Cycles never read it after they
/// open: <see cref="EvaluationCycle.Open"/> freezes a copy into <see cref="CycleCriterion"/>.
/// </summary>
public sealed class Criterion : Entity
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 500;
    public const decimal MaxWeight = 1000m;

    private List<PanelRole> _scoredBy = [];

    private Criterion()
    {
        NameZh = string.Empty;
        NameEn = string.Empty;
    }

    public Criterion(string nameZh, string nameEn, decimal weight, IEnumerable<PanelRole> scoredBy, int sortOrder, string? description = null)
        : this()
    {
        Rename(nameZh, nameEn, description);
        Reweight(weight);
        SetScoringRoles(scoredBy);
        SortOrder = sortOrder;
    }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    public string? Description { get; private set; }

    /// <summary>The weight coefficient (权重系数). Weights need not sum to 100.</summary>
    public decimal Weight { get; private set; }

    /// <summary>The panel roles that score this criterion.</summary>
    public IReadOnlyCollection<PanelRole> ScoredBy => _scoredBy.AsReadOnly();

    public int SortOrder { get; private set; }

    public bool IsRetired { get; private set; }

    public void Rename(string nameZh, string nameEn, string? description)
    {
        NameZh = Guard.Required(nameZh, NameMaxLength, "Criterion.NameZh");
        NameEn = Guard.Required(nameEn, NameMaxLength, "Criterion.NameEn");
        Description = Guard.Optional(description, DescriptionMaxLength, "Criterion.Description");
    }

    public void Reweight(decimal weight)
    {
        if (weight is <= 0 or > MaxWeight)
        {
            throw new DomainException("Criterion.WeightOutOfRange", $"A weight must be greater than 0 and at most {MaxWeight}.");
        }

        Weight = weight;
    }

    public void SetScoringRoles(IEnumerable<PanelRole> roles)
    {
        var distinct = roles.Distinct().Order().ToList();
        if (distinct.Count == 0)
        {
            throw new DomainException("Criterion.NoScoringRole", "At least one panel role must score a criterion.");
        }

        if (distinct.Any(r => !Enum.IsDefined(r)))
        {
            throw new DomainException("Criterion.UnknownRole", "Unknown panel role.");
        }

        _scoredBy = distinct;
    }

    public void MoveTo(int sortOrder) => SortOrder = sortOrder;

    public void Retire() => IsRetired = true;

    public void Reinstate() => IsRetired = false;
}
