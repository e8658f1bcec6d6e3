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

    /// <summary>True when the list was counted only up to <see cref="TotalCount"/>: it has at least that many rows.</summary>
    bool TotalIsAtLeast { get; }

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

    /// <inheritdoc />
    public bool TotalIsAtLeast { get; init; }

    public int TotalPages => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));

    public bool HasPrevious => Page > 1;

    /// <summary>A list counted only in part goes on while a page comes back full.</summary>
    public bool HasNext => TotalIsAtLeast ? Items.Count == PageSize : Page < TotalPages;

    public int FirstItem => Items.Count == 0 ? 0 : ((Page - 1) * PageSize) + 1;

    public int LastItem => Items.Count == 0 ? 0 : FirstItem + Items.Count - 1;
}

public static class PagingExtensions
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>The page sizes the pager offers.</summary>
    public static IReadOnlyList<int> PageSizeChoices { get; } = [10, 25, 50, MaxPageSize];

    public static int ClampPageSize(int? pageSize) => pageSize is null or < 1 ? DefaultPageSize : Math.Min(pageSize.Value, MaxPageSize);

    /// <summary>
    /// How far a long list is counted (<see cref="ToBoundedPagedListAsync{TSource, TKey, T}"/>): beyond it the pager says
    /// "more than 10,000" rather than have every page view count every row of a table of millions.
    /// </summary>
    public const int CountLimit = 10_000;

    /// <summary>
    /// One page of a list that may hold millions of rows: the <paramref name="filtered"/> rows are counted, in no
    /// order, only up to <see cref="CountLimit"/>; <paramref name="orderedKeys"/> gives their ids in the list's
    /// order, which are paged on their own (an index walk, however deep the page: the deferred join);
    /// <paramref name="rowsOf"/> then reads the page's rows for those ids,
    /// which come back in the keys' order. A jump past the end of a list counted in part is the one time it is
    /// counted whole, to show its last page. <paramref name="countUpTo"/>, when given, counts the same rows another
    /// way (up to the number it is given), e.g. from a full-text index alone.
    /// </summary>
    public static async Task<PagedList<T>> ToBoundedPagedListAsync<TSource, TKey, T>(
        this IQueryable<TSource> filtered,
        Func<IQueryable<TSource>, IQueryable<TKey>> orderedKeys,
        Func<IReadOnlyCollection<TKey>, IQueryable<T>> rowsOf,
        Func<T, TKey> keyOf,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken,
        int countLimit = CountLimit,
        Func<int, CancellationToken, Task<int>>? countUpTo = null)
        where TKey : notnull
    {
        countUpTo ??= (limit, ct) => filtered.Take(limit).CountAsync(ct);
        var size = ClampPageSize(pageSize);
        var keys = orderedKeys(filtered);
        var counted = await countUpTo(countLimit + 1, cancellationToken);
        var atLeast = counted > countLimit;
        var total = Math.Min(counted, countLimit);
        var current = atLeast ? Math.Max(1, page ?? 1) : Math.Clamp(page ?? 1, 1, LastPage(total, size));
        var ids = await keys.Skip((current - 1) * size).Take(size).ToListAsync(cancellationToken);
        if (ids.Count == 0 && current > 1 && atLeast)
        {
            total = await countUpTo(int.MaxValue, cancellationToken);
            atLeast = false;
            current = LastPage(total, size);
            ids = await keys.Skip((current - 1) * size).Take(size).ToListAsync(cancellationToken);
        }

        var position = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var rows = ids.Count == 0 ? [] : await rowsOf(ids).ToListAsync(cancellationToken);
        return new PagedList<T>([.. rows.OrderBy(r => position[keyOf(r)])], current, size, total) { TotalIsAtLeast = atLeast };
    }

    private static int LastPage(int total, int size) => Math.Max(1, (int)Math.Ceiling(total / (double)size));

    /// <summary>Counts, then takes one page (a page past the end shows the last page).</summary>
    public static async Task<PagedList<T>> ToPagedListAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var size = ClampPageSize(pageSize);
        var total = await query.CountAsync(cancellationToken);
        var current = Math.Clamp(page ?? 1, 1, LastPage(total, size));
        var items = await query.Skip((current - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedList<T>(items, current, size, total);
    }

    /// <summary>One page of a list already in memory (a page past the end shows the last page).</summary>
    public static PagedList<T> ToPagedList<T>(this IReadOnlyList<T> rows, int? page, int? pageSize)
    {
        var size = ClampPageSize(pageSize);
        var current = Math.Clamp(page ?? 1, 1, LastPage(rows.Count, size));
        return new PagedList<T>([.. rows.Skip((current - 1) * size).Take(size)], current, size, rows.Count);
    }
}
