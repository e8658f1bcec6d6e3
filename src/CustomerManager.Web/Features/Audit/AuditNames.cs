using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Audit;

/// <summary>The ids and login names one page of the audit log refers to, collected before anything is looked up.</summary>
public sealed class AuditReferences
{
    public HashSet<int> Managers { get; } = [];

    public HashSet<int> Customers { get; } = [];

    public HashSet<int> Cycles { get; } = [];

    public HashSet<int> CycleCriteria { get; } = [];

    public HashSet<int> Criteria { get; } = [];

    public HashSet<int> Brands { get; } = [];

    public HashSet<int> Districts { get; } = [];

    public HashSet<int> Visits { get; } = [];

    public HashSet<int> Reports { get; } = [];

    public HashSet<int> Assignments { get; } = [];

    public HashSet<int> Scores { get; } = [];

    public HashSet<int> Results { get; } = [];

    public HashSet<string> UserIds { get; } = [];

    public HashSet<string> UserNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Notes the record an entry is about, to name it.</summary>
    public void AddRecord(string entityType, string entityId)
    {
        if (entityType == nameof(AppUser))
        {
            UserIds.Add(entityId);
            return;
        }

        if (!int.TryParse(entityId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return;
        }

        var set = entityType switch
        {
            nameof(AccountManager) => Managers,
            nameof(RetailCustomer) => Customers,
            nameof(EvaluationCycle) => Cycles,
            nameof(Criterion) => Criteria,
            nameof(Brand) => Brands,
            nameof(OrgUnit) or AuditVocabulary.FormerDistrict => Districts,
            nameof(Visit) => Visits,
            nameof(VisitReport) => Reports,
            nameof(CustomerAssignment) => Assignments,
            nameof(PanelScore) => Scores,
            nameof(EvaluationResult) => Results,
            _ => null,
        };
        set?.Add(id);
    }

    /// <summary>Notes a value that names another record or a person.</summary>
    public void AddValue(AuditValueKind kind, string value)
    {
        if (kind == AuditValueKind.UserId)
        {
            UserIds.Add(value);
            return;
        }

        if (kind == AuditValueKind.UserName)
        {
            UserNames.Add(value);
            return;
        }

        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return;
        }

        var set = kind switch
        {
            AuditValueKind.Manager => Managers,
            AuditValueKind.Customer => Customers,
            AuditValueKind.Cycle => Cycles,
            AuditValueKind.CycleCriterion => CycleCriteria,
            AuditValueKind.Visit => Visits,
            AuditValueKind.District => Districts,
            _ => null,
        };
        set?.Add(id);
    }
}

public sealed record ManagerName(string Name, string EmployeeNumber);

public sealed record CustomerName(string StoreName, string LicenceNumber);

public sealed record BilingualName(string NameZh, string NameEn);

public sealed record VisitName(int CustomerId, string StoreName, DateTime VisitedAt);

public sealed record ReportName(ReportKind Kind, int VisitId, string StoreName, DateTime VisitedAt);

public sealed record AssignmentName(int CustomerId, string StoreName, string ManagerName);

public sealed record ScoreName(string ManagerName, string CycleName, string CriterionZh, string CriterionEn);

public sealed record ResultName(string ManagerName, string CycleName);

public sealed record PersonName(string Id, string UserName, string DisplayName);

/// <summary>
/// The names of what one page of the audit log refers to: one query per kind of record referred to (never one per
/// row), each by primary key (people by id or by their normalized, indexed login name).
/// </summary>
public sealed class AuditNameBook
{
    private AuditNameBook()
    {
    }

    public IReadOnlyDictionary<int, ManagerName> Managers { get; private init; } = new Dictionary<int, ManagerName>();

    public IReadOnlyDictionary<int, CustomerName> Customers { get; private init; } = new Dictionary<int, CustomerName>();

    public IReadOnlyDictionary<int, string> Cycles { get; private init; } = new Dictionary<int, string>();

    public IReadOnlyDictionary<int, BilingualName> CycleCriteria { get; private init; } = new Dictionary<int, BilingualName>();

    public IReadOnlyDictionary<int, BilingualName> Criteria { get; private init; } = new Dictionary<int, BilingualName>();

    public IReadOnlyDictionary<int, string> Brands { get; private init; } = new Dictionary<int, string>();

    public IReadOnlyDictionary<int, string> Districts { get; private init; } = new Dictionary<int, string>();

    public IReadOnlyDictionary<int, VisitName> Visits { get; private init; } = new Dictionary<int, VisitName>();

    public IReadOnlyDictionary<int, ReportName> Reports { get; private init; } = new Dictionary<int, ReportName>();

    public IReadOnlyDictionary<int, AssignmentName> Assignments { get; private init; } = new Dictionary<int, AssignmentName>();

    public IReadOnlyDictionary<int, ScoreName> Scores { get; private init; } = new Dictionary<int, ScoreName>();

    public IReadOnlyDictionary<int, ResultName> Results { get; private init; } = new Dictionary<int, ResultName>();

    public IReadOnlyDictionary<string, PersonName> PeopleById { get; private init; } = new Dictionary<string, PersonName>();

    public IReadOnlyDictionary<string, PersonName> PeopleByUserName { get; private init; } = new Dictionary<string, PersonName>(StringComparer.OrdinalIgnoreCase);

    public static async Task<AuditNameBook> LookUpAsync(AppDbContext db, AuditReferences wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(wanted);
        var people = await PeopleAsync(db, wanted, cancellationToken);
        return new AuditNameBook
        {
            Managers = await LookUpAsync(wanted.Managers, ids => db.AccountManagers.AsNoTracking().Where(m => ids.Contains(m.Id))
                .Select(m => new { m.Id, Name = new ManagerName(m.Name, m.EmployeeNumber) }), x => x.Id, x => x.Name, cancellationToken),
            Customers = await LookUpAsync(wanted.Customers, ids => db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, Name = new CustomerName(c.StoreName, c.LicenceNumber) }), x => x.Id, x => x.Name, cancellationToken),
            Cycles = await LookUpAsync(wanted.Cycles, ids => db.Cycles.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, c.Name }), x => x.Id, x => x.Name, cancellationToken),
            CycleCriteria = await LookUpAsync(wanted.CycleCriteria, ids => db.CycleCriteria.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, Name = new BilingualName(c.NameZh, c.NameEn) }), x => x.Id, x => x.Name, cancellationToken),
            Criteria = await LookUpAsync(wanted.Criteria, ids => db.Criteria.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, Name = new BilingualName(c.NameZh, c.NameEn) }), x => x.Id, x => x.Name, cancellationToken),
            Brands = await LookUpAsync(wanted.Brands, ids => db.Brands.AsNoTracking().Where(b => ids.Contains(b.Id))
                .Select(b => new { b.Id, b.Name }), x => x.Id, x => x.Name, cancellationToken),
            Districts = await LookUpAsync(wanted.Districts, ids => db.OrgUnits.AsNoTracking().Where(d => ids.Contains(d.Id))
                .Select(d => new { d.Id, d.Name }), x => x.Id, x => x.Name, cancellationToken),
            Visits = await LookUpAsync(wanted.Visits, ids => db.Visits.AsNoTracking().Where(v => ids.Contains(v.Id))
                .Join(db.Customers, v => v.CustomerId, c => c.Id, (v, c) => new { v.Id, Name = new VisitName(c.Id, c.StoreName, v.VisitedAt) }), x => x.Id, x => x.Name, cancellationToken),
            Reports = await LookUpAsync(wanted.Reports, ids => db.VisitReports.AsNoTracking().Where(r => ids.Contains(r.Id))
                .Join(db.Visits, r => r.VisitId, v => v.Id, (r, v) => new { r, v })
                .Join(db.Customers, x => x.v.CustomerId, c => c.Id, (x, c) => new { x.r.Id, Name = new ReportName(x.r.Kind, x.v.Id, c.StoreName, x.v.VisitedAt) }), x => x.Id, x => x.Name, cancellationToken),
            Assignments = await LookUpAsync(wanted.Assignments, ids => db.CustomerAssignments.AsNoTracking().Where(a => ids.Contains(a.Id))
                .Join(db.Customers, a => a.CustomerId, c => c.Id, (a, c) => new { a, c })
                .Join(db.AccountManagers, x => x.a.AccountManagerId, m => m.Id, (x, m) => new { x.a.Id, Name = new AssignmentName(x.c.Id, x.c.StoreName, m.Name) }), x => x.Id, x => x.Name, cancellationToken),
            Scores = await LookUpAsync(wanted.Scores, ids => db.PanelScores.AsNoTracking().Where(s => ids.Contains(s.Id))
                .Join(db.AccountManagers, s => s.AccountManagerId, m => m.Id, (s, m) => new { s, m })
                .Join(db.Cycles, x => x.s.CycleId, c => c.Id, (x, c) => new { x.s, x.m, c })
                .Join(db.CycleCriteria, x => x.s.CycleCriterionId, k => k.Id, (x, k) => new { x.s.Id, Name = new ScoreName(x.m.Name, x.c.Name, k.NameZh, k.NameEn) }), x => x.Id, x => x.Name, cancellationToken),
            Results = await LookUpAsync(wanted.Results, ids => db.Results.AsNoTracking().Where(r => ids.Contains(r.Id))
                .Join(db.AccountManagers, r => r.AccountManagerId, m => m.Id, (r, m) => new { r, m })
                .Join(db.Cycles, x => x.r.CycleId, c => c.Id, (x, c) => new { x.r.Id, Name = new ResultName(x.m.Name, c.Name) }), x => x.Id, x => x.Name, cancellationToken),
            PeopleById = people.ToDictionary(p => p.Id),
            PeopleByUserName = people.ToDictionary(p => p.UserName, StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>The display name of a login name, or the login name itself when no such user exists (any more).</summary>
    public string DisplayNameOf(string userName) => PeopleByUserName.TryGetValue(userName, out var person) ? person.DisplayName : userName;

    private static async Task<List<PersonName>> PeopleAsync(AppDbContext db, AuditReferences wanted, CancellationToken cancellationToken)
    {
        if (wanted.UserIds.Count == 0 && wanted.UserNames.Count == 0)
        {
            return [];
        }

        // Identity keeps login names upper-cased in an indexed column; user names are ASCII (letters, digits, -._@+).
        var ids = wanted.UserIds.ToList();
        var normalized = wanted.UserNames.Select(n => n.ToUpperInvariant()).ToList();
        return await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) || normalized.Contains(u.NormalizedUserName!))
            .Select(u => new PersonName(u.Id, u.UserName!, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    private static async Task<IReadOnlyDictionary<int, TName>> LookUpAsync<TRow, TName>(
        HashSet<int> wanted, Func<List<int>, IQueryable<TRow>> query, Func<TRow, int> id, Func<TRow, TName> name, CancellationToken cancellationToken)
    {
        if (wanted.Count == 0)
        {
            return new Dictionary<int, TName>();
        }

        var rows = await query([.. wanted]).ToListAsync(cancellationToken);
        return rows.ToDictionary(id, name);
    }
}
