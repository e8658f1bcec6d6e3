using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Infrastructure;

/// <summary>What the pager needs to know about a page, whatever its items.</summary>
public interface IPagerInfo
{
    int Page { get; }

    int PageSize { get; }

    /// <summary>Whether the list honours a <c>pageSize</c> in its address, so that the pager offers the choice.</summary>
    bool PageSizeChoosable { get; }

    int TotalCount { get; }

    int TotalPages { get; }

    bool HasPrevious { get; }

    bool HasNext { get; }

    int FirstItem { get; }

    int LastItem { get; }
}

/// <summary>One page of a list, paged in SQL.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount) : IPagerInfo
{
    /// <summary>True unless the list pages at a size of its own, whatever the address asks.</summary>
    public bool PageSizeChoosable { get; init; } = true;

    public int TotalPages => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < TotalPages;

    public int FirstItem => TotalCount == 0 ? 0 : ((Page - 1) * PageSize) + 1;

    public int LastItem => Math.Min(Page * PageSize, TotalCount);
}

public static class PagingExtensions
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>The page sizes the pager offers.</summary>
    public static IReadOnlyList<int> PageSizeChoices { get; } = [10, 25, 50, MaxPageSize];

    public static int ClampPageSize(int? pageSize) => pageSize is null or < 1 ? DefaultPageSize : Math.Min(pageSize.Value, MaxPageSize);

    /// <summary>Counts, then takes one page (a page past the end shows the last page).</summary>
    public static async Task<PagedList<T>> ToPagedListAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var size = ClampPageSize(pageSize);
        var total = await query.CountAsync(cancellationToken);
        var lastPage = Math.Max(1, (int)Math.Ceiling(total / (double)size));
        var current = Math.Clamp(page ?? 1, 1, lastPage);
        var items = await query.Skip((current - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedList<T>(items, current, size, total);
    }
}
