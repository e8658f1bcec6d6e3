using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;

namespace CustomerManager.Domain.Tests.Customers;

public class RoutePlanTests
{
    // 2026-11-23 and 2026-11-30 are Mondays; 2026-11-23 lies in week 2 of its fortnight, counted from Monday 2001-01-01.
    private static readonly DateOnly Monday23 = new(2026, 11, 23);

    [Fact]
    public void WeeklyIsPlannedOnEveryRouteDay()
    {
        var plan = new RoutePlan(VisitFrequency.Weekly, DayOfWeek.Monday, 1);

        Assert.True(plan.IsPlannedOn(Monday23));
        Assert.True(plan.IsPlannedOn(Monday23.AddDays(7)));
        Assert.False(plan.IsPlannedOn(Monday23.AddDays(1)));
        Assert.Equal(5, plan.CountPlanned(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void FortnightlyAlternatesWeeksAcrossTheYearsEnd()
    {
        var week1 = new RoutePlan(VisitFrequency.Fortnightly, DayOfWeek.Monday, 1);
        var week2 = new RoutePlan(VisitFrequency.Fortnightly, DayOfWeek.Monday, 2);

        Assert.True(week2.IsPlannedOn(Monday23));
        Assert.False(week1.IsPlannedOn(Monday23));
        Assert.True(week1.IsPlannedOn(new DateOnly(2026, 11, 30)));

        // 2026 has 53 ISO weeks; counted from a fixed Monday the rhythm still never skips or doubles.
        var days = Enumerable.Range(0, 10).Select(i => new DateOnly(2026, 12, 14).AddDays(7 * i)).Where(week1.IsPlannedOn).ToList();
        Assert.All(days.Zip(days.Skip(1)), pair => Assert.Equal(14, pair.Second.DayNumber - pair.First.DayNumber));
    }

    [Fact]
    public void MonthlyIsTheNthRouteDayOfTheMonth()
    {
        var first = new RoutePlan(VisitFrequency.Monthly, DayOfWeek.Monday, 1);
        var fourth = new RoutePlan(VisitFrequency.Monthly, DayOfWeek.Monday, 4);

        Assert.True(first.IsPlannedOn(new DateOnly(2026, 11, 2)));
        Assert.True(first.IsPlannedOn(new DateOnly(2026, 12, 7)));
        Assert.True(fourth.IsPlannedOn(Monday23));
        Assert.False(fourth.IsPlannedOn(new DateOnly(2026, 11, 30)));
        Assert.Equal(1, fourth.CountPlanned(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void AVisitIsMatchedToThePlannedDayOfItsWeek()
    {
        var plan = new RoutePlan(VisitFrequency.Weekly, DayOfWeek.Wednesday, 1);

        Assert.Equal(new DateOnly(2026, 11, 25), plan.PlannedDayInWeekOf(Monday23));
        Assert.Equal(new DateOnly(2026, 11, 25), plan.PlannedDayInWeekOf(new DateOnly(2026, 11, 29)));
        Assert.Null(new RoutePlan(VisitFrequency.Fortnightly, DayOfWeek.Wednesday, 1).PlannedDayInWeekOf(Monday23));
    }

    [Fact]
    public void NextPlannedDayIsFoundFromAnyDay()
    {
        Assert.Equal(new DateOnly(2026, 12, 7), new RoutePlan(VisitFrequency.Monthly, DayOfWeek.Monday, 1).NextOnOrAfter(new DateOnly(2026, 11, 3)));
        Assert.Equal(Monday23, new RoutePlan(VisitFrequency.Weekly, DayOfWeek.Monday, 1).NextOnOrAfter(Monday23));
    }

    [Theory]
    [InlineData(VisitFrequency.Weekly, 7, false)]
    [InlineData(VisitFrequency.Weekly, 8, true)]
    [InlineData(VisitFrequency.Fortnightly, 14, false)]
    [InlineData(VisitFrequency.Fortnightly, 15, true)]
    [InlineData(VisitFrequency.Monthly, 35, false)]
    [InlineData(VisitFrequency.Monthly, 36, true)]
    public void OverdueWhenTheLastVisitIsOlderThanTheFrequencyAllows(VisitFrequency frequency, int daysAgo, bool overdue)
    {
        var today = new DateOnly(2026, 11, 28);
        var lastVisit = today.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 0));

        Assert.Equal(overdue, VisitFrequencies.IsOverdue(frequency, lastVisit, new DateOnly(2025, 1, 1), today));
    }

    [Fact]
    public void ANewlyAssignedCustomerHasItsFrequencyBeforeItIsOverdue()
    {
        var today = new DateOnly(2026, 11, 28);

        Assert.False(VisitFrequencies.IsOverdue(VisitFrequency.Weekly, null, today.AddDays(-5), today));
        Assert.True(VisitFrequencies.IsOverdue(VisitFrequency.Weekly, null, today.AddDays(-8), today));
    }

    [Fact]
    public void ACustomerPlansWithItsOwnFrequencyOrItsTypesDefault()
    {
        var customer = new RetailCustomer("440101000001", "店", "主", null, "路", BusinessType.Grocery);
        customer.Plan(null, DayOfWeek.Tuesday, 3, 2);

        Assert.Equal(new RoutePlan(VisitFrequency.Monthly, DayOfWeek.Tuesday, 3), customer.PlanWith(VisitFrequency.Monthly));
        Assert.Equal(new RoutePlan(VisitFrequency.Fortnightly, DayOfWeek.Tuesday, 2), customer.PlanWith(VisitFrequency.Fortnightly));

        customer.Plan(VisitFrequency.Weekly, DayOfWeek.Tuesday, 1, null);
        Assert.Equal(VisitFrequency.Weekly, customer.PlanWith(VisitFrequency.Monthly)!.Value.Frequency);

        customer.Update("店", "主", null, "路", BusinessType.Grocery, CustomerStatus.Closed);
        Assert.Null(customer.PlanWith(VisitFrequency.Weekly));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(5, null)]
    [InlineData(1, 0)]
    [InlineData(1, 1000)]
    public void APlanOutsideItsRangesIsRefused(int week, int? sequence)
    {
        var customer = new RetailCustomer("440101000001", "店", "主", null, "路", BusinessType.Grocery);

        Assert.Throws<DomainException>(() => customer.Plan(VisitFrequency.Monthly, DayOfWeek.Monday, week, sequence));
    }
}
