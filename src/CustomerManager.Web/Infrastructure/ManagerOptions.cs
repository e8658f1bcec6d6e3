using CustomerManager.Domain.AccountManagers;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Infrastructure;

/// <summary>An account manager as a choice in a drop-down.</summary>
public sealed record ManagerOption(int Id, string EmployeeNumber, string Name, string District)
{
    public string Label => $"{Name} ({EmployeeNumber}, {District})";
}

public static class ManagerOptions
{
    /// <summary>Active managers by district and name, for assignment and filter drop-downs.</summary>
    public static Task<List<ManagerOption>> ActiveManagerOptionsAsync(this AppDbContext db, CancellationToken cancellationToken, int? except = null) =>
        db.AccountManagers.AsNoTracking()
            .Where(m => m.IsActive && m.Id != except)
            .OrderBy(m => m.District.NameSortKey).ThenBy(m => m.NameSortKey)
            .Select(m => new ManagerOption(m.Id, m.EmployeeNumber, m.Name, m.District.Name))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Managers as a user types them into a filter or a picker: the start of the employee number (as typed or in capitals) or part of
    /// the name. A province has 2,000 managers: pages offer this box with suggestions, never a 2,000-line list.
    /// </summary>
    public static IQueryable<AccountManager> Matching(this IQueryable<AccountManager> managers, string text)
    {
        var typed = text.Trim();
        var number = typed.ToUpperInvariant();
        return managers.Where(m => m.EmployeeNumber.StartsWith(typed) || m.EmployeeNumber.StartsWith(number) || m.Name.Contains(typed));
    }

    /// <summary>Suggestions for a manager box: the first <paramref name="count"/> active managers matching what was typed, by name.</summary>
    public static Task<List<ManagerOption>> ManagerSuggestionsAsync(this AppDbContext db, string? text, int count, CancellationToken cancellationToken) =>
        (string.IsNullOrWhiteSpace(text) ? db.AccountManagers.AsNoTracking() : db.AccountManagers.AsNoTracking().Matching(text))
            .Where(m => m.IsActive)
            .OrderBy(m => m.NameSortKey).ThenBy(m => m.EmployeeNumber)
            .Take(count)
            .Select(m => new ManagerOption(m.Id, m.EmployeeNumber, m.Name, m.District.Name))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// What a manager box shows for a list reached by a manager's link (<c>?managerId=</c>): their employee number,
    /// unless the user typed something; null for another role's list.
    /// </summary>
    public static async Task<string?> ManagerBoxTextAsync(this AppDbContext db, int? managerId, string? typed, bool seesAll, CancellationToken cancellationToken) =>
        seesAll && managerId is { } id && string.IsNullOrWhiteSpace(typed)
            ? await db.AccountManagers.AsNoTracking().Where(m => m.Id == id).Select(m => m.EmployeeNumber).SingleOrDefaultAsync(cancellationToken)
            : typed;

    /// <summary>The managed list of districts, for filters and the manager form.</summary>
    public static Task<List<string>> DistrictsAsync(this AppDbContext db, CancellationToken cancellationToken) =>
        db.Districts.AsNoTracking().OrderBy(d => d.NameSortKey).Select(d => d.Name).ToListAsync(cancellationToken);
}
