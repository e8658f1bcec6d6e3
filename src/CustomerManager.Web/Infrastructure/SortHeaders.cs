namespace CustomerManager.Web.Infrastructure;

/// <summary>Which column a list is sorted by, as its query string says (<c>sort</c>, <c>desc</c>).</summary>
public static class SortHeaders
{
    /// <summary>
    /// The <c>aria-sort</c> of a column header: "ascending" or "descending" on the column the list is sorted by,
    /// nothing on the others (the attribute belongs on the header cell, not on the link inside it).
    /// </summary>
    public static string? AriaSort(this HttpRequest request, string key)
    {
        if (request.Query["sort"].ToString() != key)
        {
            return null;
        }

        return string.Equals(request.Query["desc"], "true", StringComparison.OrdinalIgnoreCase) ? "descending" : "ascending";
    }
}
