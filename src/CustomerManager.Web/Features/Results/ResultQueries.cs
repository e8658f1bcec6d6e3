using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Features.Cycles;
using CustomerManager.Web.Features.Units;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Features.Results;

public sealed record RankingColumn(int CycleCriterionId, string Name, decimal Weight);

/// <summary>A row of the ranking; <c>UnitRank</c> is the rank within the unit the list is filtered on (none without one).</summary>
public sealed record RankingRow(
    int Rank, int ManagerId, string Name, string EmployeeNumber, string District, bool IsRated, decimal? FinalScore, Tier? Tier,
    Tier? PreviousTier, Movement Movement, IReadOnlyDictionary<int, decimal?> CriterionScores, int Flags, EvidenceFigures Evidence, int? UnitRank = null);

/// <summary>How a department's managers spread over the tiers (the key null: not rated).</summary>
public sealed record DepartmentTiers(string Department, int Managers, IReadOnlyDictionary<Tier, int> Tiers, int NotRated);

public sealed record RankingModel(
    int CycleId, string CycleName, CycleStatus Status, IReadOnlyList<(int Id, string Name)> Cycles, IReadOnlyList<UnitNode> Units,
    string? District, Tier? Tier, IReadOnlyList<RankingColumn> Columns, PagedList<RankingRow> Rows, IReadOnlyList<(Tier? Tier, int Count)> Distribution,
    IReadOnlyList<DepartmentTiers> ByDepartment);

public sealed record FormCriterion(int Id, string Name, decimal Weight, decimal Share, decimal? Score, IReadOnlyList<FormScore> Scores);

public sealed record FormScore(string Member, PanelRole Seat, decimal Value, string? Comment);

/// <summary>A seat of the panel frozen into the cycle, and who held it (a line to sign on the printed form).</summary>
public sealed record FormSeat(PanelRole Seat, string Member);

public sealed record EvaluationFormModel(
    int CycleId, string CycleName, DateOnly PeriodStart, DateOnly PeriodEnd, CycleStatus Status, DateTime? ClosedUtc, DateTime? PublishedUtc,
    int ManagerId, string ManagerName, string EmployeeNumber, string District, string? Department, TierBounds Bounds,
    bool IsRated, decimal? FinalScore, Tier? Tier, IReadOnlyList<FormCriterion> Criteria, IReadOnlyList<FormSeat> Panel,
    bool RecomputedEquals, bool ShowPanelMembers, EvidenceFigures Evidence, DateTime? EvidenceTakenUtc)
{
    /// <summary>The manager's appeals against this result, oldest first, with their decisions and both results.</summary>
    public IReadOnlyList<FormAppeal> Appeals { get; init; } = [];

    /// <summary>The last day the result can be appealed (published cycles).</summary>
    public DateOnly? AppealsUntil { get; init; }
}

/// <summary>An appeal as the form shows it: what was contested, the decision and (upheld, re-scored) the result after.</summary>
public sealed record FormAppeal(
    int Id, AppealStatus Status, DateTime SubmittedUtc, IReadOnlyList<string> Criteria, string Reason, string? Decision, DateTime? DecidedUtc,
    decimal? FinalScoreBefore, Tier? TierBefore, decimal? FinalScoreAfter, Tier? TierAfter);

public sealed record HistoryPoint(int CycleId, string CycleName, DateOnly PeriodEnd, bool IsRated, decimal? FinalScore, Tier? Tier, EvidenceFigures Evidence);

/// <summary>Results of closed and published cycles: the ranking, the evaluation form, a manager's history.</summary>
public sealed class ResultQueries(AppDbContext db, IOptions<EvaluationOptions> options, CycleProgressCache cache)
{
    /// <summary>
    /// The ranking of a cycle, one page of it (or, for the export, every row: <paramref name="page"/> null). All
    /// the cycle's results are ranked and counted from a few scalar columns; only the rows shown are read whole,
    /// with their criterion means, evidence, previous tier and disagreement flags. A supervisor or a panel member
    /// (<paramref name="only"/>: the managers of their unit or departments) sees their managers' rows with their
    /// company-wide ranks; a supervisor published cycles only (<paramref name="publishedOnly"/>).
    /// </summary>
    public async Task<RankingModel?> RankingAsync(
        int? cycleId, string? district, Tier? tier, int? page, int? pageSize, CancellationToken cancellationToken, IReadOnlySet<int>? only = null, int? within = null, bool publishedOnly = false)
    {
        var cycles = await db.Cycles.AsNoTracking()
            .Where(c => c.Status == CycleStatus.Published || (!publishedOnly && c.Status == CycleStatus.Closed))
            .OrderByDescending(c => c.PeriodEnd).Select(c => new { c.Id, c.Name, c.PeriodStart, c.Status }).ToListAsync(cancellationToken);
        var chosen = cycleId is null ? cycles.FirstOrDefault() : cycles.FirstOrDefault(c => c.Id == cycleId);
        if (chosen is null)
        {
            return null;
        }

        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery().SingleAsync(c => c.Id == chosen.Id, cancellationToken);
        // Every result of the cycle, read again only when the cycle (closed, reopened: its version) or the managers changed.
        var standings = await cache.GetAsync(db, "standings", cycle.Id, () => db.Results.AsNoTracking().Where(r => r.CycleId == cycle.Id)
            .Join(db.AccountManagers, r => r.AccountManagerId, m => m.Id, (r, m) => new Standing(r.AccountManagerId, m.EmployeeNumber, m.Name, m.DistrictId, m.District.Name, r.IsRated, r.FinalScore, r.Tier))
            .ToListAsync(cancellationToken), cancellationToken);
        var ranked = standings
            .OrderByDescending(x => x.IsRated).ThenByDescending(x => x.FinalScore).ThenBy(x => x.EmployeeNumber)
            .Select((x, i) => (Rank: x.IsRated ? i + 1 : 0, Standing: x))
            .Where(x => only is null || only.Contains(x.Standing.ManagerId))
            .ToList();
        standings = only is null ? standings : [.. standings.Where(s => only.Contains(s.ManagerId))];
        var distribution = standings.GroupBy(r => r.Tier).OrderByDescending(g => g.Key).Select(g => (g.Key, g.Count())).ToList();

        // A unit chosen by name or code: its districts' managers, ranked among themselves too.
        var tree = await OrgUnitTree.LoadAsync(db, cancellationToken);
        var unit = district is null ? null : OrgUnitTree.Find(tree, district);
        var inUnit = district is null ? null : unit is null ? [] : OrgUnitTree.Subtree(tree, unit.Id).Select(u => u.Id).ToHashSet();
        var unitRanks = inUnit is null
            ? null
            : ranked.Where(r => inUnit.Contains(r.Standing.DistrictId) && r.Standing.IsRated).Select((r, i) => (r.Standing.ManagerId, Rank: i + 1)).ToDictionary(x => x.ManagerId, x => x.Rank);
        var filtered = ranked.Where(r => (inUnit is null || inUnit.Contains(r.Standing.DistrictId)) && (tier is null || r.Standing.Tier == tier)).ToList();
        var shown = page is null
            ? new PagedList<(int Rank, Standing Standing)>(filtered, 1, Math.Max(1, filtered.Count), filtered.Count)
            : filtered.ToPagedList(page, pageSize ?? RankingPageSize);
        var rows = await RowsAsync(cycle, chosen.PeriodStart, shown.Items, cancellationToken);
        if (unitRanks is not null)
        {
            rows = [.. rows.Select(r => r with { UnitRank = unitRanks.TryGetValue(r.ManagerId, out var rank) ? rank : null })];
        }
        var columns = cycle.Criteria.OrderBy(c => c.SortOrder).Select(c => new RankingColumn(c.Id, Cultures.Pick(c.NameZh, c.NameEn), c.Weight)).ToList();
        return new RankingModel(cycle.Id, cycle.Name, cycle.Status, [.. cycles.Select(c => (c.Id, c.Name))], OrgUnitTree.FilterOptions(tree, district, within),
            district, tier, columns, new PagedList<RankingRow>(rows, shown.Page, shown.PageSize, shown.TotalCount) { PageSizeChoosable = page is not null }, distribution,
            ByDepartment(tree, standings));
    }

    /// <summary>The tier distribution of each department's managers, side by side (departments by name).</summary>
    private static List<DepartmentTiers> ByDepartment(IReadOnlyList<UnitNode> tree, IReadOnlyList<Standing> standings)
    {
        var byId = tree.ToDictionary(u => u.Id);
        UnitNode? DepartmentOf(int districtId) => byId.GetValueOrDefault(districtId)?.ParentId is { } parent && byId.GetValueOrDefault(parent) is { Kind: Domain.Organisation.UnitKind.Department } d ? d : null;
        return
        [
            .. standings
                .Select(s => (Department: DepartmentOf(s.DistrictId), s))
                .Where(x => x.Department is not null)
                .GroupBy(x => x.Department!.Id)
                .OrderBy(g => g.First().Department!.Name, NameOrder.Comparer)
                .Select(g => new DepartmentTiers(
                    g.First().Department!.Shown,
                    g.Count(),
                    g.Where(x => x.s.IsRated && x.s.Tier is not null).GroupBy(x => x.s.Tier!.Value).ToDictionary(t => t.Key, t => t.Count()),
                    g.Count(x => !x.s.IsRated))),
        ];
    }

    /// <summary>The ranking's page size: readable on a screen; the export has every row.</summary>
    public const int RankingPageSize = 50;

    private sealed record Standing(int ManagerId, string EmployeeNumber, string Name, int DistrictId, string District, bool IsRated, decimal? FinalScore, Tier? Tier);

    private async Task<List<RankingRow>> RowsAsync(EvaluationCycle cycle, DateOnly periodStart, IReadOnlyList<(int Rank, Standing Standing)> shown, CancellationToken cancellationToken)
    {
        var ids = shown.Select(s => s.Standing.ManagerId).ToList();
        var results = await db.Results.AsNoTracking().Where(r => r.CycleId == cycle.Id && ids.Contains(r.AccountManagerId))
            .ToDictionaryAsync(r => r.AccountManagerId, cancellationToken);
        var previousCycleId = await db.Cycles.AsNoTracking().Where(c => c.Status == CycleStatus.Published && c.PeriodEnd < periodStart)
            .OrderByDescending(c => c.PeriodEnd).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        var previous = previousCycleId is null
            ? []
            : await db.Results.AsNoTracking().Where(r => r.CycleId == previousCycleId && ids.Contains(r.AccountManagerId))
                .Select(r => new { r.AccountManagerId, r.Tier }).ToDictionaryAsync(r => r.AccountManagerId, r => r.Tier, cancellationToken);
        var scores = await db.PanelScores.AsNoTracking().Where(s => s.CycleId == cycle.Id && ids.Contains(s.AccountManagerId)).ToListAsync(cancellationToken);
        var flags = Disagreement.Flags(scores, options.Value.DisagreementThreshold).GroupBy(f => f.AccountManagerId).ToDictionary(g => g.Key, g => g.Count());
        return [.. shown.Select(x =>
        {
            var result = results[x.Standing.ManagerId];
            var before = previous.GetValueOrDefault(x.Standing.ManagerId);
            return new RankingRow(
                x.Rank, x.Standing.ManagerId, x.Standing.Name, x.Standing.EmployeeNumber, x.Standing.District, x.Standing.IsRated, x.Standing.FinalScore, x.Standing.Tier,
                before, TierMovement.Of(before, x.Standing.Tier), result.CriterionScores.ToDictionary(s => s.CycleCriterionId, s => s.Score),
                flags.GetValueOrDefault(x.Standing.ManagerId), result.Evidence);
        })];
    }

    public async Task<EvaluationFormModel?> FormAsync(int cycleId, int managerId, bool showPanelMembers, CancellationToken cancellationToken)
    {
        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == cycleId, cancellationToken);
        var result = await db.Results.AsNoTracking().SingleOrDefaultAsync(r => r.CycleId == cycleId && r.AccountManagerId == managerId, cancellationToken);
        var manager = await db.AccountManagers.AsNoTracking().Include(m => m.District).ThenInclude(d => d.Parent).SingleOrDefaultAsync(m => m.Id == managerId, cancellationToken);
        if (cycle is null || result is null || manager is null || cycle.Bounds is null)
        {
            return null;
        }

        var scores = await db.PanelScores.AsNoTracking().Where(s => s.CycleId == cycleId && s.AccountManagerId == managerId).ToListAsync(cancellationToken);
        var memberIds = scores.Select(s => s.PanelMemberId).Concat(cycle.Panel.Select(p => p.UserId)).Distinct().ToList();
        var members = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var stored = result.CriterionScores.ToDictionary(s => s.CycleCriterionId, s => s.Score);
        var criteria = cycle.Criteria.OrderBy(c => c.SortOrder).Select(c => new FormCriterion(
            c.Id, Cultures.Pick(c.NameZh, c.NameEn), c.Weight, cycle.ShareOf(c), stored.GetValueOrDefault(c.Id),
            scores.Where(s => s.CycleCriterionId == c.Id).OrderBy(s => s.PanelRole)
                .Select(s => new FormScore(members.GetValueOrDefault(s.PanelMemberId) ?? "?", s.PanelRole, s.Value, s.Comment)).ToList())).ToList();

        // The form shows the inputs that make the score: recomputing from what the cycle froze must give what is stored.
        var recomputed = cycle.Rate(scores);
        var equals = recomputed.IsRated == result.IsRated && recomputed.FinalScore == result.FinalScore && recomputed.Tier == result.Tier;
        // The department the manager was in when the cycle closed (results closed before it was stored: where they are
        // now) and its panel, as frozen when the cycle opened.
        var departmentId = result.DepartmentId ?? manager.District.ParentId;
        var department = departmentId == manager.District.ParentId ? manager.District.Parent
            : await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == departmentId, cancellationToken);
        var panel = cycle.PanelOf(departmentId).Select(p => new FormSeat(p.Role, members.GetValueOrDefault(p.UserId) ?? "?")).ToList();
        var names = cycle.Criteria.ToDictionary(c => c.Id, c => Cultures.Pick(c.NameZh, c.NameEn));
        var appeals = await db.Appeals.AsNoTracking().Where(a => a.CycleId == cycleId && a.AccountManagerId == managerId).OrderBy(a => a.SubmittedUtc).ToListAsync(cancellationToken);
        return new EvaluationFormModel(cycle.Id, cycle.Name, cycle.PeriodStart, cycle.PeriodEnd, cycle.Status, cycle.ClosedUtc, cycle.PublishedUtc,
            manager.Id, manager.Name, manager.EmployeeNumber, manager.District.NameIn(!Cultures.IsChinese), department?.NameIn(!Cultures.IsChinese), cycle.Bounds, result.IsRated, result.FinalScore, result.Tier,
            criteria, panel, equals, showPanelMembers, result.Evidence, result.EvidenceTakenUtc)
        {
            Appeals = [.. appeals.Select(a => new FormAppeal(a.Id, a.Status, a.SubmittedUtc, [.. a.Criteria.Select(c => names.GetValueOrDefault(c.CycleCriterionId) ?? "?")], a.Reason, a.Decision, a.DecidedUtc,
                a.FinalScoreBefore, a.WasRated ? a.TierBefore : null, a.FinalScoreAfter, a.IsRatedAfter == true ? a.TierAfter : null))],
            AppealsUntil = cycle.AppealsUntil,
        };
    }

    public Task<List<HistoryPoint>> HistoryAsync(int managerId, bool publishedOnly, CancellationToken cancellationToken) =>
        db.Results.AsNoTracking().Where(r => r.AccountManagerId == managerId)
            .Join(db.Cycles.Where(c => c.Status == CycleStatus.Published || (!publishedOnly && c.Status == CycleStatus.Closed)), r => r.CycleId, c => c.Id, (r, c) => new { r, c })
            .OrderBy(x => x.c.PeriodEnd)
            .Select(x => new HistoryPoint(x.c.Id, x.c.Name, x.c.PeriodEnd, x.r.IsRated, x.r.FinalScore, x.r.Tier, x.r.Evidence))
            .ToListAsync(cancellationToken);
}
