using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Units;

/// <summary>A department's panel as the form posts it: for each seat, the panel member who holds it (none: vacant).</summary>
public sealed class PanelForm
{
    public Dictionary<PanelRole, string?> Seats { get; set; } = [];
}

/// <summary>A seat of a department's panel, who holds it, and who could (active panel members holding that seat).</summary>
public sealed record SeatChoice(PanelRole Seat, string? HolderId, IReadOnlyList<(string Id, string Name)> Candidates);

/// <summary>The panel of a department for its page.</summary>
public static class DepartmentPanel
{
    /// <summary>The active panel members holding each seat, by seat: one query for the four lists.</summary>
    public static async Task<ILookup<PanelRole, (string Id, string Name)>> CandidatesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var members = await db.ActivePanelMembers().AsNoTracking()
            .OrderBy(u => u.DisplayName).ThenBy(u => u.UserName)
            .Select(u => new { u.Id, u.DisplayName, u.UserName, Seat = u.PanelRole!.Value })
            .ToListAsync(cancellationToken);
        return members.ToLookup(m => m.Seat, m => (m.Id, $"{m.DisplayName} ({m.UserName})"));
    }

    public static async Task<IReadOnlyList<SeatChoice>> ChoicesAsync(AppDbContext db, int departmentId, CancellationToken cancellationToken)
    {
        var held = await db.DepartmentSeats.AsNoTracking().Where(s => s.UnitId == departmentId).ToDictionaryAsync(s => s.Role, s => s.UserId, cancellationToken);
        var candidates = await CandidatesAsync(db, cancellationToken);
        // A holder who left or changed seat is no longer a candidate: the seat shows (and opens) vacant.
        return [.. Enum.GetValues<PanelRole>().Select(r => new SeatChoice(r, candidates[r].Any(c => c.Id == held.GetValueOrDefault(r)) ? held[r] : null, [.. candidates[r]]))];
    }
}
