namespace CustomerManager.Domain.Visits;

/// <summary>
/// One manager's <see cref="VisitTally"/> for one calendar month, kept as visits are logged, corrected and
/// deleted (in the same transaction), so that the evidence of every manager for a quarter reads a few thousand
/// rows instead of every visit. Rebuilt from the visits by a command; a test keeps it equal to a direct count.
/// </summary>
public sealed class VisitMonthTotal
{
    private VisitMonthTotal()
    {
    }

    public VisitMonthTotal(int accountManagerId, DateOnly month, VisitTally tally)
    {
        AccountManagerId = accountManagerId;
        Month = MonthOf(month);
        Visits = tally.Visits;
        BrandsRecommended = tally.BrandsRecommended;
        VolumeCartons = tally.VolumeCartons;
        MarketInformation = tally.MarketInformation;
        DataChanges = tally.DataChanges;
        Violations = tally.Violations;
        UnlicensedRetail = tally.UnlicensedRetail;
        Complaints = tally.Complaints;
        ComplaintsResolvedOnSpot = tally.ComplaintsResolvedOnSpot;
        OnSiteVisits = tally.OnSite;
        VerifiedVisits = tally.Verified;
        FarVisits = tally.Far;
        ShortVisits = tally.TooShort;
        MarketVisits = tally.MarketVisits;
    }

    public int AccountManagerId { get; private set; }

    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; private set; }

    public int Visits { get; private set; }

    public int BrandsRecommended { get; private set; }

    public int VolumeCartons { get; private set; }

    public int MarketInformation { get; private set; }

    public int DataChanges { get; private set; }

    public int Violations { get; private set; }

    public int UnlicensedRetail { get; private set; }

    public int Complaints { get; private set; }

    public int ComplaintsResolvedOnSpot { get; private set; }

    public int OnSiteVisits { get; private set; }

    public int VerifiedVisits { get; private set; }

    public int FarVisits { get; private set; }

    public int ShortVisits { get; private set; }

    /// <summary>Collection-point visits that recorded market figures.</summary>
    public int MarketVisits { get; private set; }

    public VisitTally Tally => new(Visits, BrandsRecommended, VolumeCartons, MarketInformation, DataChanges, Violations, UnlicensedRetail, Complaints, ComplaintsResolvedOnSpot, OnSiteVisits, VerifiedVisits, FarVisits, ShortVisits, MarketVisits);

    /// <summary>The first day of the month <paramref name="day"/> falls in.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The first day of the month a visit at <paramref name="visitedAt"/> counts for.</summary>
    public static DateOnly MonthOf(DateTime visitedAt) => new(visitedAt.Year, visitedAt.Month, 1);

    /// <summary>
    /// Splits a period into the whole calendar months it covers (counted from the totals) and what is left at
    /// either end (counted from the visits themselves): <paramref name="firstWholeMonth"/> to
    /// <paramref name="afterWholeMonths"/> (exclusive) is empty when the period covers no whole month.
    /// </summary>
    public static void SplitPeriod(DateOnly from, DateOnly to, out DateOnly firstWholeMonth, out DateOnly afterWholeMonths)
    {
        firstWholeMonth = from.Day == 1 ? from : MonthOf(from).AddMonths(1);
        var afterTo = to.AddDays(1);
        afterWholeMonths = MonthOf(afterTo);
        if (afterWholeMonths < firstWholeMonth)
        {
            afterWholeMonths = firstWholeMonth;
        }
    }
}
