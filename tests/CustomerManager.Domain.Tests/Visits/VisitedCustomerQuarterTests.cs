using System.Globalization;
using CustomerManager.Domain.Visits;

namespace CustomerManager.Domain.Tests.Visits;

public class VisitedCustomerQuarterTests
{
    private static DateOnly Day(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-01-01", "2026-01-01")]
    [InlineData("2026-03-31", "2026-01-01")]
    [InlineData("2026-04-01", "2026-04-01")]
    [InlineData("2026-08-15", "2026-07-01")]
    [InlineData("2026-12-31", "2026-10-01")]
    public void AVisitCountsForTheCalendarQuarterItFallsIn(string day, string quarter)
    {
        Assert.Equal(Day(quarter), VisitedCustomerQuarter.QuarterOf(Day(day)));
        Assert.Equal(Day(quarter), VisitedCustomerQuarter.QuarterOf(Day(day).ToDateTime(new TimeOnly(23, 59, 59))));
    }

    [Theory]
    [InlineData("2026-01-01", "2026-03-31", true)]
    [InlineData("2026-10-01", "2026-12-31", true)] // across the year's end
    [InlineData("2026-01-01", "2026-12-31", true)]
    [InlineData("2026-01-02", "2026-03-31", false)]
    [InlineData("2026-01-01", "2026-03-30", false)]
    [InlineData("2026-01-01", "2026-04-30", false)]
    [InlineData("2026-02-01", "2026-04-30", false)] // three whole months, not a quarter
    [InlineData("2026-04-01", "2026-03-31", false)] // an empty period
    public void OnlyAPeriodOfWholeQuartersIsCountedFromTheQuarterRows(string from, string to, bool whole)
    {
        var result = VisitedCustomerQuarter.IsWholeQuarters(Day(from), Day(to), out var first, out var after);

        Assert.Equal(whole, result);
        Assert.Equal((Day(from), Day(to).AddDays(1)), (first, after));
    }

    [Fact]
    public void ARowHoldsAtLeastOneVisitOnItsQuartersFirstDay()
    {
        var row = new VisitedCustomerQuarter(7, 42, Day("2026-05-20"), 2);

        Assert.Equal((Day("2026-04-01"), 7, 42, 2), (row.Quarter, row.AccountManagerId, row.CustomerId, row.Visits));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VisitedCustomerQuarter(7, 42, Day("2026-05-20"), 0));
    }
}
