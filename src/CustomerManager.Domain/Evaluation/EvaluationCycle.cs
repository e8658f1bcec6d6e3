using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>
/// An evaluation cycle (评定周期): Draft → Open → Closed → Published. Opening freezes the criteria, weights,
/// scoring roles, tier bounds and panel; closing stores every manager's result with the evidence the panel
/// saw; everything after reads only what the cycle holds.
/// </summary>
/// <remarks>
/// Times come in as the clock's local <see cref="DateTimeOffset"/>: its date is the company's calendar day
/// (periods are local days), its UTC instant the stamp.
/// </remarks>
public sealed class EvaluationCycle : Entity
{
    public const int NameMaxLength = 100;
    public const int ReasonMaxLength = 500;

    private readonly List<CycleCriterion> _criteria = [];
    private readonly List<PanelSeat> _panel = [];
    private readonly List<EvaluationResult> _results = [];
    private readonly List<GuidelineLimit> _guideline = [];
    private readonly List<ManagerReopening> _reopened = [];

    private EvaluationCycle()
    {
        Name = string.Empty;
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

    /// <summary>The results stored at closing (load them with the cycle before closing or reopening it).</summary>
    public IReadOnlyCollection<EvaluationResult> Results => _results.AsReadOnly();

    public DateTime? OpenedUtc { get; private set; }

    public DateTime? ClosedUtc { get; private set; }

    public DateTime? PublishedUtc { get; private set; }

    public string? LastReopenReason { get; private set; }

    /// <summary>
    /// The administrator's optional tier guideline for this cycle (for example at most 10 % Five-star, at least 5 %
    /// Developing), checked over the company and each department before publishing.
    /// </summary>
    public IReadOnlyCollection<GuidelineLimit> Guideline => _guideline.AsReadOnly();

    /// <summary>The guideline in words (<c>FiveStar ≤ 10%; Developing ≥ 5%</c>), kept on the cycle's row so that the audit trail records each change.</summary>
    public string? GuidelineSummary { get; private set; }

    /// <summary>Why the cycle was published although the tier distribution exceeded the guideline.</summary>
    public string? GuidelineReason { get; private set; }

    /// <summary>
    /// The managers of a closed cycle reopened for re-scoring after calibration (their panel scores them again, then their
    /// result is recomputed); the cycle is published only once none is left.
    /// </summary>
    public IReadOnlyCollection<ManagerReopening> Reopened => _reopened.AsReadOnly();

    /// <summary>The last day a manager may appeal their published result (null until published).</summary>
    public DateOnly? AppealsUntil { get; private set; }

    /// <summary>The name, period and state, for the rules that look across cycles.</summary>
    public CyclePeriod Period => new(Id, Name, PeriodStart, PeriodEnd, Status);

    /// <summary>The first day the cycle can be opened: the first day of its period.</summary>
    public DateOnly OpensOn => PeriodStart;

    /// <summary>The first day the cycle can be closed: the day after its period, when its evidence is complete.</summary>
    public DateOnly ClosesOn => PeriodEnd.AddDays(1);

    /// <summary>The sum of the frozen weights; each criterion counts as its share of it.</summary>
    public decimal TotalWeight => _criteria.Sum(c => c.Weight);

    /// <summary>Plans a new draft cycle whose name and period no other cycle has.</summary>
    public static EvaluationCycle Plan(string name, DateOnly periodStart, DateOnly periodEnd, EvaluationCalendar calendar)
    {
        var cycle = new EvaluationCycle();
        cycle.Reschedule(name, periodStart, periodEnd, calendar);
        return cycle;
    }

    /// <summary>Renames a draft or moves its period; names stay unique and periods never overlap.</summary>
    public void Reschedule(string name, DateOnly periodStart, DateOnly periodEnd, EvaluationCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        EnsureStatus(CycleStatus.Draft, ErrorCodes.Cycle.NotDraft, "Only a draft cycle can be rescheduled.");
        var trimmed = Guard.Required(name, NameMaxLength, ErrorCodes.Cycle.NameRequired, ErrorCodes.Cycle.NameTooLong);
        if (periodEnd < periodStart)
        {
            throw new DomainException(ErrorCodes.Cycle.PeriodReversed, "A cycle's period must end on or after its start.");
        }

        calendar.EnsureFree(trimmed, periodStart, periodEnd, Id == 0 ? null : Id);
        Name = trimmed;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
    }

    /// <summary>Only a draft, which nobody has scored in yet, may be deleted.</summary>
    public void EnsureDeletable() =>
        EnsureStatus(CycleStatus.Draft, ErrorCodes.Cycle.NotDraft, "Only a draft cycle can be deleted.");

    public bool CanOpenOn(DateOnly today) => Status == CycleStatus.Draft && today >= OpensOn;

    public bool CanCloseOn(DateOnly today) => Status == CycleStatus.Open && today >= ClosesOn;

    /// <summary>
    /// Opens the cycle, freezing a copy of the active criteria, the tier bounds and the panels. A cycle opens
    /// once its period has started: before that there is no evidence to score on.
    /// </summary>
    /// <param name="criteria">Every criterion; the active ones are frozen.</param>
    /// <param name="bounds">The tier bounds to freeze.</param>
    /// <param name="panel">The seats: each department's, or (without departments) company-wide ones.</param>
    /// <param name="now">The clock's local time.</param>
    /// <param name="departments">The departments whose managers are rated; those without a full panel are refused unless confirmed.</param>
    /// <param name="incompleteConfirmed">The administrator confirmed opening with the departments <see cref="MissingSeats"/> lists.</param>
    public void Open(IEnumerable<Criterion> criteria, TierBounds bounds, IEnumerable<PanelSeat> panel, DateTimeOffset now, IEnumerable<int>? departments = null, bool incompleteConfirmed = false)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(panel);
        EnsureStatus(CycleStatus.Draft, ErrorCodes.Cycle.NotDraft, "Only a draft cycle can be opened.");
        if (Today(now) < OpensOn)
        {
            throw new DomainException(ErrorCodes.Cycle.NotStarted, "A cycle opens once its period has started.", OpensOn);
        }

        var active = criteria.Where(c => !c.IsRetired).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToList();
        if (active.Count == 0)
        {
            throw new DomainException(ErrorCodes.Cycle.NoCriteria, "A cycle cannot open without criteria.");
        }

        var seats = panel.Distinct().ToList();
        if (seats.Count == 0)
        {
            throw new DomainException(ErrorCodes.Cycle.NoPanel, "A cycle cannot open without a panel.");
        }

        if (departments is not null && !incompleteConfirmed && MissingSeats(departments, seats) is { Count: > 0 } incomplete)
        {
            throw new DomainException(ErrorCodes.Cycle.PanelsIncomplete, "Some departments have no full panel: confirm to open anyway.", incomplete.Count);
        }

        _criteria.Clear();
        _criteria.AddRange(active.Select(c => new CycleCriterion(c)));
        _panel.Clear();
        _panel.AddRange(seats.Select(s => s with { })); // own copies: the persistence layer never shares owned values

        Bounds = bounds.Copy();
        Status = CycleStatus.Open;
        OpenedUtc = now.UtcDateTime;
    }

    /// <summary>
    /// Who gets a result when the cycle closes: every active manager, and anyone the panel scored (a manager
    /// who left during the cycle keeps the result their scores give).
    /// </summary>
    public IReadOnlyList<int> RatedManagers(IEnumerable<int> activeManagerIds, IEnumerable<IGivenScore> scores) =>
        [.. activeManagerIds.Concat(scores.Where(s => s.CycleId == Id).Select(s => s.AccountManagerId)).Distinct().Order()];

    /// <summary>
    /// Closes the cycle once its period is over: computes every manager's result from the panel scores and the
    /// frozen settings, and stores with it the evidence figures the panel saw.
    /// </summary>
    /// <param name="activeManagerIds">The managers active now (see <see cref="RatedManagers"/>).</param>
    /// <param name="scores">Every panel score of this cycle.</param>
    /// <param name="evidence">The evidence figures of the cycle's period, by manager (none: all zero).</param>
    /// <param name="now">The clock's local time.</param>
    /// <param name="departments">Each manager's department at closing, stored with their result (none: not stored).</param>
    public void Close(IEnumerable<int> activeManagerIds, IReadOnlyCollection<IGivenScore> scores, IReadOnlyDictionary<int, EvidenceFigures> evidence, DateTimeOffset now, IReadOnlyDictionary<int, int?>? departments = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(evidence);
        EnsureStatus(CycleStatus.Open, ErrorCodes.Cycle.NotOpen, "Only an open cycle can be closed.");
        if (Today(now) < ClosesOn)
        {
            throw new DomainException(ErrorCodes.Cycle.PeriodNotOver, "A cycle closes once its period is over.", ClosesOn);
        }

        var nowUtc = now.UtcDateTime;
        var ratings = RateAll(RatedManagers(activeManagerIds, scores), scores);
        _results.Clear();
        _results.AddRange(ratings.Select(r => EvaluationResult.From(Id, r.Key, r.Value, evidence.GetValueOrDefault(r.Key) ?? EvidenceFigures.None, nowUtc, departments?.GetValueOrDefault(r.Key))));
        Status = CycleStatus.Closed;
        ClosedUtc = nowUtc;
    }

    /// <summary>
    /// Reopens a closed (not yet published) cycle, an administrator's act with a written reason: its results
    /// are withdrawn, the panel can score again, and its period's visits can be corrected again.
    /// </summary>
    public void Reopen(string reason)
    {
        EnsureStatus(CycleStatus.Closed, ErrorCodes.Cycle.NotClosed, "Only a closed cycle can be reopened.");
        LastReopenReason = Guard.Required(reason, ReasonMaxLength, ErrorCodes.Cycle.ReopenReasonRequired, ErrorCodes.Cycle.ReopenReasonTooLong);
        _results.Clear();
        _reopened.Clear();
        Status = CycleStatus.Open;
        ClosedUtc = null;
    }

    /// <summary>
    /// Reopens a closed cycle for one manager only, with a written reason (calibration found their result doubtful): the
    /// panel can score them again while every other result stays as closed. Load the results with the cycle.
    /// </summary>
    public void ReopenFor(int accountManagerId, string reason, DateTimeOffset now)
    {
        EnsureStatus(CycleStatus.Closed, ErrorCodes.Cycle.NotClosed, "Only a closed cycle can be reopened for a manager.");
        if (_results.All(r => r.AccountManagerId != accountManagerId))
        {
            throw new DomainException(ErrorCodes.Cycle.NoResultToReopen, "The manager has no result in this cycle.");
        }

        var trimmed = Guard.Required(reason, ReasonMaxLength, ErrorCodes.Cycle.ReopenReasonRequired, ErrorCodes.Cycle.ReopenReasonTooLong);
        if (IsReopenedFor(accountManagerId))
        {
            return;
        }

        _reopened.Add(new ManagerReopening(accountManagerId, trimmed, now.UtcDateTime));
        LastReopenReason = trimmed;
    }

    /// <summary>Whether the closed cycle is reopened for <paramref name="accountManagerId"/>'s re-scoring.</summary>
    public bool IsReopenedFor(int accountManagerId) => _reopened.Any(r => r.AccountManagerId == accountManagerId);

    /// <summary>
    /// Recomputes the result of a manager reopened for re-scoring from the panel's scores now, with the frozen settings,
    /// and closes their scoring again (load the results with the cycle).
    /// </summary>
    public void RecomputeFor(int accountManagerId, IEnumerable<IGivenScore> scoresOfManager, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scoresOfManager);
        EnsureStatus(CycleStatus.Closed, ErrorCodes.Cycle.NotClosed, "Only a closed cycle's results are recomputed.");
        if (!IsReopenedFor(accountManagerId))
        {
            throw new DomainException(ErrorCodes.Cycle.NotReopenedFor, "The manager is not reopened for re-scoring.");
        }

        var result = _results.Single(r => r.AccountManagerId == accountManagerId);
        result.Revise(Rate(scoresOfManager.Where(s => s.AccountManagerId == accountManagerId)), now.UtcDateTime);
        _reopened.RemoveAll(r => r.AccountManagerId == accountManagerId);
    }

    /// <summary>
    /// Publishes the results (load them with the cycle): managers see them and may appeal for
    /// <paramref name="appealDays"/> days. When the tier distribution exceeds the guideline anywhere
    /// (<see cref="GuidelineBreaches"/>), publishing needs a written <paramref name="reason"/>, kept with the cycle.
    /// </summary>
    public void Publish(DateTimeOffset now, int appealDays = RatingSettings.DefaultAppealDays, string? reason = null)
    {
        EnsureStatus(CycleStatus.Closed, ErrorCodes.Cycle.NotClosed, "Only a closed cycle can be published.");
        if (_reopened.Count > 0)
        {
            throw new DomainException(ErrorCodes.Cycle.ManagersReopened, "Managers reopened for re-scoring must be recomputed first.", _reopened.Count);
        }

        var breaches = GuidelineBreaches();
        if (breaches.Count > 0)
        {
            GuidelineReason = Guard.Optional(reason, ReasonMaxLength, ErrorCodes.Cycle.GuidelineReasonTooLong)
                ?? throw new DomainException(ErrorCodes.Cycle.GuidelineReasonRequired, "The tier distribution exceeds the guideline: write why it is published as it is.", breaches.Count);
        }
        else
        {
            GuidelineReason = null;
        }

        Status = CycleStatus.Published;
        PublishedUtc = now.UtcDateTime;
        AppealsUntil = Today(now).AddDays(RatingSettings.EnsureAppealDays(appealDays));
    }

    /// <summary>Whether a manager may still appeal on <paramref name="today"/>: published, and within the window.</summary>
    public bool AcceptsAppealsOn(DateOnly today) => Status == CycleStatus.Published && AppealsUntil is { } last && today <= last;

    /// <summary>Sets (or, with no limits, clears) the tier guideline, until the cycle is published.</summary>
    public void SetGuideline(IEnumerable<GuidelineLimit> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (Status == CycleStatus.Published)
        {
            throw new DomainException(ErrorCodes.Cycle.GuidelineFrozen, "The guideline of a published cycle no longer changes.");
        }

        var checkedLimits = Calibration.CheckGuideline(limits);
        _guideline.Clear();
        _guideline.AddRange(checkedLimits);
        GuidelineSummary = checkedLimits.Count == 0 ? null : string.Join("; ", checkedLimits.Select(l => Calibration.Describe(l)));
    }

    /// <summary>
    /// Where the stored results exceed the guideline: over all rated managers, and over each department's
    /// (load the results with the cycle).
    /// </summary>
    public IReadOnlyList<GuidelineBreach> GuidelineBreaches()
    {
        if (_guideline.Count == 0)
        {
            return [];
        }

        var all = Calibration.Breaches(_guideline, TierShares.Of(_results.Select(r => r.IsRated ? r.Tier : null)), null);
        var departments = _results.Where(r => r.DepartmentId is not null).GroupBy(r => r.DepartmentId!.Value).OrderBy(g => g.Key)
            .SelectMany(g => Calibration.Breaches(_guideline, TierShares.Of(g.Select(r => r.IsRated ? r.Tier : null)), g.Key));
        return [.. all, .. departments];
    }

    /// <summary>The share of one frozen criterion in the frozen total weight.</summary>
    public decimal ShareOf(CycleCriterion criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        return Weighting.Share(criterion.Weight, TotalWeight);
    }

    /// <summary>
    /// For each of <paramref name="departments"/>, the seats its panel lacks (a company-wide seat, from before
    /// departments had panels, fills its seat everywhere); departments with a full panel are left out.
    /// </summary>
    public static IReadOnlyList<VacantSeats> MissingSeats(IEnumerable<int> departments, IEnumerable<PanelSeat> panel)
    {
        ArgumentNullException.ThrowIfNull(departments);
        var seats = panel.ToList();
        return
        [
            .. departments.Distinct().Order()
                .Select(d => new VacantSeats(d, [.. Enum.GetValues<PanelRole>().Where(role => !seats.Any(s => s.Role == role && (s.DepartmentId is null || s.DepartmentId == d)))]))
                .Where(v => v.Seats.Count > 0),
        ];
    }

    /// <summary>Whether <paramref name="panelMemberId"/> scores, in <paramref name="role"/>, the managers of <paramref name="departmentId"/>.</summary>
    public bool Seats(string panelMemberId, PanelRole role, int? departmentId) =>
        _panel.Any(p => p.UserId == panelMemberId && p.Role == role && (p.DepartmentId is null || p.DepartmentId == departmentId));

    /// <summary>
    /// The departments whose managers <paramref name="panelMemberId"/> scores (in <paramref name="role"/>, when given:
    /// the seat their account holds now): null for every one (a company-wide seat).
    /// </summary>
    public IReadOnlySet<int>? DepartmentsOf(string panelMemberId, PanelRole? role = null)
    {
        var mine = _panel.Where(p => p.UserId == panelMemberId && (role is null || p.Role == role)).ToList();
        return mine.Any(p => p.DepartmentId is null) ? null : mine.Select(p => p.DepartmentId!.Value).ToHashSet();
    }

    /// <summary>The seats that score the managers of <paramref name="departmentId"/>, in seat order.</summary>
    public IReadOnlyList<PanelSeat> PanelOf(int? departmentId) =>
        [.. _panel.Where(p => p.DepartmentId is null || p.DepartmentId == departmentId).OrderBy(p => p.Role).ThenBy(p => p.DepartmentId is null)];

    /// <summary>
    /// Records a panel member's score; the rules of who may score what live here: the member sits, in the seat
    /// that scores the criterion, on the panel of the manager's department (<paramref name="departmentId"/>).
    /// </summary>
    /// <remarks>An upheld appeal of the manager being re-scored (<paramref name="appeal"/>) lets its contested criteria be scored in the published cycle.</remarks>
    public PanelScore RecordScore(int cycleCriterionId, string panelMemberId, PanelRole role, int accountManagerId, decimal value, string? comment, int? departmentId = null, Appeal? appeal = null)
    {
        var criterion = EnsureScorable(cycleCriterionId, role, accountManagerId, appeal);
        if (!Seats(panelMemberId, role, departmentId))
        {
            throw new DomainException(ErrorCodes.Score.NotOnPanel, "Only the panel frozen when the cycle opened scores in it, each department's its own managers.");
        }

        return new PanelScore(Id, criterion.Id, accountManagerId, panelMemberId, role, ScoreRules.EnsureValidPanelScore(value), comment);
    }

    /// <summary>Changes a score the same panel member gave earlier, while the cycle is open (or an upheld appeal re-scores it).</summary>
    public void ChangeScore(PanelScore score, string panelMemberId, decimal value, string? comment, Appeal? appeal = null)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (score.CycleId != Id)
        {
            throw new DomainException(ErrorCodes.Score.WrongCycle, "The score belongs to another cycle.");
        }

        if (score.PanelMemberId != panelMemberId)
        {
            throw new DomainException(ErrorCodes.Score.NotYours, "A panel member can change only their own scores.");
        }

        EnsureScorable(score.CycleCriterionId, score.PanelRole, score.AccountManagerId, appeal);
        score.Change(ScoreRules.EnsureValidPanelScore(value), comment);
    }

    /// <summary>The rating of one manager from the frozen criteria, bounds and the given panel scores.</summary>
    public RatingResult Rate(IEnumerable<IGivenScore> scoresOfManager)
    {
        if (Bounds is null || _criteria.Count == 0)
        {
            throw new DomainException(ErrorCodes.Cycle.NotOpened, "A cycle that never opened has nothing to rate.");
        }

        var weighted = _criteria.Select(c => new WeightedCriterion(c.Id, c.Weight)).ToList();
        return RatingCalculator.Rate(weighted, scoresOfManager.Select(s => new CriterionScore(s.CycleCriterionId, s.Value)), Bounds);
    }

    /// <summary>Every given manager's rating from this cycle's scores, in one pass (closing, and the check before it).</summary>
    public IReadOnlyDictionary<int, RatingResult> RateAll(IEnumerable<int> accountManagerIds, IEnumerable<IGivenScore> scores)
    {
        var byManager = scores.Where(s => s.CycleId == Id).ToLookup(s => s.AccountManagerId);
        return accountManagerIds.Distinct().ToDictionary(m => m, m => Rate(byManager[m]));
    }

    private static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.DateTime);

    private CycleCriterion EnsureScorable(int cycleCriterionId, PanelRole role, int accountManagerId, Appeal? appeal)
    {
        if (!(Status == CycleStatus.Published && appeal is not null && appeal.AllowsRescoring(Id, accountManagerId, cycleCriterionId))
            && !(Status == CycleStatus.Closed && IsReopenedFor(accountManagerId)))
        {
            EnsureStatus(CycleStatus.Open, ErrorCodes.Cycle.NotOpen, "Scores can be given only while the cycle is open.");
        }

        var criterion = _criteria.SingleOrDefault(c => c.Id == cycleCriterionId)
            ?? throw new DomainException(ErrorCodes.Score.UnknownCriterion, "The criterion is not part of this cycle.");
        return criterion.IsScoredBy(role)
            ? criterion
            : throw new DomainException(ErrorCodes.Score.RoleNotAllowed, "This panel role does not score this criterion.");
    }

    private void EnsureStatus(CycleStatus expected, string code, string message)
    {
        if (Status != expected)
        {
            throw new DomainException(code, message);
        }
    }
}

/// <summary>
/// A panel member and their seat, as frozen into a cycle when it opened: on the panel of one department
/// (<paramref name="DepartmentId"/>), or company-wide (null: cycles opened before departments had panels).
/// </summary>
public sealed record PanelSeat(string UserId, PanelRole Role, int? DepartmentId = null);

/// <summary>A manager of a closed cycle reopened for re-scoring, why and when.</summary>
public sealed record ManagerReopening(int AccountManagerId, string Reason, DateTime ReopenedUtc);

/// <summary>The seats a department's panel lacks.</summary>
public sealed record VacantSeats(int DepartmentId, IReadOnlyList<PanelRole> Seats);
