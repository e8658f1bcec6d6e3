using System.Globalization;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Localization;

/// <summary>
/// Texts that count something: English says "1 row" but "2 rows", so a key may have a "<c>.One</c>" variant
/// used when the count is exactly one. Chinese has no plural, so its "<c>.One</c>" texts read like the others.
/// The count is the text's first argument, written as the request's culture writes numbers.
/// </summary>
public static class Plurals
{
    public const string OneSuffix = ".One";

    public static LocalizedString Count(this IStringLocalizer l, string key, long count, params object[] more)
    {
        object[] arguments = [count.ToString("N0", CultureInfo.CurrentCulture), .. more];
        if (count == 1)
        {
            var one = l[key + OneSuffix, arguments];
            if (!one.ResourceNotFound)
            {
                return one;
            }
        }

        return l[key, arguments];
    }

    /// <summary>The key to read for a text whose first argument may be a count of one.</summary>
    internal static bool IsOne(IReadOnlyList<object> arguments) =>
        arguments.Count > 0 && arguments[0] is 1 or 1L;
}
