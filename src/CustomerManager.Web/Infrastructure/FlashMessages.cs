using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace CustomerManager.Web.Infrastructure;

/// <summary>A one-time success message shown by the layout after a redirect.</summary>
public static class FlashMessages
{
    public const string Key = "flash";

    public static void Flash(this ITempDataDictionary tempData, string message) => tempData[Key] = message;
}
