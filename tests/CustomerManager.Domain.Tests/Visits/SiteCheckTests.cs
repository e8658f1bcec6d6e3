using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;

namespace CustomerManager.Domain.Tests.Visits;

public class SiteCheckTests
{
    // A store in Guangzhou; 0.00036° of latitude is 40 m, 0.018° is 2 km.
    private static readonly GeoPoint Store = new(23.129163, 113.264435);
    private static readonly DateTime CheckInTime = new(2026, 11, 28, 10, 0, 0);
    private static readonly SiteCheckRules Site = new(SiteCheckRules.DefaultFarMeters, SiteCheckRules.DefaultShortMinutes);
    private static readonly VisitChangeRules Rules = new(EvaluationCalendar.Empty, 7, new DateTimeOffset(CheckInTime.AddHours(2), TimeSpan.FromHours(8)));

    private static GeoPoint North(double meters) => new(Store.Latitude + (meters / 111_195.0), Store.Longitude);

    [Fact]
    public void HaversineGivesTheGreatCircleDistance()
    {
        // Beijing (Tiananmen) to Shanghai (People's Square): about 1,067 km.
        var distance = new GeoPoint(39.9087, 116.3975).DistanceMetersTo(new GeoPoint(31.2304, 121.4737));

        Assert.InRange(distance, 1_060_000, 1_075_000);
        Assert.Equal(40, North(40).DistanceMetersTo(Store), 0.5);
    }

    [Fact]
    public void CheckedInAndOutAtTheStoreForLongEnoughIsVerified()
    {
        var result = Site.Assess(Store, Fix(CheckInTime, North(40)), Fix(CheckInTime.AddMinutes(5), North(10)));

        Assert.Equal(VisitVerification.Verified, result.Verification);
        Assert.Equal(40, result.DistanceMeters);
        Assert.Null(result.StoreLocation);
    }

    [Fact]
    public void FarBeatsShort()
    {
        Assert.Equal(VisitVerification.Far, Site.Assess(Store, Fix(CheckInTime, North(2000)), Fix(CheckInTime.AddMinutes(1), North(2000))).Verification);
        Assert.Equal(VisitVerification.Far, Site.Assess(Store, Fix(CheckInTime, North(10)), Fix(CheckInTime.AddMinutes(10), North(450))).Verification);
        Assert.Equal(VisitVerification.TooShort, Site.Assess(Store, Fix(CheckInTime, North(10)), Fix(CheckInTime.AddMinutes(2), North(10))).Verification);
    }

    [Fact]
    public void AFarCheckInIsFarBeforeTheCheckOut()
    {
        var result = Site.Assess(Store, Fix(CheckInTime, North(2000)), null);

        Assert.Equal(VisitVerification.Far, result.Verification);
        Assert.Equal(2000, result.DistanceMeters);
    }

    [Fact]
    public void WithoutAUsableLocationTheVisitIsUnverified()
    {
        Assert.Equal(VisitVerification.Unverified, Site.Assess(Store, new SiteFix(CheckInTime, null, null), Fix(CheckInTime.AddMinutes(9), Store)).Verification);
        Assert.Equal(VisitVerification.Unverified, Site.Assess(Store, new SiteFix(CheckInTime, North(5), 1500), Fix(CheckInTime.AddMinutes(9), Store)).Verification);
        Assert.Equal(VisitVerification.Unverified, Site.Assess(Store, Fix(CheckInTime, North(5)), null).Verification);
        Assert.Equal(VisitVerification.Unverified, Site.Assess(Store, null, null).Verification);
    }

    [Fact]
    public void AStoreWithoutCoordinatesTakesThoseOfItsFirstVerifiedVisit()
    {
        var customer = Customer();
        var visit = Logged(customer, CheckInTime);
        visit.AttachCheckIn(Fix(CheckInTime, North(40)), customer, Site);

        Assert.Null(customer.Location);
        visit.CheckOut(1, Fix(CheckInTime.AddMinutes(5), North(45)), customer, Site, Rules);

        Assert.Equal(VisitVerification.Verified, visit.Verification);
        Assert.Equal(North(40).Latitude, customer.Location!.Value.Latitude, 6);
        Assert.Equal(5, visit.DurationMinutes);
    }

    [Fact]
    public void AShortFirstVisitDoesNotPlaceTheStore()
    {
        var customer = Customer();
        var visit = Logged(customer, CheckInTime);
        visit.AttachCheckIn(Fix(CheckInTime, North(40)), customer, Site);
        visit.CheckOut(1, Fix(CheckInTime.AddMinutes(1), North(40)), customer, Site, Rules);

        Assert.Equal(VisitVerification.TooShort, visit.Verification);
        Assert.Null(customer.Location);
    }

    [Fact]
    public void ACheckedInVisitTakesTheCheckInTimeAndKeepsItAndItsKind()
    {
        var customer = Customer();
        customer.Locate(Store);
        var visit = Logged(customer, CheckInTime.AddMinutes(30));
        visit.AttachCheckIn(Fix(CheckInTime, Store), customer, Site);

        Assert.Equal(CheckInTime, visit.VisitedAt);
        Assert.True(visit.AwaitsCheckOut);
        Assert.Throws<DomainException>(() => visit.Revise(1, customer, CheckInTime, VisitKind.Phone, new VisitContent(), Rules));
        Assert.Throws<DomainException>(() => visit.Revise(1, customer, CheckInTime.AddHours(-1), VisitKind.OnSite, new VisitContent(), Rules));
        visit.Revise(1, customer, CheckInTime, VisitKind.OnSite, new VisitContent { VolumeCartons = 3 }, Rules);
        Assert.Equal(3, visit.VolumeCartons);
    }

    [Fact]
    public void CheckOutIsTheAuthorsOnceOnTheDayOfTheCheckIn()
    {
        var customer = Customer();
        customer.Locate(Store);
        var visit = Logged(customer, CheckInTime);

        Assert.Equal(ErrorCodes.Visit.NotCheckedIn, Assert.Throws<DomainException>(() => visit.CheckOut(1, Fix(CheckInTime.AddMinutes(5), Store), customer, Site, Rules)).Code);
        visit.AttachCheckIn(Fix(CheckInTime, Store), customer, Site);
        Assert.Equal(ErrorCodes.Visit.NotAuthor, Assert.Throws<DomainException>(() => visit.CheckOut(2, Fix(CheckInTime.AddMinutes(5), Store), customer, Site, Rules)).Code);
        Assert.Equal(ErrorCodes.Visit.CheckOutDayPassed, Assert.Throws<DomainException>(() => visit.CheckOut(1, Fix(CheckInTime.AddDays(1), Store), customer, Site, Rules)).Code);
        visit.CheckOut(1, Fix(CheckInTime.AddMinutes(5), Store), customer, Site, Rules);
        Assert.Equal(ErrorCodes.Visit.AlreadyCheckedOut, Assert.Throws<DomainException>(() => visit.CheckOut(1, Fix(CheckInTime.AddMinutes(6), Store), customer, Site, Rules)).Code);
    }

    [Fact]
    public void ForgettingLocationsKeepsTheMarkAndTheDistance()
    {
        var customer = Customer();
        customer.Locate(Store);
        var visit = Logged(customer, CheckInTime);
        visit.AttachCheckIn(Fix(CheckInTime, North(2000)), customer, Site);
        visit.ForgetLocations();

        Assert.Null(visit.CheckInPoint);
        Assert.Equal(VisitVerification.Far, visit.Verification);
        Assert.Equal(2000, visit.DistanceMeters);
    }

    [Fact]
    public void VisitTallyCountsOnSiteAndMarks()
    {
        var customer = Customer();
        customer.Locate(Store);
        var visit = Logged(customer, CheckInTime);
        visit.AttachCheckIn(Fix(CheckInTime, North(2000)), customer, Site);

        var tally = VisitTally.Of(visit);
        Assert.Equal((1, 0, 1, 0), (tally.OnSite, tally.Verified, tally.Far, tally.TooShort));
    }

    [Fact]
    public void AVisitIsMatchedToItsCustomersPlan()
    {
        var customer = Customer();
        customer.Plan(VisitFrequency.Weekly, DayOfWeek.Saturday, 1, null);

        // 2026-11-28 is a Saturday: on the planned day; the Friday before belongs to the same week's plan.
        var onDay = Visit.Log(1, customer, CheckInTime, VisitKind.OnSite, new VisitContent(), Rules);
        var dayBefore = Visit.Log(1, customer, CheckInTime.AddDays(-1), VisitKind.Phone, new VisitContent(), Rules);
        Assert.Equal((new DateOnly(2026, 11, 28), true), (onDay.PlannedOn, onDay.OnPlannedDay));
        Assert.Equal((new DateOnly(2026, 11, 28), false), (dayBefore.PlannedOn, dayBefore.OnPlannedDay));

        customer.Plan(VisitFrequency.Weekly, null, 1, null);
        Assert.Null(Visit.Log(1, customer, CheckInTime, VisitKind.OnSite, new VisitContent(), Rules).PlannedOn);
    }

    private static Visit Logged(RetailCustomer customer, DateTime at)
    {
        var visit = Visit.Log(1, customer, at, VisitKind.OnSite, new VisitContent(), Rules);
        visit.CreatedUtc = at.AddHours(-8);
        return visit;
    }

    private static SiteFix Fix(DateTime at, GeoPoint point) => new(at, point, 10);

    private static RetailCustomer Customer()
    {
        var customer = new RetailCustomer("440101000001", "店", "主", null, "路", BusinessType.Grocery);
        customer.AssignTo(1, new DateOnly(2026, 1, 1), null, null);
        return customer;
    }
}
