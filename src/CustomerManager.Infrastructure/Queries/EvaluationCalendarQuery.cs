using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Infrastructure.Queries;

public static class EvaluationCalendarQuery
{
    /// <summary>Every cycle's name, period and state (a few rows a year), for the rules that look across cycles.</summary>
    public static async Task<EvaluationCalendar> CalendarAsync(this AppDbContext db, CancellationToken cancellationToken) =>
        new(await db.Cycles.AsNoTracking()
            .Select(c => new CyclePeriod(c.Id, c.Name, c.PeriodStart, c.PeriodEnd, c.Status))
            .ToListAsync(cancellationToken));
}
