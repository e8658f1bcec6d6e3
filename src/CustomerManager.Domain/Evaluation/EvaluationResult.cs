using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>The stored result of one manager in one cycle, computed when the cycle closes.</summary>
public sealed class EvaluationResult : Entity
{
    private readonly List<ResultCriterionScore> _criterionScores = [];

    private EvaluationResult()
    {
    }

    public int CycleId { get; private set; }

    public int AccountManagerId { get; private set; }

    public bool IsRated { get; private set; }

    public decimal? FinalScore { get; private set; }

    public Tier? Tier { get; private set; }

    public DateTime ComputedUtc { get; private set; }

    public IReadOnlyCollection<ResultCriterionScore> CriterionScores => _criterionScores.AsReadOnly();

    public static EvaluationResult From(int cycleId, int accountManagerId, RatingResult rating, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(rating);
        var result = new EvaluationResult
        {
            CycleId = cycleId,
            AccountManagerId = accountManagerId,
            IsRated = rating.IsRated,
            FinalScore = rating.FinalScore,
            Tier = rating.Tier,
            ComputedUtc = nowUtc,
        };
        result._criterionScores.AddRange(rating.Criteria.Select(c => new ResultCriterionScore(c.CriterionId, c.Score, c.ScoreCount)));
        return result;
    }
}

/// <summary>The mean panel score of one frozen criterion in a stored result.</summary>
public sealed record ResultCriterionScore(int CycleCriterionId, decimal? Score, int ScoreCount);
