using System.Security.Claims;
using CustomerManager.Domain.Customers;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Features.Units;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Customers;

/// <summary>The filters, sort and page of the customer list, bound from the query string.</summary>
public sealed class CustomerListFilter
{
    /// <summary>Words to find in the store name, owner, address, licence or phone number.</summary>
    public string? Q { get; set; }

    /// <summary>One manager, from a link (a manager's page).</summary>
    public int? ManagerId { get; set; }

    /// <summary>Managers as typed in the filter: an employee number or part of a name.</summary>
    public string? Manager { get; set; }

    /// <summary>True: customers with no current manager.</summary>
    public bool Unassigned { get; set; }

    public string? District { get; set; }

    public BusinessType? BusinessType { get; set; }

    public CustomerStatus? Status { get; set; }

    /// <summary>True: market information collection points only.</summary>
    public bool CollectionPoints { get; set; }

    public string? Sort { get; set; }

    public bool Desc { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }

    /// <summary>Whether anything narrows the list (an empty list then says "nothing matches", not "no customers yet").</summary>
    public bool IsNarrowed =>
        !string.IsNullOrWhiteSpace(Q) || ManagerId is not null || !string.IsNullOrWhiteSpace(Manager) || Unassigned || !string.IsNullOrWhiteSpace(District) || BusinessType is not null || Status is not null || CollectionPoints;
}

public sealed record CustomerRow(
    int Id, string LicenceNumber, string StoreName, string Owner, string? Phone, string Address,
    BusinessType BusinessType, CustomerStatus Status, int? ManagerId, string? ManagerEmployeeNumber, string? ManagerName, string? District,
    VisitFrequency? Frequency = null, DayOfWeek? RouteDay = null, int RouteWeek = 1, int? RouteSequence = null, bool IsCollectionPoint = false);

public sealed record CustomerListModel(CustomerListFilter Filter, PagedList<CustomerRow> Page, IReadOnlyList<UnitNode> Units);

/// <summary>
/// The customer list: searched, filtered, sorted and paged in SQL on indexed columns, narrowed to what the
/// user may see. The same filtered query feeds the export.
/// </summary>
public sealed class CustomerListQuery(AppDbContext db)
{
    /// <summary>The whole filtered list, in order, for the export.</summary>
    public IQueryable<CustomerRow> Rows(CustomerListFilter filter, ClaimsPrincipal user) => WithManagers(Ordered(Filtered(filter, user), filter));

    /// <summary>
    /// The customers the filters keep, on the customers alone: a district or a manager typed by name narrows
    /// to their managers' ids, so that counting and paging need no join.
    /// </summary>
    private IQueryable<RetailCustomer> Filtered(CustomerListFilter filter, ClaimsPrincipal user, bool walkOrder = false)
    {
        if (!user.SeesManyManagers())
        {
            // An account manager's list is their own customers: filters by manager or district do not apply.
            filter.ManagerId = null;
            filter.Manager = null;
            filter.District = null;
            filter.Unassigned = false;
        }

        if (!user.SeesEverything())
        {
            // Customers without a manager belong to no unit: only staff see them.
            filter.Unassigned = false;
        }

        var customers = db.Customers.AsNoTracking().VisibleTo(user, db.AccountManagers);
        var words = SearchWords(filter.Q);
        if (FullTextMatch(words) is { } match)
        {
            // The words of three characters or more, all at once, from the trigram index (decision 015). Walking
            // the list's order and keeping the ids found (id + 0: not a rowid look-up) beats looking each up and
            // sorting them when they are many.
            var found = FullText(match);
            customers = walkOrder ? customers.Where(c => found.Contains(c.Id + 0)) : customers.Where(c => found.Contains(c.Id));
        }

        foreach (var word in words.Where(w => !IsFullTextWord(w)))
        {
            customers = Matching(customers, word);
        }

        if (filter.Unassigned)
        {
            customers = customers.Where(c => c.CurrentManagerId == null);
        }
        else if (filter.ManagerId is { } managerId)
        {
            customers = customers.Where(c => c.CurrentManagerId == managerId);
        }
        else if (!string.IsNullOrWhiteSpace(filter.Manager))
        {
            var managers = db.AccountManagers.Matching(filter.Manager).Select(m => (int?)m.Id);
            customers = customers.Where(c => managers.Contains(c.CurrentManagerId));
        }

        if (!string.IsNullOrWhiteSpace(filter.District))
        {
            var inDistrict = db.AccountManagers.InUnit(filter.District).Select(m => (int?)m.Id);
            customers = customers.Where(c => inDistrict.Contains(c.CurrentManagerId));
        }

        if (filter.BusinessType is { } type)
        {
            customers = customers.Where(c => c.BusinessType == type);
        }

        if (filter.Status is { } status)
        {
            customers = customers.Where(c => c.Status == status);
        }

        if (filter.CollectionPoints)
        {
            customers = customers.Where(c => c.IsCollectionPoint);
        }

        return customers;
    }

    private IQueryable<RetailCustomer> Ordered(IQueryable<RetailCustomer> customers, CustomerListFilter filter) =>
        (filter.Sort, filter.Desc) switch
        {
            ("store", false) => customers.OrderBy(c => c.StoreNameSortKey).ThenBy(c => c.LicenceNumber),
            ("store", true) => customers.OrderByDescending(c => c.StoreNameSortKey).ThenBy(c => c.LicenceNumber),
            ("owner", false) => customers.OrderBy(c => c.OwnerSortKey).ThenBy(c => c.LicenceNumber),
            ("owner", true) => customers.OrderByDescending(c => c.OwnerSortKey).ThenBy(c => c.LicenceNumber),
            ("manager", false) => customers.OrderBy(c => db.AccountManagers.Where(m => m.Id == c.CurrentManagerId).Select(m => m.NameSortKey).FirstOrDefault())
                .ThenBy(c => c.StoreNameSortKey),
            ("manager", true) => customers.OrderByDescending(c => db.AccountManagers.Where(m => m.Id == c.CurrentManagerId).Select(m => m.NameSortKey).FirstOrDefault())
                .ThenBy(c => c.StoreNameSortKey),
            ("status", false) => customers.OrderBy(c => c.Status).ThenBy(c => c.LicenceNumber),
            ("status", true) => customers.OrderByDescending(c => c.Status).ThenBy(c => c.LicenceNumber),
            (_, true) => customers.OrderByDescending(c => c.LicenceNumber),
            _ => customers.OrderBy(c => c.LicenceNumber),
        };

    private IQueryable<CustomerRow> WithManagers(IQueryable<RetailCustomer> customers) =>
        from c in customers
        join m in db.AccountManagers on c.CurrentManagerId equals m.Id into managers
        from m in managers.DefaultIfEmpty()
        select new CustomerRow(
            c.Id, c.LicenceNumber, c.StoreName, c.Owner, c.Phone, c.Address, c.BusinessType, c.Status,
            c.CurrentManagerId, m == null ? null : m.EmployeeNumber, m == null ? null : m.Name, m == null ? null : m.District.Name,
            c.Frequency, c.RouteDay, c.RouteWeek, c.RouteSequence, c.IsCollectionPoint);

    /// <summary>From this many customers found, a page of a full-text search walks the licence order rather than sorting what was found.</summary>
    private const int WalkFrom = 1_000;

    private static bool NarrowedBeyondWords(CustomerListFilter filter) =>
        filter.ManagerId is not null || !string.IsNullOrWhiteSpace(filter.Manager) || filter.Unassigned || !string.IsNullOrWhiteSpace(filter.District) || filter.BusinessType is not null || filter.Status is not null || filter.CollectionPoints;

    /// <summary>The words of a search, each of which a customer must match (at most five).</summary>
    public static IReadOnlyList<string> SearchWords(string? q) =>
        string.IsNullOrWhiteSpace(q) ? [] : [.. q.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Take(5)];

    /// <summary>
    /// One word of a search. Digits only: the start of a licence or phone number, which the indexes answer
    /// (SQLite's LIKE ignores case and so cannot use an index: there the prefix becomes a range [q, next(q)) in
    /// binary order). Anything else: part of the store's name, the owner's name or the address, in any script,
    /// Latin letters in any case (a licence number is 12 digits). On SQLite a word of three characters or more
    /// is looked up in the trigram index; a shorter one is matched by a scan.
    /// </summary>
    private IQueryable<RetailCustomer> Matching(IQueryable<RetailCustomer> customers, string word)
    {
        if (word.All(char.IsAsciiDigit))
        {
            if (db.Database.IsSqlite())
            {
                var end = NextPrefix(word);
                return customers.Where(c =>
                    (string.Compare(c.LicenceNumber, word) >= 0 && string.Compare(c.LicenceNumber, end) < 0)
                    || (c.Phone != null && string.Compare(c.Phone, word) >= 0 && string.Compare(c.Phone, end) < 0));
            }

            return customers.Where(c => c.LicenceNumber.StartsWith(word) || (c.Phone != null && c.Phone.StartsWith(word)));
        }

        // LIKE ignores the case of Latin letters on SQLite and under SQL Server's usual collations; PostgreSQL's does
        // not, and ILIKE is its case-blind LIKE.
        var pattern = "%" + EscapeLike(word) + "%";
        return db.Database.IsNpgsql()
            ? customers.Where(c =>
                EF.Functions.ILike(c.StoreName, pattern, LikeEscape) || EF.Functions.ILike(c.Owner, pattern, LikeEscape) || EF.Functions.ILike(c.Address, pattern, LikeEscape))
            : customers.Where(c =>
                EF.Functions.Like(c.StoreName, pattern, LikeEscape) || EF.Functions.Like(c.Owner, pattern, LikeEscape) || EF.Functions.Like(c.Address, pattern, LikeEscape));
    }

    /// <summary>
    /// A word the trigram index answers (SQLite): three characters or more, not only digits (those are the start of a
    /// licence or phone number). Shorter ones cannot be split into trigrams and are matched with LIKE.
    /// </summary>
    private bool IsFullTextWord(string word) => db.Database.IsSqlite() && !word.All(char.IsAsciiDigit) && word.EnumerateRunes().Count() >= 3;

    /// <summary>The trigram index's query for the search's full-text words, each a phrase (quotes doubled: OR, * or NEAR typed are text), all required.</summary>
    private string? FullTextMatch(IReadOnlyList<string> words)
    {
        var phrases = words.Where(IsFullTextWord).Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").ToList();
        return phrases.Count == 0 ? null : string.Join(" AND ", phrases);
    }

    /// <summary>The ids of the customers with every phrase of <paramref name="match"/> in their store name, owner or address.</summary>
    private IQueryable<int> FullText(string match) =>
        db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM CustomerSearch WHERE CustomerSearch MATCH {match}");

    private const string LikeEscape = "\\";

    private static string EscapeLike(string word) =>
        word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>The smallest string after every string that starts with <paramref name="prefix"/> (ASCII letters and digits).</summary>
    private static string NextPrefix(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    /// <summary>
    /// One page: the filtered customers' ids are counted (up to <see cref="PagingExtensions.CountLimit"/>) and
    /// paged on their own index, however deep the page; only the page's rows are joined to their managers.
    /// </summary>
    public async Task<CustomerListModel> RunAsync(CustomerListFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // A search of full-text words alone over every customer (the administrator's usual search) is counted from
        // the trigram index alone; when it finds many, the page walks the licence order instead of sorting them all.
        var seesAll = user.SeesEverything();
        var words = SearchWords(filter.Q);
        Func<int, CancellationToken, Task<int>>? countUpTo = null;
        var walkOrder = false;
        if (seesAll && words.Count > 0 && words.All(IsFullTextWord) && FullTextMatch(words) is { } match && !NarrowedBeyondWords(filter))
        {
            var found = FullText(match);
            countUpTo = (limit, ct) => found.Take(limit).CountAsync(ct);
            walkOrder = filter.Sort is null && await countUpTo(WalkFrom, cancellationToken) >= WalkFrom;
        }

        var page = await Filtered(filter, user, walkOrder).ToBoundedPagedListAsync(
            c => Ordered(c, filter).Select(x => x.Id),
            ids => WithManagers(db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))),
            r => r.Id,
            filter.Page,
            filter.PageSize,
            cancellationToken,
            countUpTo: countUpTo);
        var many = user.SeesManyManagers();
        filter.Manager = await (many ? db.AccountManagers.VisibleTo(user) : null).ManagerBoxTextAsync(filter.ManagerId, filter.Manager, cancellationToken);

        var units = many ? await OrgUnitTree.FilterOptionsAsync(db, filter.District, user.SupervisedUnitIdOf(), cancellationToken) : [];
        return new CustomerListModel(filter, page, units);
    }
}
