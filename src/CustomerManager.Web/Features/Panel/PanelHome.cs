using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Features.Cycles;
using CustomerManager.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Panel;

public sealed record PanelCycleProgress(
    int CycleId,
    string Name,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int CriteriaToScore,
    int Managers,
    int Done,
    int Partial)
{
    public int Missing => Managers - Done - Partial;
}

public sealed record PanelHomeModel(PanelRole Role, IReadOnlyList<PanelCycleProgress> OpenCycles, int InboxNew);

/// <summary>A panel member's progress in every open cycle (see <see cref="MemberProgressQuery"/>) and their new inbox items.</summary>
public sealed class PanelHomeQuery(AppDbContext db, MemberProgressQuery progress)
{
    public async Task<PanelHomeModel> RunAsync(string panelMemberId, PanelRole role, CancellationToken cancellationToken)
    {
        var cycles = await db.Cycles.AsNoTracking().Include(c => c.Criteria).AsSplitQuery()
            .Where(c => c.Status == CycleStatus.Open)
            .OrderBy(c => c.PeriodStart)
            .ToListAsync(cancellationToken);
        var open = new List<PanelCycleProgress>();
        foreach (var cycle in cycles)
        {
            var rows = await progress.RowsAsync(cycle, panelMemberId, role, cancellationToken);
            open.Add(new PanelCycleProgress(
                cycle.Id, cycle.Name, cycle.PeriodStart, cycle.PeriodEnd, cycle.Criteria.Count(x => x.IsScoredBy(role)),
                rows.Count, rows.Count(r => r.State == CellState.Done), rows.Count(r => r.State == CellState.Partial)));
        }

        var kinds = Inbox.InboxController.KindsFor(role);
        var inboxNew = await db.VisitReports.AsNoTracking().Where(r => EF.Constant(kinds).Contains(r.Kind) && r.Status == Domain.Visits.ReportStatus.New)
            .OfPanelDepartments(db, panelMemberId, role).CountAsync(cancellationToken);
        return new PanelHomeModel(role, open, inboxNew);
    }
}
