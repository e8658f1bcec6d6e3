using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Results;

public sealed record MyResultsModel(string Name, IReadOnlyList<HistoryPoint> History);

/// <summary>
/// Results: the ranking of a cycle and the comprehensive evaluation form (客户经理综合评定表) for the staff;
/// for an account manager, only their own published results, without who gave which score.
/// </summary>
[Authorize(Policy = Policies.AnyRole)]
public sealed class ResultsController(ResultQueries queries, AppDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock) : Controller
{
    [HttpGet]
    [Authorize(Policy = Policies.Readers)]
    public async Task<IActionResult> Index(int? cycleId, string? district, Tier? tier, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var model = await queries.RankingAsync(cycleId, string.IsNullOrWhiteSpace(district) ? null : district, tier, page ?? 1, pageSize, cancellationToken, await SupervisedAsync(cancellationToken), User.SupervisedUnitIdOf(), publishedOnly: !User.IsStaff());
        return model is null ? (cycleId is null ? View("NoResults") : NotFound()) : View(model);
    }

    [HttpGet]
    [Authorize(Policy = Policies.Readers)]
    public async Task<IActionResult> Export(int? cycleId, string? district, Tier? tier, ExportFormat format, CancellationToken cancellationToken)
    {
        var model = await queries.RankingAsync(cycleId, string.IsNullOrWhiteSpace(district) ? null : district, tier, page: null, pageSize: null, cancellationToken, await SupervisedAsync(cancellationToken), User.SupervisedUnitIdOf(), publishedOnly: !User.IsStaff());
        if (model is null)
        {
            return NotFound();
        }

        // Disagreement flags come from the panel members' own scores: only staff get them.
        var staff = User.IsStaff();
        string[] headers =
        [
            l["Results.Rank"], l["AccountManager.EmployeeNumber"], l["AccountManager.Name"], l["AccountManager.District"], l["Result.FinalScore"],
            l["Result.Tier"], l["Results.PreviousTier"], l["Results.Movement"], .. model.Columns.Select(c => c.Name),
            l["Evidence.Visits"], l["Export.CustomersCovered"], l["Export.CustomersAssigned"], .. (staff ? new[] { l["Results.Flags"].Value } : []),
        ];
        string TierName(Tier? t) => t is { } v ? l[$"Tier.{v}"] : l["Tier.NotRated"];
        return await TableExport.FileAsync(
            db,
            headers,
            model.Rows.Items.AsQueryable(),
            r => [r.Rank == 0 ? null : r.Rank, r.EmployeeNumber, r.Name, r.District, r.FinalScore, TierName(r.Tier), TierName(r.PreviousTier), l[$"Movement.{r.Movement}"].Value,
                  // Numbers, not text: a spreadsheet sums and sorts them (two decimals, as every screen shows).
                  .. model.Columns.Select(c => (object?)(r.CriterionScores.GetValueOrDefault(c.CycleCriterionId) is { } mean ? ScoreRules.RoundFinalScore(mean) : null)),
                  r.Evidence.Visits, r.Evidence.CustomersCovered, r.Evidence.CustomersAssigned, .. (staff ? new object?[] { r.Flags } : [])],
            format,
            $"{l["Export.ResultsFile"]}-{model.CycleName}-{clock.GetLocalNow():yyyyMMdd}",
            cancellationToken);
    }

    /// <summary>The comprehensive evaluation form of one manager for one cycle; an account manager sees only their own, once published.</summary>
    [HttpGet]
    public async Task<IActionResult> Form(int cycleId, int managerId, CancellationToken cancellationToken)
    {
        var staff = User.IsStaff();
        if (!User.SeesEverything())
        {
            // A panel member the forms of their departments' managers; an account manager their own form and a
            // supervisor their unit's managers', once published.
            var visible = staff || await db.Cycles.AnyAsync(c => c.Id == cycleId && c.Status == CycleStatus.Published, cancellationToken);
            if (!visible || !await db.AccountManagers.VisibleTo(User).AnyAsync(m => m.Id == managerId, cancellationToken))
            {
                return NotFound();
            }
        }

        var model = await queries.FormAsync(cycleId, managerId, showPanelMembers: staff, cancellationToken);
        return model is null || model.Status is CycleStatus.Draft or CycleStatus.Open ? NotFound() : View(model);
    }

    /// <summary>A supervisor's or panel member's managers (the ranking shows only theirs); null for administrators, who see every manager.</summary>
    private async Task<IReadOnlySet<int>?> SupervisedAsync(CancellationToken cancellationToken) =>
        User.SeesPart() ? (await db.AccountManagers.VisibleTo(User).Select(m => m.Id).ToListAsync(cancellationToken)).ToHashSet() : null;

    [HttpGet]
    [Authorize(Policy = Policies.AccountManager)]
    public async Task<IActionResult> Mine(CancellationToken cancellationToken)
    {
        var me = User.AccountManagerIdOf()!.Value;
        var name = await db.AccountManagers.Where(m => m.Id == me).Select(m => m.Name).SingleAsync(cancellationToken);
        return View(new MyResultsModel(name, await queries.HistoryAsync(me, publishedOnly: true, cancellationToken)));
    }
}
