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

    public static CustomerStatus? ParseStatus(string value) =>
        StatusWords.TryGetValue(value.Trim(), out var status) ? status
        : Enum.TryParse<CustomerStatus>(value.Trim(), ignoreCase: true, out var named) && Enum.IsDefined(named) && !int.TryParse(value, out _) ? named
        : null;
}
