using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Visits;

/// <summary>
/// What a manager read at a collection point for one brand specification: the retail price per pack and per carton, the
/// stock in cartons and the days out of stock since the last collection. Any of them may be left out, not all. The label
/// and the guide price of the visit's day come with it (the visit compares and flags; the label names the specification
/// in the flag it raises).
/// </summary>
public sealed record MarketReading(int BrandSpecId, string Label, GuidePrice Guide, decimal? PackPrice, decimal? CartonPrice, int? StockCartons, int? DaysOutOfStock)
{
    public bool IsEmpty => PackPrice is null && CartonPrice is null && StockCartons is null && DaysOutOfStock is null;
}

/// <summary>The rules of market figures (卷烟市场信息采集): what is plausible, what is above the guide price, what is a stockout.</summary>
public static class MarketRules
{
    /// <summary>A price is plausible when it lies strictly between the guide price divided by this and multiplied by it.</summary>
    public const int PlausibleFactor = 5;

    public const int MaxStockCartons = 10_000;

    /// <summary>Days out of stock since the last collection: at most a month.</summary>
    public const int MaxDaysOutOfStock = 31;

    /// <summary>Collection points are expected to report once a week.</summary>
    public const int DaysPerCollection = 7;

    /// <summary>Why a figure of <paramref name="reading"/> is refused, by the name of its field; empty when every figure is plausible.</summary>
    public static IReadOnlyList<(string Field, Refusal Refusal)> WhyNot(MarketReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var refusals = new List<(string, Refusal)>();
        if (WhyNotPrice(reading.PackPrice, reading.Guide.PackPrice) is { } pack)
        {
            refusals.Add((nameof(MarketReading.PackPrice), pack));
        }

        if (WhyNotPrice(reading.CartonPrice, reading.Guide.CartonPrice) is { } carton)
        {
            refusals.Add((nameof(MarketReading.CartonPrice), carton));
        }

        if (reading.StockCartons is < 0 or > MaxStockCartons)
        {
            refusals.Add((nameof(MarketReading.StockCartons), new Refusal(ErrorCodes.Market.StockRange, MaxStockCartons)));
        }

        if (reading.DaysOutOfStock is < 0 or > MaxDaysOutOfStock)
        {
            refusals.Add((nameof(MarketReading.DaysOutOfStock), new Refusal(ErrorCodes.Market.DaysOutOfStockRange, MaxDaysOutOfStock)));
        }

        return refusals;
    }

    /// <summary>
    /// A price is refused unless it lies strictly between a fifth of the guide price and five times it: a carton's price typed
    /// as a pack's, a pack's as a carton's, or a slip of the finger, never a real shelf price.
    /// </summary>
    public static Refusal? WhyNotPrice(decimal? price, decimal guide) =>
        price is { } p && (p <= guide / PlausibleFactor || p >= guide * PlausibleFactor)
            ? new Refusal(ErrorCodes.Market.PriceImplausible, Lowest(guide), Highest(guide), guide)
            : null;

    /// <summary>The plausible range's ends, as the message shows them (two decimals).</summary>
    public static decimal Lowest(decimal guide) => decimal.Round(guide / PlausibleFactor, 2, MidpointRounding.AwayFromZero);

    public static decimal Highest(decimal guide) => decimal.Round(guide * PlausibleFactor, 2, MidpointRounding.AwayFromZero);

    /// <summary>Sold above the guide price, per pack or per carton: a possible price violation.</summary>
    public static bool IsAboveGuide(decimal? packPrice, decimal? cartonPrice, GuidePrice guide)
    {
        ArgumentNullException.ThrowIfNull(guide);
        return IsAboveGuide(packPrice, cartonPrice, guide.PackPrice, guide.CartonPrice);
    }

    /// <inheritdoc cref="IsAboveGuide(decimal?, decimal?, GuidePrice)"/>
    public static bool IsAboveGuide(decimal? packPrice, decimal? cartonPrice, decimal guidePack, decimal guideCarton) =>
        packPrice > guidePack || cartonPrice > guideCarton;

    /// <summary>Out of stock: none in stock at the visit, or days without stock since the last collection.</summary>
    public static bool IsStockout(int? stockCartons, int? daysOutOfStock) => stockCartons == 0 || daysOutOfStock > 0;

    /// <summary>The Monday of <paramref name="day"/>'s week: weekly figures are kept and charted by it.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Collections expected from one collection point served for <paramref name="days"/> days: one a whole week.</summary>
    public static int ExpectedCollections(int days) => days <= 0 ? 0 : days / DaysPerCollection;
}

/// <summary>
/// One brand specification's figures from one collection-point visit. The visit's customer, manager, district and day and
/// the guide price of that day are copied onto it, so that the market page and its weekly totals
/// (<see cref="MarketWeekTotal"/>) read observations by district and day from one index, with no join.
/// </summary>
public sealed class MarketObservation
{
    private MarketObservation()
    {
    }

    internal MarketObservation(Visit visit, MarketReading reading, int districtId, decimal guidePackPrice, decimal guideCartonPrice)
    {
        BrandSpecId = reading.BrandSpecId;
        CustomerId = visit.CustomerId;
        AccountManagerId = visit.AccountManagerId;
        DistrictId = districtId;
        ObservedOn = DateOnly.FromDateTime(visit.VisitedAt);
        WeekStart = MarketRules.WeekOf(ObservedOn);
        PackPrice = reading.PackPrice is { } pack ? decimal.Round(pack, 2) : null;
        CartonPrice = reading.CartonPrice is { } carton ? decimal.Round(carton, 2) : null;
        StockCartons = reading.StockCartons;
        DaysOutOfStock = reading.DaysOutOfStock;
        GuidePackPrice = guidePackPrice;
        GuideCartonPrice = guideCartonPrice;
        AboveGuide = MarketRules.IsAboveGuide(PackPrice, CartonPrice, guidePackPrice, guideCartonPrice);
        Stockout = MarketRules.IsStockout(StockCartons, DaysOutOfStock);
    }

    public int Id { get; private set; }

    public int VisitId { get; private set; }

    public int BrandSpecId { get; private set; }

    public int CustomerId { get; private set; }

    public int AccountManagerId { get; private set; }

    /// <summary>The manager's district when the figures were saved.</summary>
    public int DistrictId { get; private set; }

    public DateOnly ObservedOn { get; private set; }

    /// <summary>The Monday of <see cref="ObservedOn"/>'s week.</summary>
    public DateOnly WeekStart { get; private set; }

    public decimal? PackPrice { get; private set; }

    public decimal? CartonPrice { get; private set; }

    public int? StockCartons { get; private set; }

    public int? DaysOutOfStock { get; private set; }

    /// <summary>The guide price per pack on <see cref="ObservedOn"/>.</summary>
    public decimal GuidePackPrice { get; private set; }

    public decimal GuideCartonPrice { get; private set; }

    /// <summary>Priced above the guide price, per pack or per carton (<see cref="MarketRules.IsAboveGuide(decimal?, decimal?, decimal, decimal)"/>).</summary>
    public bool AboveGuide { get; private set; }

    /// <summary>Out of stock (<see cref="MarketRules.IsStockout"/>).</summary>
    public bool Stockout { get; private set; }
}

/// <summary>Observations of one brand specification summed: counts, sums, least and greatest, which add up.</summary>
public abstract class MarketTotalFigures
{
    public int DistrictId { get; private set; }

    public int BrandSpecId { get; private set; }

    /// <summary>The Monday of the week the figures belong to.</summary>
    public DateOnly WeekStart { get; private set; }

    public int Observations { get; private set; }

    public int PackPrices { get; private set; }

    public decimal PackPriceSum { get; private set; }

    public decimal? PackPriceMin { get; private set; }

    public decimal? PackPriceMax { get; private set; }

    public int CartonPrices { get; private set; }

    public decimal CartonPriceSum { get; private set; }

    public decimal? CartonPriceMin { get; private set; }

    public decimal? CartonPriceMax { get; private set; }

    public int AboveGuide { get; private set; }

    /// <summary>Observations with a price (per pack or per carton): what the share above guide is of.</summary>
    public int Priced { get; private set; }

    /// <summary>Observations with stock or days out of stock: what the stockout share is of.</summary>
    public int StockReported { get; private set; }

    /// <summary>Observations with a stock figure, and the cartons they counted.</summary>
    public int StockCounts { get; private set; }

    public int StockCartonsSum { get; private set; }

    public int Stockouts { get; private set; }

    /// <summary>Observations with days out of stock, and the days they counted.</summary>
    public int DaysCounts { get; private set; }

    public int DaysOutOfStockSum { get; private set; }
}

/// <summary>
/// One district's observations of one brand specification in one week, summed: the market page reads a quarter of a
/// department in a few thousand of these rather than hundreds of thousands of observations. Recounted from its district's
/// days (<see cref="MarketDayTotal"/>) whenever a visit's figures change, in the same transaction; a test keeps the page
/// equal to a direct computation from the observations.
/// </summary>
public sealed class MarketWeekTotal : MarketTotalFigures
{
    private MarketWeekTotal()
    {
    }
}

/// <summary>
/// One district's observations of one brand specification on one day, summed: the days at either end of a period that
/// does not start on a Monday or end on a Sunday are read from these, not from the observations.
/// </summary>
public sealed class MarketDayTotal : MarketTotalFigures
{
    private MarketDayTotal()
    {
    }

    public DateOnly Day { get; private set; }
}
