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

    public static EvaluationCycle OpenCycle(IEnumerable<Criterion>? criteria = null, TierBounds? bounds = null, int id = 7, IEnumerable<PanelSeat>? panel = null)
    {
        var cycle = WithId(new EvaluationCycle("2026 H1", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)), id);
        cycle.Open(criteria ?? Defaults(), bounds ?? TierBounds.Default, panel ?? Panel, new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc));
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
