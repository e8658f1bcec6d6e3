using System.Globalization;

namespace CustomerManager.Web.Localization;

/// <summary>The two UI languages; zh-CN is the default when the browser asks for neither.</summary>
public static class Cultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public const string Default = Chinese;

    public static readonly IReadOnlyList<CultureInfo> Supported = [new(Chinese), new(English)];

    /// <summary>True when the request's UI language is Chinese.</summary>
    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    /// <summary>The Chinese or English form of a name kept in both languages, for the request's UI language.</summary>
    public static string Pick(string chinese, string english) => IsChinese ? chinese : english;

    public static bool IsSupported(string? culture) =>
        Supported.Any(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
}
