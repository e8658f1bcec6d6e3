using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Organisation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Cycles;

public enum CellState
{
    Missing = 0,
    Partial = 1,
    Done = 2,
}

public sealed record PanelColumn(string UserId, string DisplayName, PanelRole Seat, int CriteriaToScore);

public sealed record ProgressRow(int ManagerId, string Name, string EmployeeNumber, string District, IReadOnlyList<CellState> Cells);

/// <summary>A district's progress: its managers and, for each seat of its department's panel in order, how many of them are done, partly done or missing.</summary>
public sealed record DistrictProgress(string District, int Managers, IReadOnlyList<(int Done, int Partial, int Missing)> Seats)
{
    public bool IsComplete => Seats.All(s => s.Partial == 0 && s.Missing == 0);
}

/// <summary>
/// A department's part of the board: its panel as frozen when the cycle opened (the columns), its districts, and the
/// managers shown (<see cref="ProgressBoard"/>). Managers placed outside any department form one group without a name.
/// </summary>
public sealed record DepartmentProgress(int? Id, string? Name, string? NameEn, IReadOnlyList<PanelColumn> Panel, IReadOnlyList<DistrictProgress> Districts, IReadOnlyList<ProgressRow> Rows)
{
    public string Shown => Name is null ? string.Empty : OrgUnit.NameIn(Name, NameEn, english: !Cultures.IsChinese);

    public int Managers => Districts.Sum(d => d.Managers);

    /// <summary>Seats of the full panel nobody holds in this department.</summary>
    public IReadOnlyList<PanelRole> Vacant => [.. Enum.GetValues<PanelRole>().Where(r => Panel.All(p => p.Seat != r))];
}

/// <summary>
/// Managers × panel members of an open cycle: done, partly done or missing, grouped by department (each department's
/// panel scores its own managers). A province has 2,000 managers: the board sums them up by department and district
/// and shows one district's managers at a time (a small company's, up to <see cref="WholeBoardUpTo"/>, all at once).
/// </summary>
public sealed record ProgressBoard(IReadOnlyList<DepartmentProgress> Departments, string? District, IReadOnlyDictionary<CellState, int> Totals)
{
    public const int WholeBoardUpTo = 100;

    public int Count(CellState state) => Totals.GetValueOrDefault(state);

    public bool ShowsRows => Departments.Any(d => d.Rows.Count > 0);
}

public sealed class CycleProgressQuery(AppDbContext db, CycleProgressCache cache)
{
    /// <summary>
    /// The board of an open cycle: every manager's row is computed again only when the scores or the managers
    /// changed (<see cref="CycleProgressCache"/>, one entry per cycle whatever district is asked for), then the
    /// district asked for is picked from it.
    /// </summary>
    public async Task<ProgressBoard> RunAsync(EvaluationCycle cycle, string? district, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var whole = await cache.GetAsync(db, "board", cycle.Id, () => ComputeAsync(cycle, cancellationToken), cancellationToken);
        var chosen = whole.Departments.Any(g => g.Districts.Any(d => d.District == district)) ? district : null;
        var all = whole.Departments.Sum(g => g.Rows.Count) <= ProgressBoard.WholeBoardUpTo;
        return whole with
        {
            District = chosen,
            Departments = [.. whole.Departments.Select(g => g with { Rows = chosen is not null ? [.. g.Rows.Where(r => r.District == chosen)] : all ? g.Rows : [] })],
        };
    }

    /// <summary>The whole board: every active manager's row, under their department.</summary>
    private async Task<ProgressBoard> ComputeAsync(EvaluationCycle cycle, CancellationToken cancellationToken)
    {
        // The panels frozen when the cycle opened: each department's seats in seat order.
        var ids = cycle.Panel.Select(p => p.UserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var counts = await db.PanelScores.AsNoTracking().Where(s => s.CycleId == cycle.Id)
            .GroupBy(s => new { s.AccountManagerId, s.PanelMemberId })
            .Select(g => new { g.Key.AccountManagerId, g.Key.PanelMemberId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byPair = counts.ToDictionary(c => (c.AccountManagerId, c.PanelMemberId), c => c.Count);
        var managers = await db.AccountManagers.AsNoTracking().Where(m => m.IsActive)
            .OrderBy(m => m.District.NameSortKey).ThenBy(m => m.NameSortKey)
            .Select(m => new
            {
                m.Id,
                m.Name,
                m.EmployeeNumber,
                District = m.District.Name,
                DepartmentId = m.District.ParentId,
                Department = m.District.Parent!.Name,
                DepartmentEn = m.District.Parent.NameEn,
                DepartmentKey = m.District.Parent.NameSortKey,
            })
            .ToListAsync(cancellationToken);
        var departments = managers.GroupBy(m => new { m.DepartmentId, m.Department, m.DepartmentEn, m.DepartmentKey })
            .OrderBy(g => g.Key.DepartmentId is null).ThenBy(g => g.Key.DepartmentKey, StringComparer.Ordinal)
            .Select(g =>
            {
                var columns = cycle.PanelOf(g.Key.DepartmentId)
                    .Select(p => new PanelColumn(p.UserId, names.GetValueOrDefault(p.UserId) ?? "?", p.Role, cycle.Criteria.Count(c => c.IsScoredBy(p.Role))))
                    .ToList();
                var rows = g.Select(m => new ProgressRow(m.Id, m.Name, m.EmployeeNumber, m.District, columns.Select(c =>
                {
                    var given = byPair.GetValueOrDefault((m.Id, c.UserId));
                    return given == 0 ? CellState.Missing : given >= c.CriteriaToScore ? CellState.Done : CellState.Partial;
                }).ToList())).ToList();
                var districts = rows.GroupBy(r => r.District).Select(d => new DistrictProgress(
                    d.Key,
                    d.Count(),
                    [.. columns.Select((_, seat) => (d.Count(r => r.Cells[seat] == CellState.Done), d.Count(r => r.Cells[seat] == CellState.Partial), d.Count(r => r.Cells[seat] == CellState.Missing)))]))
                    .ToList();
                return new DepartmentProgress(g.Key.DepartmentId, g.Key.Department, g.Key.DepartmentEn, columns, districts, rows);
            })
            .ToList();
        var totals = departments.SelectMany(d => d.Rows).SelectMany(r => r.Cells).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        return new ProgressBoard(departments, null, totals);
    }
}
