using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;

namespace CustomerManager.Domain.Visits;

/// <summary>
/// When a visit may be logged, corrected or deleted. A visit is never in the future, and never dated in the
/// period of a closed or published cycle: that evidence was scored and does not change (reopening the cycle
/// lifts this). Only its author changes or deletes a visit, within a configurable number of days after
/// logging it (default 7); a visit whose items were acknowledged is not deleted.
/// </summary>
/// <param name="calendar">The cycles' periods and states.</param>
/// <param name="editWindowDays">How many days after logging the author may still change a visit.</param>
/// <param name="now">The clock's local time (its date is the company's day).</param>
/// <param name="frequencyDefaults">
/// Each business type's visit frequency (<see cref="VisitFrequencyDefault"/>), by which a visit is matched to its
/// customer's route plan; a type missing from it has its initial default.
/// </param>
public sealed class VisitChangeRules(EvaluationCalendar calendar, int editWindowDays, DateTimeOffset now, IReadOnlyDictionary<BusinessType, VisitFrequency>? frequencyDefaults = null)
{
    public const int DefaultEditWindowDays = 7;

    public DateTimeOffset Now => now;

    public int EditWindowDays => editWindowDays;

    /// <summary>The frequency <paramref name="customer"/> is visited at: its own, or its business type's.</summary>
    public VisitFrequency FrequencyOf(RetailCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return customer.FrequencyWith(frequencyDefaults?.GetValueOrDefault(customer.BusinessType) ?? VisitFrequencies.InitialDefault(customer.BusinessType));
    }

    /// <summary>The periods no visit may be dated in now (closed and published cycles), for forms that warn early.</summary>
    public IEnumerable<CyclePeriod> FrozenPeriods => calendar.Frozen;

    /// <summary>Null when a visit may carry this date; otherwise why not.</summary>
    public Refusal? WhyNotOn(DateTime visitedAt)
    {
        if (visitedAt > now.DateTime)
        {
            return new Refusal(ErrorCodes.Visit.InFuture);
        }

        return calendar.FrozenOn(DateOnly.FromDateTime(visitedAt)) is { } cycle
            ? new Refusal(ErrorCodes.Visit.CycleClosed, cycle.Name)
            : null;
    }

    /// <summary>Null when <paramref name="byManagerId"/> may still correct the visit; otherwise why not.</summary>
    public Refusal? WhyNotChange(Visit visit, int? byManagerId)
    {
        ArgumentNullException.ThrowIfNull(visit);
        if (visit.AccountManagerId != byManagerId)
        {
            return new Refusal(ErrorCodes.Visit.NotAuthor);
        }

        if (calendar.FrozenOn(DateOnly.FromDateTime(visit.VisitedAt)) is { } cycle)
        {
            return new Refusal(ErrorCodes.Visit.InClosedCycle, cycle.Name);
        }

        return now.UtcDateTime - visit.CreatedUtc > TimeSpan.FromDays(editWindowDays)
            ? new Refusal(ErrorCodes.Visit.EditWindowPassed, editWindowDays)
            : null;
    }

    /// <summary>Null when <paramref name="byManagerId"/> may delete the visit; otherwise why not.</summary>
    public Refusal? WhyNotDelete(Visit visit, int? byManagerId) =>
        WhyNotChange(visit, byManagerId)
        ?? (visit.Reports.Any(r => r.Status != ReportStatus.New) ? new Refusal(ErrorCodes.Visit.HasAcknowledgedItems) : null);
}
