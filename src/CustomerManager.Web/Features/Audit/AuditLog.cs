using System.Globalization;
using System.Text.Json;
using CustomerManager.Domain.Auditing;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Audit;

public sealed class AuditLogFilter
{
    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>Who made the change: a person's name or login name.</summary>
    public string? UserName { get; set; }

    /// <summary>First local day shown.</summary>
    public DateOnly? From { get; set; }

    /// <summary>Last local day shown.</summary>
    public DateOnly? To { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

/// <summary>A value as people read it, with what an administrator may want beside it (a login name, an employee number).</summary>
public sealed record AuditValue(string Text, string? Hint = null);

/// <summary>One property of a change: its label, old and new values (null: none).</summary>
public sealed record AuditChange(string Property, string Label, AuditValue? OldValue, AuditValue? NewValue);

/// <summary>The record a change is about: its type, its name (when it can be told) and where it is shown.</summary>
public sealed record AuditRecord(string EntityType, string TypeLabel, string EntityId, string? Name, string? Hint, string? LinkController, string? LinkAction, string? LinkId);

/// <summary>Who: the login name (null for the system) and the person's name.</summary>
public sealed record AuditActor(string? UserName, string? DisplayName);

public sealed record AuditRow(long Id, DateTime AtUtc, AuditActor User, AuditRecord Record, string Action, IReadOnlyList<AuditChange> Changes);

public sealed record AuditTypeOption(string EntityType, string Label);

public sealed record AuditLogModel(AuditLogFilter Filter, PagedList<AuditRow> Page, IReadOnlyList<AuditTypeOption> EntityTypes);

/// <summary>
/// The audit trail, newest first, filtered and paged in SQL. The page's entries are read in one query (after the
/// count); the people and records they name are then looked up with one query per kind of record, and every
/// value is put in words: localized labels, people's and records' names, local times.
/// </summary>
public sealed class AuditLogQuery(AppDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public const int DefaultPageSize = 50;

    public async Task<AuditLogModel> RunAsync(AuditLogFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            entries = entries.Where(a => a.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            var id = filter.EntityId.Trim();
            entries = entries.Where(a => a.EntityId == id);
        }

        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            // A person's name or a login name (also of a user who no longer exists).
            var who = filter.UserName.Trim();
            var normalized = who.ToUpperInvariant();
            var logins = await db.Users.AsNoTracking()
                .Where(u => u.DisplayName == who || u.NormalizedUserName == normalized)
                .Select(u => u.UserName!)
                .ToListAsync(cancellationToken);
            logins.Add(who);
            entries = entries.Where(a => logins.Contains(a.UserName!));
        }

        // The filter's days are the company's local days.
        if (filter.From is { } from)
        {
            var start = UtcStartOf(from);
            entries = entries.Where(a => a.AtUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = UtcStartOf(to.AddDays(1));
            entries = entries.Where(a => a.AtUtc < end);
        }

        // Millions of entries: counted to 10,000 and paged on their ids (decision 013).
        var page = await entries.ToBoundedPagedListAsync(
            e => e.OrderByDescending(a => a.Id).Select(a => a.Id),
            ids => db.AuditEntries.AsNoTracking().Where(a => ids.Contains(a.Id)),
            a => a.Id,
            filter.Page,
            filter.PageSize ?? DefaultPageSize,
            cancellationToken);
        var parsed = page.Items.Select(ParsedEntry.Of).ToList();
        var wanted = new AuditReferences();
        foreach (var entry in parsed)
        {
            entry.Collect(wanted);
        }

        var names = await AuditNameBook.LookUpAsync(db, wanted, cancellationToken);
        var words = new AuditWords(l, clock, names);
        var rows = parsed.Select(words.Row).ToList();
        var types = AuditVocabulary.EntityTypes
            .Select(t => new AuditTypeOption(t, l[$"Entity.{t}"]))
            .OrderBy(t => t.Label, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))
            .ToList();
        return new AuditLogModel(filter, new PagedList<AuditRow>(rows, page.Page, page.PageSize, page.TotalCount), types);
    }

    private DateTime UtcStartOf(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), clock.LocalTimeZone);
}

/// <summary>An audit entry with its JSON values read.</summary>
public sealed record ParsedEntry(AuditEntry Entry, IReadOnlyDictionary<string, JsonElement> Old, IReadOnlyDictionary<string, JsonElement> New)
{
    public static ParsedEntry Of(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new ParsedEntry(entry, Parse(entry.OldValues), Parse(entry.NewValues));
    }

    /// <summary>A value of the record as the entry saw it: the new one, else the old one.</summary>
    public JsonElement? Value(string property) =>
        New.TryGetValue(property, out var value) || Old.TryGetValue(property, out value) ? value : null;

    public void Collect(AuditReferences wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        wanted.AddRecord(Entry.EntityType, Entry.EntityId);
        if (Entry.UserName is { } user)
        {
            wanted.AddValue(AuditValueKind.UserName, user);
        }

        foreach (var (property, value) in Old.Concat(New))
        {
            if (AuditVocabulary.Find(Entry.EntityType, property) is { } field && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                wanted.AddValue(field.Kind, value.ToString());
            }
        }
    }

    private static Dictionary<string, JsonElement> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }
}
