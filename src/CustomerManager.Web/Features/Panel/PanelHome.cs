using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
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

/// <summary>A panel member's progress in every open cycle: managers fully, partly and not yet scored.</summary>
public sealed class PanelHomeQuery(AppDbContext db)
{
    public async Task<PanelHomeModel> RunAsync(string panelMemberId, PanelRole role, CancellationToken cancellationToken)
    {
        var cycles = await db.Cycles.AsNoTracking().Include(c => c.Criteria)
            .Where(c => c.Status == CycleStatus.Open)
            .OrderBy(c => c.PeriodStart)
            .ToListAsync(cancellationToken);
        var managers = await db.AccountManagers.AsNoTracking().CountAsync(m => m.IsActive, cancellationToken);
        var cycleIds = cycles.Select(c => c.Id).ToList();
        var scoredPerManager = await db.PanelScores.AsNoTracking()
            .Where(s => cycleIds.Contains(s.CycleId) && s.PanelMemberId == panelMemberId)
            .GroupBy(s => new { s.CycleId, s.AccountManagerId })
            .Select(g => new { g.Key.CycleId, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var progress = cycles.Select(c =>
        {
            var toScore = c.Criteria.Count(x => x.IsScoredBy(role));
            var counts = scoredPerManager.Where(s => s.CycleId == c.Id).Select(s => s.Count).ToList();
            var done = counts.Count(n => n >= toScore);
            return new PanelCycleProgress(c.Id, c.Name, c.PeriodStart, c.PeriodEnd, toScore, managers, done, counts.Count - done);
        }).ToList();
        var kinds = Inbox.InboxController.KindsFor(role);
        var inboxNew = await db.VisitReports.AsNoTracking().CountAsync(r => EF.Constant(kinds).Contains(r.Kind) && r.Status == Domain.Visits.ReportStatus.New, cancellationToken);
        return new PanelHomeModel(role, progress, inboxNew);
    }
}
