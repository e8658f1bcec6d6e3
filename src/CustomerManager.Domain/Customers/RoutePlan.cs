namespace CustomerManager.Domain.Customers;

/// <summary>
/// When a customer is planned to be visited (线路拜访): its route day every week (weekly), in one week of each
/// fortnight (fortnightly, <see cref="Week"/> 1 or 2, counted from a fixed Monday so that a year's end never breaks
/// the rhythm), or the first to fourth route day of each month (monthly, <see cref="Week"/> 1 to 4).
/// </summary>
public readonly record struct RoutePlan(VisitFrequency Frequency, DayOfWeek Day, int Week)
{
    /// <summary>The Monday fortnights are counted from.</summary>
    public static readonly DateOnly FortnightEpoch = new(2001, 1, 1);

    public bool IsPlannedOn(DateOnly day) =>
        day.DayOfWeek == Day && Frequency switch
        {
            VisitFrequency.Weekly => true,
            VisitFrequency.Fortnightly => WeekOfFortnight(day) == Week,
            VisitFrequency.Monthly => ((day.Day - 1) / 7) + 1 == Week,
            _ => false,
        };

    /// <summary>The planned day in the week (Monday to Sunday) of <paramref name="day"/>, if the plan has one that week.</summary>
    public DateOnly? PlannedDayInWeekOf(DateOnly day)
    {
        var planned = MondayOf(day).AddDays(DaysFromMonday(Day));
        return IsPlannedOn(planned) ? planned : null;
    }

    /// <summary>How many planned days fall between <paramref name="from"/> and <paramref name="to"/>, both included.</summary>
    public int CountPlanned(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays((DaysFromMonday(Day) - DaysFromMonday(from.DayOfWeek) + 7) % 7); day <= to; day = day.AddDays(7))
        {
            count += IsPlannedOn(day) ? 1 : 0;
        }

        return count;
    }

    /// <summary>The first planned day on or after <paramref name="from"/>.</summary>
    public DateOnly NextOnOrAfter(DateOnly from)
    {
        var day = from.AddDays((DaysFromMonday(Day) - DaysFromMonday(from.DayOfWeek) + 7) % 7);
        while (!IsPlannedOn(day))
        {
            day = day.AddDays(7);
        }

        return day;
    }

    /// <summary>1 or 2: which week of its fortnight a day falls in.</summary>
    public static int WeekOfFortnight(DateOnly day) => (int)(((Math.Floor((day.DayNumber - FortnightEpoch.DayNumber) / 7.0) % 2) + 2) % 2) + 1;

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-DaysFromMonday(day.DayOfWeek));

    private static int DaysFromMonday(DayOfWeek day) => ((int)day + 6) % 7;
}
