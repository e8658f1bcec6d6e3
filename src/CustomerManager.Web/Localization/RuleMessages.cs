using System.Globalization;
using CustomerManager.Domain.Common;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Localization;

/// <summary>The user's-language text of a broken rule: its code's resource, filled in with its arguments.</summary>
public static class RuleMessages
{
    public static string Message(this IStringLocalizer<SharedResource> l, DomainException exception) =>
        l.Message(exception.Code, exception.Arguments);

    public static string Message(this IStringLocalizer<SharedResource> l, Refusal refusal) =>
        l.Message(refusal.Code, refusal.Arguments);

    public static string Message(this IStringLocalizer<SharedResource> l, string code, IReadOnlyList<object> arguments)
    {
        object[] formatted = [.. arguments.Select(a => Format(l, a))];
        if (Plurals.IsOne(arguments))
        {
            var one = l[code + Plurals.OneSuffix, formatted];
            if (!one.ResourceNotFound)
            {
                return one.Value;
            }
        }

        return l[code, formatted].Value;
    }

    /// <summary>Dates and numbers as the request's culture writes them; a seat or another named value in its words.</summary>
    private static object Format(IStringLocalizer<SharedResource> l, object argument) => argument switch
    {
        DateOnly day => day.ToString("d", CultureInfo.CurrentCulture),
        decimal number => number.ToString("0.##", CultureInfo.CurrentCulture),
        Enum value when l[$"{value.GetType().Name}.{value}"] is { ResourceNotFound: false } words => words.Value,
        _ => argument,
    };
}
