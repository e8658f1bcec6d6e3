using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;

namespace CustomerManager.Domain.Tests.Visits;

public class MarketTests
{
    private static readonly DateTime VisitTime = new(2026, 11, 25, 10, 0, 0); // a Wednesday
    private static readonly VisitChangeRules Rules = new(EvaluationCalendar.Empty, 7, new DateTimeOffset(VisitTime.AddHours(2), TimeSpan.FromHours(8)));
    private static readonly DateOnly Day = DateOnly.FromDateTime(VisitTime);

    [Fact]
    public void TheGuidePriceOfADayIsTheLatestThatTookEffectByThen()
    {
        var spec = new BrandSpec(1, "硬", 1, new DateOnly(2026, 1, 1), 45m, 450m);
        spec.SetGuidePrice(new DateOnly(2026, 12, 1), 50m, 500m);

        Assert.Null(spec.GuideOn(new DateOnly(2025, 12, 31)));
        Assert.Equal(45m, spec.GuideOn(new DateOnly(2026, 11, 30))!.PackPrice);
        Assert.Equal((50m, 500m), (spec.GuideOn(new DateOnly(2026, 12, 1))!.PackPrice, spec.GuideOn(new DateOnly(2027, 6, 1))!.CartonPrice));
        Assert.Equal(2, spec.GuidePrices.Count);
    }

    [Fact]
    public void APriceSetAgainForTheSameDayReplacesIt()
    {
        var spec = new BrandSpec(1, "硬", 1, new DateOnly(2026, 1, 1), 45m, 450m);
        spec.SetGuidePrice(new DateOnly(2026, 1, 1), 46m, 460m);

        Assert.Equal(46m, Assert.Single(spec.GuidePrices).PackPrice);
    }

    [Fact]
    public void AGuidePriceIsAboveZeroAndACartonCostsAtLeastAPack()
    {
        var spec = new BrandSpec(1, "硬", 1, new DateOnly(2026, 1, 1), 45m, 450m);

        Assert.Equal(ErrorCodes.Market.GuidePriceRange, Assert.Throws<DomainException>(() => spec.SetGuidePrice(Day, 0m, 450m)).Code);
        Assert.Equal(ErrorCodes.Market.GuidePriceRange, Assert.Throws<DomainException>(() => spec.SetGuidePrice(Day, 45m, BrandSpec.MaxCartonPrice + 1)).Code);
        Assert.Equal(ErrorCodes.Market.CartonBelowPack, Assert.Throws<DomainException>(() => spec.SetGuidePrice(Day, 45m, 44m)).Code);
        Assert.Single(spec.GuidePrices);
    }

    [Theory]
    [InlineData("45", true)]
    [InlineData("9.01", true)]
    [InlineData("224.99", true)]
    [InlineData("225", false)] // five times the guide price
    [InlineData("450", false)] // a carton's price typed as a pack's
    [InlineData("9", false)] // a fifth of it
    [InlineData("4.5", false)] // a tenth of it
    public void APriceIsPlausibleStrictlyBetweenAFifthAndFiveTimesTheGuidePrice(string price, bool plausible)
    {
        var refusal = MarketRules.WhyNotPrice(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), 45m);

        Assert.Equal(plausible, refusal is null);
        if (refusal is not null)
        {
            Assert.Equal(ErrorCodes.Market.PriceImplausible, refusal.Code);
            Assert.Equal([9m, 225m, 45m], refusal.Arguments);
        }
    }

    [Fact]
    public void EveryImplausibleFigureIsNamedByItsField()
    {
        var refusals = MarketRules.WhyNot(Reading(packPrice: 300m, cartonPrice: 40m, stockCartons: -1, daysOutOfStock: 32));

        Assert.Equal(
            [(nameof(MarketReading.PackPrice), ErrorCodes.Market.PriceImplausible), (nameof(MarketReading.CartonPrice), ErrorCodes.Market.PriceImplausible),
             (nameof(MarketReading.StockCartons), ErrorCodes.Market.StockRange), (nameof(MarketReading.DaysOutOfStock), ErrorCodes.Market.DaysOutOfStockRange)],
            refusals.Select(r => (r.Field, r.Refusal.Code)));
        Assert.Empty(MarketRules.WhyNot(Reading(packPrice: 46m, cartonPrice: 455m, stockCartons: 0, daysOutOfStock: MarketRules.MaxDaysOutOfStock)));
    }

    [Fact]
    public void APriceAboveTheGuideByPackOrByCartonIsAboveGuide()
    {
        var guide = Guide();

        Assert.True(MarketRules.IsAboveGuide(45.5m, null, guide));
        Assert.True(MarketRules.IsAboveGuide(44m, 451m, guide));
        Assert.False(MarketRules.IsAboveGuide(45m, 450m, guide));
        Assert.False(MarketRules.IsAboveGuide(null, null, guide));
    }

    [Fact]
    public void NoStockOrDaysWithoutItIsAStockout()
    {
        Assert.True(MarketRules.IsStockout(0, null));
        Assert.True(MarketRules.IsStockout(5, 2));
        Assert.False(MarketRules.IsStockout(5, 0));
        Assert.False(MarketRules.IsStockout(null, null));
    }

    [Theory]
    [InlineData("2026-11-23", "2026-11-23")] // Monday
    [InlineData("2026-11-29", "2026-11-23")] // Sunday
    [InlineData("2027-01-01", "2026-12-28")] // across the year's end
    public void AWeekIsKeptByItsMonday(string day, string monday) =>
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), MarketRules.WeekOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(91, 13)]
    [InlineData(92, 13)]
    [InlineData(7, 1)]
    [InlineData(6, 0)]
    [InlineData(0, 0)]
    public void ACollectionPointIsExpectedToReportOnceAWholeWeek(int days, int expected) =>
        Assert.Equal(expected, MarketRules.ExpectedCollections(days));

    [Fact]
    public void AVisitRecordsTheFiguresGivenAndLeavesOutTheEmptyOnes()
    {
        var visit = Logged(CollectionPoint());

        visit.ObserveMarket([Reading(packPrice: 45m, stockCartons: 12), Reading(specId: 2)], atCollectionPoint: true, districtId: 9);

        var observation = Assert.Single(visit.Market);
        Assert.Equal((1, 45m, 12, 9, Day, new DateOnly(2026, 11, 23), 45m, false), (observation.BrandSpecId, observation.PackPrice, observation.StockCartons, observation.DistrictId, observation.ObservedOn, observation.WeekStart, observation.GuidePackPrice, observation.AboveGuide));
        Assert.Equal(1, visit.MarketSpecs);
        Assert.Equal(1, VisitTally.Of(visit).MarketVisits);
        Assert.DoesNotContain(visit.Reports, r => r.Kind == ReportKind.PriceAboveGuide);
    }

    [Fact]
    public void AVisitToAnotherCustomerRecordsNoFigures()
    {
        var visit = Logged(CollectionPoint());

        var refused = Assert.Throws<DomainException>(() => visit.ObserveMarket([Reading(packPrice: 45m)], atCollectionPoint: false, districtId: 9));

        Assert.Equal(ErrorCodes.Market.NotCollectionPoint, refused.Code);
        visit.ObserveMarket([Reading()], atCollectionPoint: false, districtId: 9);
        Assert.Empty(visit.Market);
    }

    [Fact]
    public void ImplausibleOrRepeatedReadingsAreRefusedAndNothingIsRecorded()
    {
        var visit = Logged(CollectionPoint());

        Assert.Equal(ErrorCodes.Market.PriceImplausible, Assert.Throws<DomainException>(() => visit.ObserveMarket([Reading(packPrice: 46m), Reading(specId: 2, packPrice: 500m)], true, 9)).Code);
        Assert.Equal(ErrorCodes.Market.SpecTwice, Assert.Throws<DomainException>(() => visit.ObserveMarket([Reading(packPrice: 46m), Reading(stockCartons: 3)], true, 9)).Code);
        Assert.Empty(visit.Market);
        Assert.Equal(0, visit.MarketSpecs);
    }

    [Fact]
    public void APriceAboveGuideRaisesAnItemForTheMonopolyLeaderThatFollowsTheFigures()
    {
        var visit = Logged(CollectionPoint());

        visit.ObserveMarket([Reading(packPrice: 48m), Reading(specId: 2, label: "玉溪 软", cartonPrice: 240m, guidePack: 23m, guideCarton: 230m)], true, 9);

        var flag = Assert.Single(visit.Reports);
        Assert.Equal((ReportKind.PriceAboveGuide, PanelRole.MonopolyLeader, false), (flag.Kind, VisitReport.RecipientOf(flag.Kind), flag.IsCase));
        Assert.Equal("中华 硬 48.00 > 45.00; 玉溪 软 240.00 > 230.00", flag.Message);
        Assert.True(visit.Market.All(o => o.AboveGuide));

        visit.ObserveMarket([Reading(packPrice: 45m)], true, 9);
        Assert.Empty(visit.Reports);
    }

    [Fact]
    public void AnAcknowledgedFlagCannotBeTakenBack()
    {
        var visit = Logged(CollectionPoint());
        visit.ObserveMarket([Reading(packPrice: 48m)], true, 9);
        visit.Reports.Single().Acknowledge(PanelRole.MonopolyLeader, "monopoly", null, VisitTime.AddHours(1));

        Assert.Equal(ErrorCodes.Report.AlreadyAcknowledged, Assert.Throws<DomainException>(() => visit.ObserveMarket([Reading(packPrice: 45m)], true, 9)).Code);
        visit.ObserveMarket([Reading(packPrice: 48m), Reading(specId: 2, stockCartons: 0)], true, 9);
        Assert.Equal(2, visit.MarketSpecs);
    }

    [Fact]
    public void FiguresCorrectedOnTheirDayKeepTheirDistrictAndGuidePrice()
    {
        var visit = Logged(CollectionPoint());
        visit.ObserveMarket([Reading(packPrice: 46m)], true, districtId: 9);

        // The manager has moved to district 12 and the day's guide price was raised to 47 meanwhile.
        visit.ObserveMarket([Reading(packPrice: 46.5m, guidePack: 47m, guideCarton: 470m), Reading(specId: 2, packPrice: 48m, guidePack: 47m, guideCarton: 470m)], true, districtId: 12);

        Assert.All(visit.Market, o => Assert.Equal(9, o.DistrictId));
        Assert.Equal((45m, true), visit.Market.Where(o => o.BrandSpecId == 1).Select(o => (o.GuidePackPrice, o.AboveGuide)).Single());
        Assert.Equal((47m, true), visit.Market.Where(o => o.BrandSpecId == 2).Select(o => (o.GuidePackPrice, o.AboveGuide)).Single());
        Assert.Equal("中华 硬 46.50 > 45.00; 中华 硬 48.00 > 47.00", visit.Reports.Single().Message);
    }

    [Fact]
    public void AFlagOfManyPricesSaysHowManyItLeavesOut()
    {
        var visit = Logged(CollectionPoint());
        var label = new string('烟', 90);

        visit.ObserveMarket(Enumerable.Range(1, 30).Select(id => Reading(specId: id, label: label, packPrice: 50m)), true, 9);

        var message = visit.Reports.Single().Message;
        Assert.True(message.Length <= Visit.TextMaxLength);
        Assert.Matches(@"; … \+\d+$", message);
        var shown = message.Split("; ").Length - 1;
        Assert.EndsWith($"+{30 - shown}", message, StringComparison.Ordinal);
    }

    private static GuidePrice Guide(decimal pack = 45m, decimal carton = 450m) =>
        new BrandSpec(1, "硬", 1, new DateOnly(2026, 1, 1), pack, carton).GuideOn(Day)!;

    private static MarketReading Reading(
        int specId = 1, string label = "中华 硬", decimal? packPrice = null, decimal? cartonPrice = null, int? stockCartons = null, int? daysOutOfStock = null,
        decimal guidePack = 45m, decimal guideCarton = 450m) =>
        new(specId, label, Guide(guidePack, guideCarton), packPrice, cartonPrice, stockCartons, daysOutOfStock);

    private static Visit Logged(RetailCustomer customer) => Visit.Log(1, customer, VisitTime, VisitKind.OnSite, new VisitContent(), Rules);

    private static RetailCustomer CollectionPoint()
    {
        var customer = new RetailCustomer("440101000001", "店", "主", null, "路", BusinessType.Grocery);
        customer.AssignTo(1, new DateOnly(2026, 1, 1), null, null);
        customer.MarkCollectionPoint(true);
        return customer;
    }
}
