using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>
/// The stored result of one manager in one cycle, computed when the cycle closes, with the evidence figures
/// the panel saw (评定依据快照): the form shows these forever, whatever visits are logged later.
/// </summary>
public sealed class EvaluationResult : Entity
{
    private readonly List<ResultCriterionScore> _criterionScores = [];

    private EvaluationResult()
    {
        Evidence = EvidenceFigures.None;
    }

    public int CycleId { get; private set; }

    public int AccountManagerId { get; private set; }

    public bool IsRated { get; private set; }

    public decimal? FinalScore { get; private set; }

    public Tier? Tier { get; private set; }

    public DateTime ComputedUtc { get; private set; }

    /// <summary>
    /// The department the manager was placed in when the cycle closed, whose panel scored them (null: placed in
    /// none, or closed before departments had panels). The form names it and its panel even after a move.
    /// </summary>
    public int? DepartmentId { get; private set; }

    public IReadOnlyCollection<ResultCriterionScore> CriterionScores => _criterionScores.AsReadOnly();

    /// <summary>The manager's evidence figures for the cycle's period, as they were when the cycle closed.</summary>
    public EvidenceFigures Evidence { get; private set; }

    /// <summary>
    /// When <see cref="Evidence"/> was taken: the closing time, or for results closed before snapshots existed
    /// the time they were recorded afterwards; null until recorded.
    /// </summary>
    public DateTime? EvidenceTakenUtc { get; private set; }

    /// <summary>Records the evidence of a result stored before snapshots were kept (taken now, and said so).</summary>
    public void RecordMissingEvidence(EvidenceFigures evidence, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (EvidenceTakenUtc is not null)
        {
            return;
        }

        Evidence = evidence with { };
        EvidenceTakenUtc = nowUtc;
    }

    /// <summary>
    /// Replaces the rating after an upheld appeal was re-scored (<see cref="Appeal.Complete"/>); the evidence stays
    /// the one the panel saw at closing.
    /// </summary>
    internal void Revise(RatingResult rating, DateTime nowUtc)
    {
        IsRated = rating.IsRated;
        FinalScore = rating.FinalScore;
        Tier = rating.Tier;
        ComputedUtc = nowUtc;
        _criterionScores.Clear();
        _criterionScores.AddRange(rating.Criteria.Select(c => new ResultCriterionScore(c.CriterionId, c.Score, c.ScoreCount)));
    }

    internal static EvaluationResult From(int cycleId, int accountManagerId, RatingResult rating, EvidenceFigures evidence, DateTime nowUtc, int? departmentId = null)
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
            Evidence = evidence with { }, // an own copy: the persistence layer never shares stored values
            EvidenceTakenUtc = nowUtc,
            DepartmentId = departmentId,
        };
        result._criterionScores.AddRange(rating.Criteria.Select(c => new ResultCriterionScore(c.CriterionId, c.Score, c.ScoreCount)));
        return result;
    }
}

/// <summary>The mean panel score of one frozen criterion in a stored result.</summary>
public sealed record ResultCriterionScore(int CycleCriterionId, decimal? Score, int ScoreCount);
