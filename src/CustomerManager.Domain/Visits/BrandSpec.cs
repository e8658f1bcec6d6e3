using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Visits;

/// <summary>
/// A specification (规格) of a brand, such as 中华 (硬) or 芙蓉王 (软蓝): what collection points report prices and stock of.
/// Its guide retail price (零售指导价) per pack and per carton has a history: each price holds from its effective day
/// until the next one, so that an observation is compared with the guide price of its own day.
/// </summary>
public sealed class BrandSpec : Entity
{
    public const int NameMaxLength = 50;

    /// <summary>The highest guide price per carton accepted (a carton of the dearest cigarettes sells for a few thousand yuan).</summary>
    public const decimal MaxCartonPrice = 10_000m;

    private readonly List<GuidePrice> _guidePrices = [];

    private BrandSpec()
    {
        Name = string.Empty;
    }

    public BrandSpec(int brandId, string name, int sortOrder, DateOnly effectiveFrom, decimal packPrice, decimal cartonPrice)
        : this()
    {
        BrandId = brandId;
        Rename(name);
        SortOrder = sortOrder;
        SetGuidePrice(effectiveFrom, packPrice, cartonPrice);
    }

    public int BrandId { get; private set; }

    /// <summary>The specification's name within its brand (硬, 软蓝, 细支…).</summary>
    public string Name { get; private set; }

    public int SortOrder { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>Every guide price the specification has had, each with the day it took effect.</summary>
    public IReadOnlyCollection<GuidePrice> GuidePrices => _guidePrices.AsReadOnly();

    public void Rename(string name) => Name = Guard.Required(name, NameMaxLength, ErrorCodes.Market.SpecNameRequired, ErrorCodes.Market.SpecNameTooLong);

    public void Retire() => IsActive = false;

    public void Reinstate() => IsActive = true;

    /// <summary>
    /// Sets the guide price from <paramref name="effectiveFrom"/> on (until a later one). A price set again for the same day
    /// replaces it. Prices are above zero, and a carton costs at least as much as a pack.
    /// </summary>
    public GuidePrice SetGuidePrice(DateOnly effectiveFrom, decimal packPrice, decimal cartonPrice)
    {
        if (packPrice <= 0 || cartonPrice <= 0 || cartonPrice > MaxCartonPrice)
        {
            throw new DomainException(ErrorCodes.Market.GuidePriceRange, "A guide price lies above zero.", MaxCartonPrice);
        }

        if (cartonPrice < packPrice)
        {
            throw new DomainException(ErrorCodes.Market.CartonBelowPack, "A carton's guide price is at least a pack's.");
        }

        var (pack, carton) = (decimal.Round(packPrice, 2), decimal.Round(cartonPrice, 2));
        if (_guidePrices.FirstOrDefault(p => p.EffectiveFrom == effectiveFrom) is { } sameDay)
        {
            sameDay.Change(pack, carton);
            return sameDay;
        }

        var price = new GuidePrice(effectiveFrom, pack, carton);
        _guidePrices.Add(price);
        return price;
    }

    /// <summary>The guide price in force on <paramref name="day"/>; none before the first one took effect.</summary>
    public GuidePrice? GuideOn(DateOnly day) => GuideOn(_guidePrices, day);

    /// <summary>The price of <paramref name="prices"/> in force on <paramref name="day"/>: the latest that took effect by then.</summary>
    public static GuidePrice? GuideOn(IEnumerable<GuidePrice> prices, DateOnly day) =>
        prices.Where(p => p.EffectiveFrom <= day).MaxBy(p => p.EffectiveFrom);
}

/// <summary>A guide retail price of a <see cref="BrandSpec"/>, per pack and per carton, from a day on (audited like every record).</summary>
public sealed class GuidePrice : Entity
{
    private GuidePrice()
    {
    }

    internal GuidePrice(DateOnly effectiveFrom, decimal packPrice, decimal cartonPrice)
    {
        EffectiveFrom = effectiveFrom;
        PackPrice = packPrice;
        CartonPrice = cartonPrice;
    }

    public int BrandSpecId { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    /// <summary>Yuan per pack (包).</summary>
    public decimal PackPrice { get; private set; }

    /// <summary>Yuan per carton (条, ten packs).</summary>
    public decimal CartonPrice { get; private set; }

    internal void Change(decimal packPrice, decimal cartonPrice) => (PackPrice, CartonPrice) = (packPrice, cartonPrice);
}
