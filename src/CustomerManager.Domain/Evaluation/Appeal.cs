using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>Submitted → (panel asked) → upheld and re-scored, or dismissed.</summary>
public enum AppealStatus
{
    /// <summary>Filed by the manager; nobody has acted yet.</summary>
    Submitted = 0,

    /// <summary>The administrator asked the seats that scored the contested criteria for a response.</summary>
    PanelAsked = 1,

    /// <summary>Upheld: the seats re-score the contested criteria of this manager, the rest of the cycle stays published.</summary>
    Rescoring = 2,

    /// <summary>Upheld and re-scored: the result was recomputed with the cycle's frozen settings.</summary>
    Upheld = 3,

    /// <summary>Dismissed with a written reason: the result stands.</summary>
    Dismissed = 4,
}

/// <summary>
/// An account manager's appeal (申诉) against their published result: which criteria, and why. Administrators ask
/// the seats that scored those criteria for a response, then decide with a written reason. Upholding reopens scoring
/// of the contested criteria for this manager only; once the seats have re-scored, the result is recomputed with the
/// cycle's frozen criteria, weights and bounds, and the appeal keeps the result before and after.
/// </summary>
public sealed class Appeal : Entity
{
    public const int ReasonMaxLength = 2000;
    public const int DecisionMaxLength = 1000;
    public const int ResponseMaxLength = 1000;

    private readonly List<AppealCriterion> _criteria = [];
    private readonly List<AppealResponse> _responses = [];

    private Appeal()
    {
        Reason = string.Empty;
    }

    public int CycleId { get; private set; }

    public int AccountManagerId { get; private set; }

    public string Reason { get; private set; }

    public AppealStatus Status { get; private set; }

    /// <summary>True until decided and (when upheld) re-scored: a manager has at most one open appeal per cycle.</summary>
    public bool IsOpen { get; private set; } = true;

    public DateTime SubmittedUtc { get; private set; }

    /// <summary>The contested criteria, with their mean score before the appeal and (once re-scored) after.</summary>
    public IReadOnlyCollection<AppealCriterion> Criteria => _criteria.AsReadOnly();

    /// <summary>What the asked seats answered, one response per panel member.</summary>
    public IReadOnlyCollection<AppealResponse> Responses => _responses.AsReadOnly();

    public DateTime? PanelAskedUtc { get; private set; }

    /// <summary>When a panel member last responded (on the appeal's own row: the audit trail records each response).</summary>
    public DateTime? LastResponseUtc { get; private set; }

    public string? Decision { get; private set; }

    public DateTime? DecidedUtc { get; private set; }

    /// <summary>When the re-scored result was computed (upheld appeals only).</summary>
    public DateTime? ResolvedUtc { get; private set; }

    public bool WasRated { get; private set; }

    public decimal? FinalScoreBefore { get; private set; }

    public Tier? TierBefore { get; private set; }

    public bool? IsRatedAfter { get; private set; }

    public decimal? FinalScoreAfter { get; private set; }

    public Tier? TierAfter { get; private set; }

    /// <summary>
    /// Files an appeal against <paramref name="result"/> of a published cycle, within the cycle's appeal window,
    /// on one or more of its criteria, with a reason; <paramref name="anotherOpen"/>: the manager already has an
    /// open appeal in this cycle.
    /// </summary>
    public static Appeal File(EvaluationCycle cycle, EvaluationResult result, IEnumerable<int> cycleCriterionIds, string reason, DateTimeOffset now, bool anotherOpen)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(cycleCriterionIds);
        if (cycle.Status != CycleStatus.Published || result.CycleId != cycle.Id)
        {
            throw new DomainException(ErrorCodes.Appeal.NotPublished, "Only a published result can be appealed.");
        }

        if (!cycle.AcceptsAppealsOn(DateOnly.FromDateTime(now.DateTime)))
        {
            throw new DomainException(ErrorCodes.Appeal.WindowClosed, "The appeal window of this cycle has closed.", cycle.AppealsUntil ?? cycle.PeriodEnd);
        }

        if (anotherOpen)
        {
            throw new DomainException(ErrorCodes.Appeal.AlreadyOpen, "An open appeal in this cycle is already being handled.");
        }

        var ids = cycleCriterionIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new DomainException(ErrorCodes.Appeal.CriteriaRequired, "Choose the criteria the appeal contests.");
        }

        if (ids.Any(id => cycle.Criteria.All(c => c.Id != id)))
        {
            throw new DomainException(ErrorCodes.Appeal.UnknownCriterion, "A contested criterion is not part of this cycle.");
        }

        var appeal = new Appeal
        {
            CycleId = cycle.Id,
            AccountManagerId = result.AccountManagerId,
            Reason = Guard.Required(reason, ReasonMaxLength, ErrorCodes.Appeal.ReasonRequired, ErrorCodes.Appeal.ReasonTooLong),
            Status = AppealStatus.Submitted,
            SubmittedUtc = now.UtcDateTime,
            WasRated = result.IsRated,
            FinalScoreBefore = result.FinalScore,
            TierBefore = result.Tier,
        };
        var means = result.CriterionScores.ToDictionary(s => s.CycleCriterionId, s => s.Score);
        appeal._criteria.AddRange(cycle.Criteria.Where(c => ids.Contains(c.Id)).OrderBy(c => c.SortOrder).Select(c => new AppealCriterion(c.Id, means.GetValueOrDefault(c.Id), null)));
        return appeal;
    }

    /// <summary>Whether <paramref name="cycleCriterionId"/> is one of the contested criteria.</summary>
    public bool Contests(int cycleCriterionId) => _criteria.Any(c => c.CycleCriterionId == cycleCriterionId);

    /// <summary>The seats that scored the contested criteria: they respond, and re-score when the appeal is upheld.</summary>
    public IReadOnlyList<PanelRole> SeatsAsked(EvaluationCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return [.. cycle.Criteria.Where(c => Contests(c.Id)).SelectMany(c => c.ScoredBy).Distinct().Order()];
    }

    /// <summary>The administrator asks the seats that scored the contested criteria for a response.</summary>
    public void AskPanel(DateTimeOffset now)
    {
        EnsurePending();
        Status = AppealStatus.PanelAsked;
        PanelAskedUtc = now.UtcDateTime;
    }

    /// <summary>A panel member in an asked seat answers (again: their answer is replaced) while the appeal is undecided.</summary>
    public void Respond(EvaluationCycle cycle, string panelMemberId, PanelRole seat, string text, DateTimeOffset now)
    {
        EnsurePending();
        if (!SeatsAsked(cycle).Contains(seat))
        {
            throw new DomainException(ErrorCodes.Appeal.NotAsked, "This seat scored none of the contested criteria.");
        }

        var trimmed = Guard.Required(text, ResponseMaxLength, ErrorCodes.Appeal.ResponseRequired, ErrorCodes.Appeal.ResponseTooLong);
        _responses.RemoveAll(r => r.PanelMemberId == panelMemberId);
        _responses.Add(new AppealResponse(panelMemberId, seat, trimmed, now.UtcDateTime));
        LastResponseUtc = now.UtcDateTime;
    }

    /// <summary>Upholds the appeal: the seats re-score the contested criteria of this manager, nothing else reopens.</summary>
    public void Uphold(string decision, DateTimeOffset now)
    {
        Decide(decision, now);
        Status = AppealStatus.Rescoring;
    }

    /// <summary>Dismisses the appeal with a written reason: the published result stands.</summary>
    public void Dismiss(string decision, DateTimeOffset now)
    {
        Decide(decision, now);
        Status = AppealStatus.Dismissed;
        IsOpen = false;
    }

    /// <summary>While upheld and not yet recomputed, the contested criteria of this manager can be scored again.</summary>
    public bool AllowsRescoring(int cycleId, int accountManagerId, int cycleCriterionId) =>
        Status == AppealStatus.Rescoring && CycleId == cycleId && AccountManagerId == accountManagerId && Contests(cycleCriterionId);

    /// <summary>
    /// Completes an upheld appeal once the seats have re-scored: the result is recomputed from the panel's scores with
    /// the cycle's frozen settings, and the appeal keeps both results.
    /// </summary>
    public void Complete(EvaluationCycle cycle, EvaluationResult result, IEnumerable<IGivenScore> scoresOfManager, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(result);
        if (Status != AppealStatus.Rescoring)
        {
            throw new DomainException(ErrorCodes.Appeal.NotRescoring, "Only an upheld appeal being re-scored can be completed.");
        }

        var rating = cycle.Rate(scoresOfManager.Where(s => s.AccountManagerId == AccountManagerId));
        result.Revise(rating, now.UtcDateTime);
        var means = rating.Criteria.ToDictionary(c => c.CriterionId, c => c.Score);
        for (var i = 0; i < _criteria.Count; i++)
        {
            _criteria[i] = _criteria[i] with { ScoreAfter = means.GetValueOrDefault(_criteria[i].CycleCriterionId) };
        }

        IsRatedAfter = rating.IsRated;
        FinalScoreAfter = rating.FinalScore;
        TierAfter = rating.Tier;
        Status = AppealStatus.Upheld;
        ResolvedUtc = now.UtcDateTime;
        IsOpen = false;
    }

    private void Decide(string decision, DateTimeOffset now)
    {
        EnsurePending();
        Decision = Guard.Required(decision, DecisionMaxLength, ErrorCodes.Appeal.DecisionRequired, ErrorCodes.Appeal.DecisionTooLong);
        DecidedUtc = now.UtcDateTime;
    }

    private void EnsurePending()
    {
        if (Status is not (AppealStatus.Submitted or AppealStatus.PanelAsked))
        {
            throw new DomainException(ErrorCodes.Appeal.NotPending, "The appeal has already been decided.");
        }
    }
}

/// <summary>A contested criterion: its mean score in the result before the appeal and, once re-scored, after.</summary>
public sealed record AppealCriterion(int CycleCriterionId, decimal? ScoreBefore, decimal? ScoreAfter);

/// <summary>A panel member's response to an appeal, in the seat that scored a contested criterion.</summary>
public sealed record AppealResponse(string PanelMemberId, PanelRole Seat, string Text, DateTime GivenUtc);
