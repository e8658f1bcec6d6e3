using CustomerManager.Domain.Customers;

namespace CustomerManager.Web.Features.CustomerImport;

public enum ImportColumn
{
    LicenceNumber,
    StoreName,
    Owner,
    Phone,
    Address,
    BusinessType,
    Status,
    ManagerEmployeeNumber,
    Frequency,
    RouteDay,
    RouteWeek,
    RouteSequence,
    CollectionPoint,
}

/// <summary>The header names an office file may use for each column, in Chinese or English, and the value words.</summary>
public static class ImportColumns
{
    /// <summary>The columns a new customer needs; a file without one of them is refused whole, naming every one missing.</summary>
    public static readonly IReadOnlyList<ImportColumn> Required = [ImportColumn.LicenceNumber, ImportColumn.StoreName, ImportColumn.Owner, ImportColumn.Address, ImportColumn.BusinessType];

    private static readonly Dictionary<string, ImportColumn> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["许可证号"] = ImportColumn.LicenceNumber,
        ["烟草专卖零售许可证号"] = ImportColumn.LicenceNumber,
        ["专卖许可证号"] = ImportColumn.LicenceNumber,
        ["licencenumber"] = ImportColumn.LicenceNumber,
        ["licensenumber"] = ImportColumn.LicenceNumber,
        ["licence"] = ImportColumn.LicenceNumber,
        ["license"] = ImportColumn.LicenceNumber,
        ["店名"] = ImportColumn.StoreName,
        ["店铺名称"] = ImportColumn.StoreName,
        ["零售户名称"] = ImportColumn.StoreName,
        ["storename"] = ImportColumn.StoreName,
        ["store"] = ImportColumn.StoreName,
        ["负责人"] = ImportColumn.Owner,
        ["经营者"] = ImportColumn.Owner,
        ["业主"] = ImportColumn.Owner,
        ["owner"] = ImportColumn.Owner,
        ["电话"] = ImportColumn.Phone,
        ["联系电话"] = ImportColumn.Phone,
        ["phone"] = ImportColumn.Phone,
        ["地址"] = ImportColumn.Address,
        ["经营地址"] = ImportColumn.Address,
        ["address"] = ImportColumn.Address,
        ["业态"] = ImportColumn.BusinessType,
        ["经营业态"] = ImportColumn.BusinessType,
        ["businesstype"] = ImportColumn.BusinessType,
        ["type"] = ImportColumn.BusinessType,
        ["状态"] = ImportColumn.Status,
        ["经营状态"] = ImportColumn.Status,
        ["status"] = ImportColumn.Status,
        ["客户经理工号"] = ImportColumn.ManagerEmployeeNumber,
        ["工号"] = ImportColumn.ManagerEmployeeNumber,
        ["manageremployeenumber"] = ImportColumn.ManagerEmployeeNumber,
        ["employeenumber"] = ImportColumn.ManagerEmployeeNumber,
        ["拜访频次"] = ImportColumn.Frequency,
        ["频次"] = ImportColumn.Frequency,
        ["visitfrequency"] = ImportColumn.Frequency,
        ["frequency"] = ImportColumn.Frequency,
        ["线路日"] = ImportColumn.RouteDay,
        ["拜访日"] = ImportColumn.RouteDay,
        ["routeday"] = ImportColumn.RouteDay,
        ["线路周"] = ImportColumn.RouteWeek,
        ["routeweek"] = ImportColumn.RouteWeek,
        ["顺序"] = ImportColumn.RouteSequence,
        ["线路顺序"] = ImportColumn.RouteSequence,
        ["order"] = ImportColumn.RouteSequence,
        ["routeorder"] = ImportColumn.RouteSequence,
        ["sequence"] = ImportColumn.RouteSequence,
        ["信息采集点"] = ImportColumn.CollectionPoint,
        ["采集点"] = ImportColumn.CollectionPoint,
        ["是否采集点"] = ImportColumn.CollectionPoint,
        ["collectionpoint"] = ImportColumn.CollectionPoint,
    };

    private static readonly Dictionary<string, bool> YesNoWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["是"] = true,
        ["否"] = false,
        ["yes"] = true,
        ["no"] = false,
        ["y"] = true,
        ["n"] = false,
        ["true"] = true,
        ["false"] = false,
        ["1"] = true,
        ["0"] = false,
    };

    /// <summary>The words that mean "the business type's default" in a frequency cell, "no route day" in a route-day cell.</summary>
    private static readonly HashSet<string> NoneWords = new(StringComparer.OrdinalIgnoreCase) { "默认", "按业态默认", "default", "无", "不排线路", "none", "-", "—" };

    private static readonly Dictionary<string, VisitFrequency> FrequencyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["每周"] = VisitFrequency.Weekly,
        ["周"] = VisitFrequency.Weekly,
        ["每两周"] = VisitFrequency.Fortnightly,
        ["双周"] = VisitFrequency.Fortnightly,
        ["两周"] = VisitFrequency.Fortnightly,
        ["每月"] = VisitFrequency.Monthly,
        ["月"] = VisitFrequency.Monthly,
        ["biweekly"] = VisitFrequency.Fortnightly,
    };

    private static readonly Dictionary<string, BusinessType> BusinessTypeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["便利店"] = BusinessType.ConvenienceStore,
        ["超市"] = BusinessType.Supermarket,
        ["食杂店"] = BusinessType.Grocery,
        ["烟酒店"] = BusinessType.TobaccoAndLiquor,
        ["烟酒商行"] = BusinessType.TobaccoAndLiquor,
        ["其他"] = BusinessType.Other,
        ["convenience store"] = BusinessType.ConvenienceStore,
        ["grocery"] = BusinessType.Grocery,
        ["tobacco and liquor shop"] = BusinessType.TobaccoAndLiquor,
        ["tobacco and liquor"] = BusinessType.TobaccoAndLiquor,
    };

    private static readonly Dictionary<string, CustomerStatus> StatusWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["营业"] = CustomerStatus.Active,
        ["正常"] = CustomerStatus.Active,
        ["暂停营业"] = CustomerStatus.Suspended,
        ["暂停"] = CustomerStatus.Suspended,
        ["已歇业"] = CustomerStatus.Closed,
        ["歇业"] = CustomerStatus.Closed,
    };

    /// <summary>The column each header names (ignoring case, spaces, underscores and a trailing "*"), or null.</summary>
    public static ImportColumn? Match(string header)
    {
        var key = new string(header.Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '*' or '（' or '）' or '(' or ')')).ToArray());
        return Aliases.TryGetValue(key, out var column) ? column : null;
    }

    public static BusinessType? ParseBusinessType(string value) =>
        BusinessTypeWords.TryGetValue(value.Trim(), out var type) ? type
        : Enum.TryParse<BusinessType>(value.Replace(" ", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var named) && Enum.IsDefined(named) && !int.TryParse(value, out _) ? named
        : null;

    /// <summary>
    /// A frequency cell: (true, null) for the business type's default, (true, frequency) for one, (false, null) when not
    /// understood.
    /// </summary>
    public static (bool Understood, VisitFrequency? Value) ParseFrequency(string value) =>
        NoneWords.Contains(value.Trim()) ? (true, null)
        : FrequencyWords.TryGetValue(value.Trim(), out var f) ? (true, f)
        : Enum.TryParse<VisitFrequency>(value.Trim(), ignoreCase: true, out var named) && Enum.IsDefined(named) && !int.TryParse(value, out _) ? (true, named)
        : (false, null);

    /// <summary>A route-day cell: a weekday's name in Chinese (星期一, 周一) or English (Monday, Mon), or "none".</summary>
    public static (bool Understood, DayOfWeek? Value) ParseRouteDay(string value)
    {
        var text = value.Trim();
        if (NoneWords.Contains(text))
        {
            return (true, null);
        }

        foreach (var culture in new[] { System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), System.Globalization.CultureInfo.InvariantCulture })
        {
            var names = culture.DateTimeFormat;
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                if (string.Equals(names.GetDayName(day), text, StringComparison.OrdinalIgnoreCase) || string.Equals(names.GetAbbreviatedDayName(day), text, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(names.GetShortestDayName(day), text, StringComparison.OrdinalIgnoreCase))
                {
                    return (true, day);
                }
            }
        }

        return (false, null);
    }

    /// <summary>A yes-or-no cell (是/否, yes/no); null when not understood.</summary>
    public static bool? ParseYesNo(string value) => YesNoWords.TryGetValue(value.Trim(), out var yes) ? yes : null;

    public static CustomerStatus? ParseStatus(string value) =>
        StatusWords.TryGetValue(value.Trim(), out var status) ? status
        : Enum.TryParse<CustomerStatus>(value.Trim(), ignoreCase: true, out var named) && Enum.IsDefined(named) && !int.TryParse(value, out _) ? named
        : null;
}
