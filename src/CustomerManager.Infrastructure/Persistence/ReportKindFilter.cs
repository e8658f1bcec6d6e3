using System.Linq.Expressions;
using CustomerManager.Domain.Visits;

namespace CustomerManager.Infrastructure.Persistence;

/// <summary>
/// Items of some kinds, compared as <c>"Kind" + 0 = 3 OR "Kind" + 0 = 4</c>: the same items as <c>Kind IN (3, 4)</c>,
/// in a form no index serves. Where a query must walk the items' (status, time) index in its order or its period,
/// SQLite would otherwise take the (kind, status) index that counts a seat's items, and sort or read every item of
/// those kinds. Written as separate comparisons with constants: PostgreSQL's provider cannot type a list of enum
/// values compared with a number.
/// </summary>
public static class ReportKindFilter
{
    public static Expression<Func<VisitReport, bool>> Unindexed(IEnumerable<ReportKind> kinds)
    {
        var report = Expression.Parameter(typeof(VisitReport), "r");
        var kind = Expression.Add(Expression.Convert(Expression.Property(report, nameof(VisitReport.Kind)), typeof(int)), Expression.Constant(0));
        var any = kinds.Select(k => (Expression)Expression.Equal(kind, Expression.Constant((int)k)))
            .DefaultIfEmpty(Expression.Constant(false))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<VisitReport, bool>>(any, report);
    }
}
