using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Localization;

/// <summary>A list of names as the language writes it: "中华、云烟" in Chinese, "Zhonghua, Yunyan" in English.</summary>
public static class ListText
{
    public static string Join(this IStringLocalizer l, IEnumerable<string> items) =>
        string.Join(l["List.Separator"].Value, items);
}
