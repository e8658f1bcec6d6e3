using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;

namespace CustomerManager.Domain.Tests.Visits;

/// <summary>What a visit adds to its manager's month, and how a period splits into whole months and the days around them.</summary>
public class VisitTallyTests
{
    private static readonly DateTime Now = new(2026, 5, 10, 15, 0, 0);

    private static readonly VisitChangeRules Rules = new(EvaluationCalendar.Empty, VisitChangeRules.DefaultEditWindowDays, new DateTimeOffset(Now, TimeSpan.FromHours(8)));

    private static Visit VisitWith(VisitContent content)
    {
        var customer = new RetailCustomer("440101000001", "店", "主", null, "路", BusinessType.Grocery);
        customer.AssignTo(1, new DateOnly(2026, 1, 1), null, null);
        return Visit.Log(1, customer, Now.AddHours(-1), VisitKind.OnSite, content, Rules);
    }

    [Fact]
    public void AVisitCountsOnceWithItsBrandsCartonsAndEachThingItReports()
    {
        var visit = VisitWith(new VisitContent
        {
            BrandsRecommended = ["中华", "利群", "玉溪"],
            VolumeCartons = 12,
            MarketInformation = "竞品降价",
            ViolationType = "价格违规",
            Complaint = "少送",
            ComplaintResolution = "补送",
            ComplaintResolvedOnSpot = true,
        });

        Assert.Equal(new VisitTally(Visits: 1, BrandsRecommended: 3, VolumeCartons: 12, MarketInformation: 1, DataChanges: 0, Violations: 1, UnlicensedRetail: 0, Complaints: 1, ComplaintsResolvedOnSpot: 1, OnSite: 1), VisitTally.Of(visit));
    }

    [Fact]
    public void APlainVisitCountsOnlyAsAnUnverifiedOnSiteVisit() =>
        Assert.Equal(new VisitTally(1, 0, 0, 0, 0, 0, 0, 0, 0, OnSite: 1), VisitTally.Of(VisitWith(new VisitContent())));

    [Fact]
    public void TalliesAddAndACorrectionIsTheNewMinusTheOld()
    {
        var before = new VisitTally(1, 2, 10, 1, 0, 0, 0, 1, 1);
        var after = new VisitTally(1, 1, 7, 0, 0, 1, 0, 1, 1);

        Assert.Equal(new VisitTally(0, -1, -3, -1, 0, 1, 0, 0, 0), after - before);
        Assert.Equal(after, before + (after - before));
        Assert.True((before - before).IsZero);
    }

    [Theory]
    [InlineData("2026-07-01", "2026-09-30", "2026-07-01", "2026-10-01")] // a quarter: three whole months, nothing around them
    [InlineData("2026-03-01", "2026-03-31", "2026-03-01", "2026-04-01")]
    [InlineData("2026-03-10", "2026-05-20", "2026-04-01", "2026-05-01")] // April whole; 10–31 March and 1–20 May from the visits
    [InlineData("2026-03-10", "2026-04-15", "2026-04-01", "2026-04-01")] // no whole month
    [InlineData("2026-03-10", "2026-03-20", "2026-04-01", "2026-04-01")]
    [InlineData("2026-02-01", "2026-02-28", "2026-02-01", "2026-03-01")] // February's last day
    public void APeriodSplitsIntoWholeMonthsAndTheDaysAroundThem(string from, string to, string firstWholeMonth, string afterWholeMonths)
    {
        VisitMonthTotal.SplitPeriod(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), out var first, out var after);

        Assert.Equal((DateOnly.Parse(firstWholeMonth, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(afterWholeMonths, System.Globalization.CultureInfo.InvariantCulture)), (first, after));
    }

    [Fact]
    public void AVisitCountsForTheMonthOfItsLocalTime() =>
        Assert.Equal(new DateOnly(2026, 3, 1), VisitMonthTotal.MonthOf(new DateTime(2026, 3, 31, 23, 59, 0)));
}
