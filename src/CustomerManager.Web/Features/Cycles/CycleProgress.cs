using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
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

/// <summary>A district's progress: its managers and, for each panel member in seat order, how many of them are done, partly done or missing.</summary>
public sealed record DistrictProgress(string District, int Managers, IReadOnlyList<(int Done, int Partial, int Missing)> Seats)
{
    public bool IsComplete => Seats.All(s => s.Partial == 0 && s.Missing == 0);
}

/// <summary>
/// Managers × panel members of an open cycle: done, partly done or missing. A province has 2,000 managers: the board
/// sums them up by district and shows one district's managers at a time (a small company's, up to
/// <see cref="WholeBoardUpTo"/>, all at once).
/// </summary>
public sealed record ProgressBoard(
    IReadOnlyList<PanelColumn> Panel, IReadOnlyList<DistrictProgress> Districts, string? District, IReadOnlyList<ProgressRow> Rows, IReadOnlyDictionary<CellState, int> Totals)
{
    public const int WholeBoardUpTo = 100;

    public int Count(CellState state) => Totals.GetValueOrDefault(state);
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
        var chosen = whole.Districts.Any(d => d.District == district) ? district : null;
        var shown = chosen is not null ? whole.Rows.Where(r => r.District == chosen).ToList() : whole.Rows.Count <= ProgressBoard.WholeBoardUpTo ? whole.Rows : [];
        return whole with { District = chosen, Rows = shown };
    }

    /// <summary>The whole board: every active manager's row.</summary>
    private async Task<ProgressBoard> ComputeAsync(EvaluationCycle cycle, CancellationToken cancellationToken)
    {
        // The panel frozen when the cycle opened, in seat order.
        var ids = cycle.Panel.Select(p => p.UserId).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var panel = cycle.Panel.OrderBy(p => p.Role).Select(p => new { Id = p.UserId, DisplayName = names.GetValueOrDefault(p.UserId) ?? "?", Seat = p.Role }).ToList();
        var columns = panel.Select(p => new PanelColumn(p.Id, p.DisplayName, p.Seat, cycle.Criteria.Count(c => c.IsScoredBy(p.Seat)))).ToList();
        var counts = await db.PanelScores.AsNoTracking().Where(s => s.CycleId == cycle.Id)
            .GroupBy(s => new { s.AccountManagerId, s.PanelMemberId })
            .Select(g => new { g.Key.AccountManagerId, g.Key.PanelMemberId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byPair = counts.ToDictionary(c => (c.AccountManagerId, c.PanelMemberId), c => c.Count);
        var managers = await db.AccountManagers.AsNoTracking().Where(m => m.IsActive)
            .OrderBy(m => m.District.NameSortKey).ThenBy(m => m.NameSortKey)
            .Select(m => new { m.Id, m.Name, m.EmployeeNumber, District = m.District.Name })
            .ToListAsync(cancellationToken);
        var rows = managers.Select(m => new ProgressRow(m.Id, m.Name, m.EmployeeNumber, m.District, columns.Select(c =>
        {
            var given = byPair.GetValueOrDefault((m.Id, c.UserId));
            return given == 0 ? CellState.Missing : given >= c.CriteriaToScore ? CellState.Done : CellState.Partial;
        }).ToList())).ToList();
        var districts = rows.GroupBy(r => r.District).Select(g => new DistrictProgress(
            g.Key,
            g.Count(),
            [.. columns.Select((_, seat) => (g.Count(r => r.Cells[seat] == CellState.Done), g.Count(r => r.Cells[seat] == CellState.Partial), g.Count(r => r.Cells[seat] == CellState.Missing)))]))
            .ToList();
        var totals = rows.SelectMany(r => r.Cells).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        return new ProgressBoard(columns, districts, null, rows, totals);
    }
}
