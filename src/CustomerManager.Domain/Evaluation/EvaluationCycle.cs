using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>
/// An evaluation cycle (评定周期): Draft → Open → Closed → Published. Opening freezes the criteria,
/// weights, scoring roles and tier bounds; everything after reads only what the cycle holds.
/// </summary>
public sealed class EvaluationCycle : Entity
{
    public const int NameMaxLength = 100;
    public const int ReasonMaxLength = 500;

    private readonly List<CycleCriterion> _criteria = [];
    private readonly List<PanelSeat> _panel = [];

    private EvaluationCycle()
    {
        Name = string.Empty;
    }

    public EvaluationCycle(string name, DateOnly periodStart, DateOnly periodEnd)
        : this()
    {
        Reschedule(name, periodStart, periodEnd);
    }

    public string Name { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    public CycleStatus Status { get; private set; } = CycleStatus.Draft;

    /// <summary>The tier bounds frozen at opening; null while the cycle is a draft.</summary>
    public TierBounds? Bounds { get; private set; }

    /// <summary>The criteria frozen at opening, in their order; empty while the cycle is a draft.</summary>
    public IReadOnlyCollection<CycleCriterion> Criteria => _criteria.AsReadOnly();

    /// <summary>The panel frozen at opening: who scores in this cycle, in which seat.</summary>
    public IReadOnlyCollection<PanelSeat> Panel => _panel.AsReadOnly();

    public DateTime? OpenedUtc { get; private set; }

    public DateTime? ClosedUtc { get; private set; }

    public DateTime? PublishedUtc { get; private set; }

    public string? LastReopenReason { get; private set; }

    public bool Covers(DateOnly day) => day >= PeriodStart && day <= PeriodEnd;

    /// <summary>Periods of cycles do not overlap: each visit belongs to at most one cycle's evidence.</summary>
    public bool Overlaps(DateOnly start, DateOnly end) => start <= PeriodEnd && end >= PeriodStart;

    public void Reschedule(string name, DateOnly periodStart, DateOnly periodEnd)
    {
        EnsureStatus(CycleStatus.Draft, "Cycle.NotDraft", "Only a draft cycle can be rescheduled.");
        if (periodEnd < periodStart)
        {
            throw new DomainException("Cycle.PeriodReversed", "A cycle's period must end on or after its start.");
        }

        Name = Guard.Required(name, NameMaxLength, "Cycle.Name");
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
    }

    /// <summary>Opens the cycle, freezing a copy of the active criteria, the tier bounds and the panel.</summary>
    public void Open(IEnumerable<Criterion> criteria, TierBounds bounds, IEnumerable<PanelSeat> panel, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(panel);
        EnsureStatus(CycleStatus.Draft, "Cycle.NotDraft", "Only a draft cycle can be opened.");
        var active = criteria.Where(c => !c.IsRetired).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToList();
        if (active.Count == 0)
        {
            throw new DomainException("Cycle.NoCriteria", "A cycle cannot open without criteria.");
        }

        var seats = panel.Distinct().ToList();
        if (seats.Count == 0)
        {
            throw new DomainException("Cycle.NoPanel", "A cycle cannot open without a panel.");
        }

        _criteria.Clear();
        _criteria.AddRange(active.Select(c => new CycleCriterion(c)));
        _panel.Clear();
        _panel.AddRange(seats.Select(s => s with { })); // own copies: the persistence layer never shares owned values

        Bounds = bounds.Copy();
        Status = CycleStatus.Open;
        OpenedUtc = nowUtc;
    }

    public void Close(DateTime nowUtc)
    {
        EnsureStatus(CycleStatus.Open, "Cycle.NotOpen", "Only an open cycle can be closed.");
        Status = CycleStatus.Closed;
        ClosedUtc = nowUtc;
    }

    /// <summary>Reopens a closed (not yet published) cycle; an administrator's act with a written reason.</summary>
    public void Reopen(string reason)
    {
        EnsureStatus(CycleStatus.Closed, "Cycle.NotClosed", "Only a closed cycle can be reopened.");
        LastReopenReason = Guard.Required(reason, ReasonMaxLength, "Cycle.ReopenReason");
        Status = CycleStatus.Open;
        ClosedUtc = null;
    }

    public void Publish(DateTime nowUtc)
    {
        EnsureStatus(CycleStatus.Closed, "Cycle.NotClosed", "Only a closed cycle can be published.");
        Status = CycleStatus.Published;
        PublishedUtc = nowUtc;
    }

    /// <summary>Records a panel member's score; the rules of who may score what live here.</summary>
    public PanelScore RecordScore(int cycleCriterionId, string panelMemberId, PanelRole role, int accountManagerId, decimal value, string? comment)
    {
        var criterion = EnsureScorable(cycleCriterionId, role);
        if (!_panel.Contains(new PanelSeat(panelMemberId, role)))
        {
            throw new DomainException("Score.NotOnPanel", "Only the panel frozen when the cycle opened scores in it.");
        }

        return new PanelScore(Id, criterion.Id, accountManagerId, panelMemberId, role, ScoreRules.EnsureValidPanelScore(value), comment);
    }

    /// <summary>Changes a score the same panel member gave earlier, while the cycle is open.</summary>
    public void ChangeScore(PanelScore score, string panelMemberId, decimal value, string? comment)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (score.CycleId != Id)
        {
            throw new DomainException("Score.WrongCycle", "The score belongs to another cycle.");
        }

        if (score.PanelMemberId != panelMemberId)
        {
            throw new DomainException("Score.NotYours", "A panel member can change only their own scores.");
        }

        EnsureScorable(score.CycleCriterionId, score.PanelRole);
        score.Change(ScoreRules.EnsureValidPanelScore(value), comment);
    }

    /// <summary>The rating of one manager from the frozen criteria, bounds and the given panel scores.</summary>
    public RatingResult Rate(IEnumerable<PanelScore> scoresOfManager)
    {
        if (Bounds is null || _criteria.Count == 0)
        {
            throw new DomainException("Cycle.NotOpened", "A cycle that never opened has nothing to rate.");
        }

        var weighted = _criteria.Select(c => new WeightedCriterion(c.Id, c.Weight)).ToList();
        return RatingCalculator.Rate(weighted, scoresOfManager.Select(s => new CriterionScore(s.CycleCriterionId, s.Value)), Bounds);
    }

    /// <summary>Computes every manager's result in one pass (closing uses it; so can a recomputation check).</summary>
    public IReadOnlyList<EvaluationResult> ComputeResults(IEnumerable<int> accountManagerIds, IEnumerable<PanelScore> scores, DateTime nowUtc)
    {
        var byManager = scores.Where(s => s.CycleId == Id).ToLookup(s => s.AccountManagerId);
        return accountManagerIds
            .Distinct()
            .Select(m => EvaluationResult.From(Id, m, Rate(byManager[m]), nowUtc))
            .ToList();
    }

    private CycleCriterion EnsureScorable(int cycleCriterionId, PanelRole role)
    {
        EnsureStatus(CycleStatus.Open, "Cycle.NotOpen", "Scores can be given only while the cycle is open.");
        var criterion = _criteria.SingleOrDefault(c => c.Id == cycleCriterionId)
            ?? throw new DomainException("Score.UnknownCriterion", "The criterion is not part of this cycle.");
        return criterion.IsScoredBy(role)
            ? criterion
            : throw new DomainException("Score.RoleNotAllowed", "This panel role does not score this criterion.");
    }

    private void EnsureStatus(CycleStatus expected, string code, string message)
    {
        if (Status != expected)
        {
            throw new DomainException(code, message);
        }
    }
}

/// <summary>A panel member and their seat, as frozen into a cycle when it opened.</summary>
public sealed record PanelSeat(string UserId, PanelRole Role);
