using System.Reflection;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;

namespace CustomerManager.Domain.Tests.Builders;

/// <summary>Builds criteria and opened cycles as the persistence layer would hand them over (with ids).</summary>
internal static class CriterionBuilder
{
    public static readonly PanelRole[] AllRoles = Enum.GetValues<PanelRole>();

    /// <summary>The five default criteria of the domain with the given weights, ids 1..n.</summary>
    public static List<Criterion> Defaults(params decimal[] weights)
    {
        weights = weights.Length == 0 ? [25m, 20m, 20m, 20m, 15m] : weights;
        PanelRole[][] roles =
        [
            [PanelRole.MonopolyLeader],
            [PanelRole.SalesLeader],
            [PanelRole.LogisticsRep, PanelRole.CallCentreRep],
            AllRoles,
            AllRoles,
        ];
        return weights
            .Select((w, i) => WithId(new Criterion($"标准{i + 1}", $"Criterion {i + 1}", w, roles[i % roles.Length], i + 1), i + 1))
            .ToList();
    }

    /// <summary>The member ids the tests score with, each allowed every seat (a real panel member holds one).</summary>
    public static readonly IReadOnlyList<PanelSeat> Panel =
    [
        .. new[] { "user-monopoly", "sales", "a", "b", "m" }.Concat(AllRoles.Select(r => r.ToString()))
            .SelectMany(id => AllRoles.Select(role => new PanelSeat(id, role))),
    ];

    /// <summary>A time on the company's clock (China Standard Time, UTC+8).</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A week into the period of <see cref="DraftCycle"/>.</summary>
    public static readonly DateTimeOffset DuringPeriod = At(2026, 1, 8);

    /// <summary>The first day after the period of <see cref="DraftCycle"/>: it can close.</summary>
    public static readonly DateTimeOffset AfterPeriod = At(2026, 7, 1);

    /// <summary>A draft for the first half of 2026.</summary>
    public static EvaluationCycle DraftCycle(int id = 7) =>
        WithId(EvaluationCycle.Plan("2026 H1", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), EvaluationCalendar.Empty), id);

    public static EvaluationCycle OpenCycle(IEnumerable<Criterion>? criteria = null, TierBounds? bounds = null, int id = 7, IEnumerable<PanelSeat>? panel = null)
    {
        var cycle = DraftCycle(id);
        cycle.Open(criteria ?? Defaults(), bounds ?? TierBounds.Default, panel ?? Panel, DuringPeriod);
        var n = 100;
        foreach (var frozen in cycle.Criteria)
        {
            SetId(frozen, ++n);
        }

        return cycle;
    }

    public static T WithId<T>(T entity, int id)
        where T : Entity
    {
        typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(entity, id);
        return entity;
    }

    private static void SetId(CycleCriterion criterion, int id) =>
        typeof(CycleCriterion).GetProperty(nameof(CycleCriterion.Id), BindingFlags.Public | BindingFlags.Instance)!.SetValue(criterion, id);
}
