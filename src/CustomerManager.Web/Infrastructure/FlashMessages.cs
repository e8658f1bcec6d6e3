using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace CustomerManager.Web.Infrastructure;

/// <summary>A one-time message shown by the layout after a redirect: a success, or a warning when something was refused.</summary>
public static class FlashMessages
{
    public const string Key = "flash";
    public const string WarningKey = "flash-warning";

    public static void Flash(this ITempDataDictionary tempData, string message) => tempData[Key] = message;

    /// <summary>Why nothing was done (a rule refused, someone changed the record meanwhile).</summary>
    public static void Warn(this ITempDataDictionary tempData, string message) => tempData[WarningKey] = message;
}
