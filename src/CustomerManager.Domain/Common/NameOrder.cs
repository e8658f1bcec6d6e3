using System.Globalization;

namespace CustomerManager.Domain.Common;

/// <summary>
/// The order people and stores are listed in: Chinese names by pinyin (陈 chén, 刘 liú, 周 zhōu), as a Chinese
/// reader expects, not by code point (刘 U+5218, 周 U+5468, 陈 U+9648). It is ICU's zh-CN collation; a database
/// cannot collate so on every engine, so each sortable name is stored beside its key, which sorts byte by byte.
/// </summary>
public static class NameOrder
{
    /// <summary>Enough of the key to order names of any length this app keeps; longer ones tie and fall back to the name.</summary>
    public const int KeyMaxLength = 200;

    private const CompareOptions Options = CompareOptions.IgnoreCase | CompareOptions.IgnoreWidth;

    private static readonly CompareInfo Chinese = CultureInfo.GetCultureInfo("zh-CN").CompareInfo;

    /// <summary>Compares names in that order, for lists sorted in memory.</summary>
    public static readonly StringComparer Comparer = StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), Options);

    /// <summary>The stored sort key of a name: upper-case hex, so that any collation of any engine orders it like the bytes.</summary>
    public static string KeyOf(string name)
    {
        var hex = Convert.ToHexString(Chinese.GetSortKey(name, Options).KeyData);
        return hex.Length <= KeyMaxLength ? hex : hex[..KeyMaxLength];
    }
}
