using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>
/// A cycle's name, period and state: what the rules about dates need. Periods are local calendar days,
/// both ends included.
/// </summary>
public sealed record CyclePeriod(int CycleId, string Name, DateOnly Start, DateOnly End, CycleStatus Status)
{
    /// <summary>True when <paramref name="day"/> lies in the period.</summary>
    public bool Covers(DateOnly day) => day >= Start && day <= End;

    /// <summary>True when the period shares at least one day with <paramref name="start"/>–<paramref name="end"/>.</summary>
    public bool Overlaps(DateOnly start, DateOnly end) => start <= End && end >= Start;

    /// <summary>
    /// Once a cycle has closed, the visits of its period are the evidence its results were given on: they
    /// are no longer logged, corrected or deleted (until the cycle is reopened).
    /// </summary>
    public bool FreezesEvidence => Status is CycleStatus.Closed or CycleStatus.Published;
}

/// <summary>
/// Every cycle's period, to answer the rules that look across cycles: periods never overlap (each visit is
/// the evidence of at most one cycle), names are unique, and the evidence of a closed cycle's days is frozen.
/// </summary>
public sealed class EvaluationCalendar(IEnumerable<CyclePeriod> periods)
{
    private readonly List<CyclePeriod> _periods = [.. periods];

    public static EvaluationCalendar Empty { get; } = new([]);

    /// <summary>The closed or published cycle whose evidence <paramref name="day"/> belongs to, if any.</summary>
    public CyclePeriod? FrozenOn(DateOnly day) => _periods.FirstOrDefault(p => p.FreezesEvidence && p.Covers(day));

    /// <summary>Every cycle whose period holds <paramref name="day"/> (at most one: periods never overlap).</summary>
    public IEnumerable<CyclePeriod> Covering(DateOnly day) => _periods.Where(p => p.Covers(day));

    /// <summary>The closed or published cycles, for forms that warn before a frozen day is chosen.</summary>
    public IEnumerable<CyclePeriod> Frozen => _periods.Where(p => p.FreezesEvidence);

    /// <summary>
    /// Throws unless a cycle named <paramref name="name"/> may have this period; <paramref name="cycleId"/> is the
    /// cycle being rescheduled (null for a new one), which is not compared with itself.
    /// </summary>
    public void EnsureFree(string name, DateOnly start, DateOnly end, int? cycleId = null)
    {
        var others = _periods.Where(p => cycleId is null || p.CycleId != cycleId).ToList();
        if (others.FirstOrDefault(p => string.Equals(p.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) is { } sameName)
        {
            throw new DomainException(ErrorCodes.Cycle.NameTaken, "Another cycle has this name.", sameName.Name);
        }

        if (others.FirstOrDefault(p => p.Overlaps(start, end)) is { } overlapping)
        {
            throw new DomainException(ErrorCodes.Cycle.Overlaps, "The period overlaps another cycle's.", overlapping.Name);
        }
    }
}
