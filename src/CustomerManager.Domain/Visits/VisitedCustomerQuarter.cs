namespace CustomerManager.Domain.Visits;

/// <summary>
/// How many times a manager visited one customer in one calendar quarter, kept as visits are logged, corrected and
/// deleted (in the same transaction as <see cref="VisitMonthTotal"/>), so that the customers each manager covered in
/// a quarter (a distinct count, which no monthly sum gives) are counted from these rows instead of every visit of the
/// quarter. A row exists only while its count is above zero. Rebuilt from the visits by the same command as the
/// monthly totals; a test keeps it equal to a direct count.
/// </summary>
public sealed class VisitedCustomerQuarter
{
    private VisitedCustomerQuarter()
    {
    }

    public VisitedCustomerQuarter(int accountManagerId, int customerId, DateOnly quarter, int visits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(visits);
        AccountManagerId = accountManagerId;
        CustomerId = customerId;
        Quarter = QuarterOf(quarter);
        Visits = visits;
    }

    /// <summary>The quarter's first day (1 January, April, July or October).</summary>
    public DateOnly Quarter { get; private set; }

    public int AccountManagerId { get; private set; }

    public int CustomerId { get; private set; }

    public int Visits { get; private set; }

    /// <summary>The first day of the calendar quarter <paramref name="day"/> falls in.</summary>
    public static DateOnly QuarterOf(DateOnly day) => new(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1);

    /// <summary>The first day of the calendar quarter a visit at <paramref name="visitedAt"/> counts for.</summary>
    public static DateOnly QuarterOf(DateTime visitedAt) => QuarterOf(DateOnly.FromDateTime(visitedAt));

    /// <summary>
    /// Whether the period <paramref name="from"/>–<paramref name="to"/> (inclusive) is made of whole calendar quarters,
    /// <paramref name="first"/> to <paramref name="after"/> (exclusive): only then are its customers covered counted
    /// from these rows.
    /// </summary>
    public static bool IsWholeQuarters(DateOnly from, DateOnly to, out DateOnly first, out DateOnly after)
    {
        first = from;
        after = to.AddDays(1);
        return from < after && QuarterOf(from) == from && QuarterOf(after) == after;
    }
}
