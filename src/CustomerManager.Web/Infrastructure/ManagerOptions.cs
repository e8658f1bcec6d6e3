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

    /// <summary>The managed list of districts, for filters and the manager form.</summary>
    public static Task<List<string>> DistrictsAsync(this AppDbContext db, CancellationToken cancellationToken) =>
        db.Districts.AsNoTracking().OrderBy(d => d.NameSortKey).Select(d => d.Name).ToListAsync(cancellationToken);
}
