using System.Text.Json;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Audit;

public sealed class AuditLogFilter
{
    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    public string? UserName { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

public sealed record AuditChange(string Property, string? OldValue, string? NewValue);

public sealed record AuditRow(long Id, DateTime AtUtc, string? UserName, string EntityType, string EntityId, string Action, IReadOnlyList<AuditChange> Changes);

public sealed record AuditLogModel(AuditLogFilter Filter, PagedList<AuditRow> Page, IReadOnlyList<string> EntityTypes);

/// <summary>The audit trail, newest first, filtered and paged in SQL; the JSON values are unfolded per property.</summary>
public sealed class AuditLogQuery(AppDbContext db)
{
    public async Task<AuditLogModel> RunAsync(AuditLogFilter filter, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            entries = entries.Where(a => a.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            entries = entries.Where(a => a.EntityId == filter.EntityId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            entries = entries.Where(a => a.UserName == filter.UserName.Trim());
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(a => a.AtUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(a => a.AtUtc < end);
        }

        var page = await entries.OrderByDescending(a => a.Id).ToPagedListAsync(filter.Page, filter.PageSize ?? 50, cancellationToken);
        var rows = page.Items.Select(a => new AuditRow(a.Id, a.AtUtc, a.UserName, a.EntityType, a.EntityId, a.Action, Changes(a.OldValues, a.NewValues))).ToList();
        var types = await db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        return new AuditLogModel(filter, new PagedList<AuditRow>(rows, page.Page, page.PageSize, page.TotalCount), types);
    }

    private static List<AuditChange> Changes(string? oldJson, string? newJson)
    {
        var before = Parse(oldJson);
        var after = Parse(newJson);
        return before.Keys.Union(after.Keys)
            .Select(k => new AuditChange(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .ToList();
    }

    private static Dictionary<string, string?> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => p.Value.GetString(),
                _ => p.Value.GetRawText(),
            });
    }
}
