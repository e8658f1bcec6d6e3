using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Organisation;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Units;

/// <summary>One unit in the tree's order, with its depth (0: the company) and the managers placed in it or below.</summary>
public sealed record UnitNode(int Id, string Code, string Name, string? NameEn, UnitKind Kind, int? ParentId, bool IsActive, int Depth, int Version)
{
    /// <summary>The name in the request's language.</summary>
    public string Shown => OrgUnit.NameIn(Name, NameEn, english: !Cultures.IsChinese);

    /// <summary>The name indented by the unit's depth, for a drop-down list.</summary>
    public string Indented => new string('\u3000', Depth) + Shown;
}

/// <summary>
/// The organisation tree read at once (a company has tens of units, a province about seventy): each unit
/// followed by the units below it, by name. Lists filter on a unit by the districts in its subtree.
/// </summary>
public static class OrgUnitTree
{
    public static async Task<List<UnitNode>> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var units = await db.OrgUnits.AsNoTracking()
            .OrderBy(u => u.NameSortKey)
            .Select(u => new { u.Id, u.Code, u.Name, u.NameEn, u.Kind, u.ParentId, u.IsActive, u.Version })
            .ToListAsync(cancellationToken);
        var below = units.ToLookup(u => u.ParentId);
        var ids = units.Select(u => u.Id).ToHashSet();
        var tree = new List<UnitNode>(units.Count);
        void Walk(int? parent, int depth)
        {
            foreach (var u in below[parent])
            {
                tree.Add(new UnitNode(u.Id, u.Code, u.Name, u.NameEn, u.Kind, u.ParentId, u.IsActive, depth, u.Version));
                Walk(u.Id, depth + 1);
            }
        }

        // Roots: the company, and (never in a kept tree, but shown rather than lost) a unit whose parent is gone.
        foreach (var root in units.Where(u => u.ParentId is null || !ids.Contains(u.ParentId.Value)).Select(u => u.ParentId).Distinct())
        {
            Walk(root, 0);
        }

        return tree;
    }

    /// <summary>The unit and every unit below it.</summary>
    public static List<UnitNode> Subtree(IReadOnlyList<UnitNode> tree, int unitId)
    {
        var at = 0;
        while (at < tree.Count && tree[at].Id != unitId)
        {
            at++;
        }

        if (at == tree.Count)
        {
            return [];
        }

        var subtree = new List<UnitNode> { tree[at] };
        for (var i = at + 1; i < tree.Count && tree[i].Depth > tree[at].Depth; i++)
        {
            subtree.Add(tree[i]);
        }

        return subtree;
    }

    /// <summary>
    /// The managers placed in the unit named (or coded) <paramref name="nameOrCode"/> or below it: a district's own, a
    /// department's districts', the company's all. Units are three levels deep at most (the domain's rule), so the
    /// test is three joins on a table of tens of rows; an unknown unit matches no one.
    /// </summary>
    public static IQueryable<AccountManager> InUnit(this IQueryable<AccountManager> managers, string nameOrCode)
    {
        var key = nameOrCode.Trim();
        return managers.Where(m => m.District.Name == key || m.District.Code == key
            || m.District.Parent!.Name == key || m.District.Parent!.Code == key
            || m.District.Parent!.Parent!.Name == key || m.District.Parent!.Parent!.Code == key);
    }

    /// <summary>
    /// The units a list may be filtered on: the active ones, and the one chosen even if retired since; for a supervisor
    /// (<paramref name="within"/>), their unit and the units below it.
    /// </summary>
    public static async Task<List<UnitNode>> FilterOptionsAsync(AppDbContext db, string? chosen, int? within, CancellationToken cancellationToken) =>
        FilterOptions(await LoadAsync(db, cancellationToken), chosen, within);

    /// <inheritdoc cref="FilterOptionsAsync"/>
    public static List<UnitNode> FilterOptions(IReadOnlyList<UnitNode> tree, string? chosen, int? within)
    {
        var offered = within is { } unit ? Subtree(tree, unit) : [.. tree];
        var top = offered.Count == 0 ? 0 : offered[0].Depth;
        return [.. offered.Where(u => u.IsActive || u.Name == chosen).Select(u => u with { Depth = u.Depth - top })];
    }

    /// <summary>The unit a list's filter names, by its name or its code (as <see cref="InUnit"/> matches them); null for none.</summary>
    public static UnitNode? Find(IReadOnlyList<UnitNode> tree, string nameOrCode)
    {
        var key = nameOrCode.Trim();
        return tree.FirstOrDefault(u => u.Name == key) ?? tree.FirstOrDefault(u => u.Code == key);
    }
}
