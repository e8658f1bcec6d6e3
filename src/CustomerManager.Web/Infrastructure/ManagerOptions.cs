using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Organisation;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Infrastructure;

/// <summary>An account manager as a choice in a drop-down.</summary>
public sealed record ManagerOption(int Id, string EmployeeNumber, string Name, string District)
{
    public string Label => $"{Name} ({EmployeeNumber}, {District})";
}

/// <summary>
/// A form's choice of one manager (<c>_ManagerPicker</c>): a drop-down of <see cref="Options"/> when the company is
/// small, otherwise (no options) a box where one types an employee number or a name, with suggestions, posted as
/// <see cref="TextField"/> and resolved by <see cref="ManagerOptions.ManagerIdFromTextAsync"/>.
/// </summary>
/// <param name="Field">The id's field (the drop-down's name, and the key of its errors).</param>
/// <param name="TextField">The typed box's field.</param>
/// <param name="EmptyLabel">The drop-down's first line (no manager chosen).</param>
/// <param name="Options">The managers to choose from, or null for the typed box.</param>
/// <param name="SelectedId">The manager chosen so far.</param>
/// <param name="Text">What the box shows: as typed, or the chosen manager's employee number.</param>
/// <param name="Except">A manager not to suggest (the customers' current one).</param>
/// <param name="WithoutLogin">Suggest only managers who have no login yet (a new login's manager record).</param>
public sealed record ManagerPicker(string Field, string TextField, string EmptyLabel, IReadOnlyList<ManagerOption>? Options, int? SelectedId, string? Text, int? Except, bool WithoutLogin = false);

public static class ManagerOptions
{
    /// <summary>Up to this many managers to choose from, a form offers a drop-down; beyond, a typed box with suggestions.</summary>
    public const int DropDownUpTo = 100;

    /// <summary>
    /// A form's manager picker: a drop-down of the <paramref name="candidates"/> when there are at most
    /// <see cref="DropDownUpTo"/> of them, otherwise a typed box showing <paramref name="text"/> (or the chosen one's employee number).
    /// </summary>
    public static async Task<ManagerPicker> ManagerPickerAsync(
        this AppDbContext db, IQueryable<AccountManager> candidates, string field, string textField, string emptyLabel, int? selectedId, string? text, int? except, CancellationToken cancellationToken, bool withoutLogin = false)
    {
        var options = await candidates.AsNoTracking()
            .OrderBy(m => m.District.NameSortKey).ThenBy(m => m.NameSortKey)
            .Take(DropDownUpTo + 1)
            .Select(m => new ManagerOption(m.Id, m.EmployeeNumber, m.Name, m.District.Name))
            .ToListAsync(cancellationToken);
        if (options.Count <= DropDownUpTo)
        {
            return new ManagerPicker(field, textField, emptyLabel, options, selectedId, text, except, withoutLogin);
        }

        if (string.IsNullOrWhiteSpace(text) && selectedId is { } id)
        {
            text = await db.AccountManagers.AsNoTracking().Where(m => m.Id == id).Select(m => m.EmployeeNumber).SingleOrDefaultAsync(cancellationToken);
        }

        return new ManagerPicker(field, textField, emptyLabel, null, selectedId, text, except, withoutLogin);
    }

    /// <summary>The refusal of a picker's box that names no single active manager, quoting what was typed (at most 50 characters of it).</summary>
    public static string NotFoundMessage(IStringLocalizer l, string typed)
    {
        ArgumentNullException.ThrowIfNull(l);
        var text = typed.Trim();
        return l["Manager.NotFound", text.Length > 50 ? text[..50] + "…" : text];
    }

    /// <summary>
    /// The active manager a picker's box names: by employee number (as typed or in capitals), else by a name only one
    /// active manager has. Null when nothing is typed or nobody (or more than one) matches.
    /// </summary>
    public static async Task<int?> ManagerIdFromTextAsync(this AppDbContext db, string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var typed = text.Trim();
        var number = typed.ToUpperInvariant();
        var active = db.AccountManagers.AsNoTracking().Where(m => m.IsActive);
        var byNumber = await active.Where(m => m.EmployeeNumber == typed || m.EmployeeNumber == number).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (byNumber is not null)
        {
            return byNumber;
        }

        var byName = await active.Where(m => m.Name == typed).Select(m => m.Id).Take(2).ToListAsync(cancellationToken);
        return byName is [var only] ? only : null;
    }

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

    /// <summary>
    /// Suggestions for a manager box: the first <paramref name="count"/> active managers matching what was typed (never
    /// <paramref name="except"/>; with <paramref name="withoutLogin"/>, only those with no login yet), in employee-number
    /// order when what was typed is letters and digits (the start of a number), else by name; only among
    /// <paramref name="within"/> (the managers the user may see, <see cref="Security.DataScope"/>) when given.
    /// </summary>
    public static Task<List<ManagerOption>> ManagerSuggestionsAsync(
        this AppDbContext db, string? text, int count, CancellationToken cancellationToken, int? except = null, bool withoutLogin = false, IQueryable<AccountManager>? within = null)
    {
        var all = (within ?? db.AccountManagers).AsNoTracking();
        var managers = (string.IsNullOrWhiteSpace(text) ? all : all.Matching(text))
            .Where(m => m.IsActive && m.Id != except);
        if (withoutLogin)
        {
            managers = managers.Where(m => !db.Users.Any(u => u.AccountManagerId == m.Id));
        }

        var ordered = !string.IsNullOrWhiteSpace(text) && text.Trim().All(char.IsAsciiLetterOrDigit)
            ? managers.OrderBy(m => m.EmployeeNumber)
            : managers.OrderBy(m => m.NameSortKey).ThenBy(m => m.EmployeeNumber);
        return ordered.Take(count)
            .Select(m => new ManagerOption(m.Id, m.EmployeeNumber, m.Name, m.District.Name))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// What a manager box shows for a list reached by a manager's link (<c>?managerId=</c>): their employee number when
    /// they are among <paramref name="visible"/> (the user's scope), unless the user typed something; null for a list
    /// without the box.
    /// </summary>
    public static async Task<string?> ManagerBoxTextAsync(this IQueryable<AccountManager>? visible, int? managerId, string? typed, CancellationToken cancellationToken) =>
        visible is not null && managerId is { } id && string.IsNullOrWhiteSpace(typed)
            ? await visible.AsNoTracking().Where(m => m.Id == id).Select(m => m.EmployeeNumber).SingleOrDefaultAsync(cancellationToken)
            : typed;

    /// <summary>The active districts a manager may be placed in, for the manager form.</summary>
    public static Task<List<string>> DistrictsAsync(this AppDbContext db, CancellationToken cancellationToken) =>
        db.OrgUnits.AsNoTracking().Where(u => u.Kind == UnitKind.District && u.IsActive).OrderBy(u => u.NameSortKey).Select(u => u.Name).ToListAsync(cancellationToken);
}
