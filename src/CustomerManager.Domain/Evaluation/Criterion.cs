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

    /// <summary>Weights are typed with at most two decimals (what every screen shows).</summary>
    public const int WeightDecimals = 2;

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
        NameZh = Guard.Required(nameZh, NameMaxLength, ErrorCodes.Criterion.NameZhRequired, ErrorCodes.Criterion.NameZhTooLong);
        NameEn = Guard.Required(nameEn, NameMaxLength, ErrorCodes.Criterion.NameEnRequired, ErrorCodes.Criterion.NameEnTooLong);
        Description = Guard.Optional(description, DescriptionMaxLength, ErrorCodes.Criterion.DescriptionTooLong);
    }

    /// <summary>Null when <paramref name="weight"/> is a valid weight (above 0, at most 1000, two decimals); otherwise why not.</summary>
    public static Refusal? CheckWeight(decimal weight) =>
        weight is <= 0 or > MaxWeight ? new Refusal(ErrorCodes.Criterion.WeightOutOfRange, MaxWeight)
        : decimal.Round(weight, WeightDecimals) != weight ? new Refusal(ErrorCodes.Criterion.WeightTooManyDecimals, WeightDecimals)
        : null;

    public void Reweight(decimal weight) =>
        Weight = CheckWeight(weight) is { } refusal ? throw refusal.ToException("A weight lies above 0 and at most 1000, with two decimals at most.") : weight;

    public void SetScoringRoles(IEnumerable<PanelRole> roles)
    {
        var distinct = roles.Distinct().Order().ToList();
        if (distinct.Count == 0)
        {
            throw new DomainException(ErrorCodes.Criterion.NoScoringRole, "At least one panel role must score a criterion.");
        }

        if (distinct.Any(r => !Enum.IsDefined(r)))
        {
            throw new DomainException(ErrorCodes.Criterion.UnknownRole, "Unknown panel role.");
        }

        _scoredBy = distinct;
    }

    public void MoveTo(int sortOrder) => SortOrder = sortOrder;

    /// <summary>
    /// Retires the criterion: cycles opened from now on leave it out (cycles keep their copies). The last active
    /// criterion stays: a cycle cannot open without one.
    /// </summary>
    /// <param name="activeCriteria">How many criteria are active now, this one included.</param>
    public void Retire(int activeCriteria)
    {
        if (IsRetired)
        {
            return;
        }

        if (activeCriteria <= 1)
        {
            throw new DomainException(ErrorCodes.Criterion.LastActive, "The last active criterion cannot be retired.");
        }

        IsRetired = true;
    }

    public void Reinstate() => IsRetired = false;
}
