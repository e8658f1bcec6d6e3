using System.Text.RegularExpressions;
using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Infrastructure;

/// <summary>Validation rules several forms share, with their messages from the resources.</summary>
public static partial class CommonRules
{
    /// <summary>A mainland mobile (1xx xxxx xxxx) or a landline with area code (0xx-xxxxxxxx).</summary>
    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    public static partial Regex PhonePattern();

    public static IRuleBuilderOptions<T, string?> Phone<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> l) =>
        rule.Must(p => string.IsNullOrWhiteSpace(p) || PhonePattern().IsMatch(p.Trim())).WithMessage(l["Validation.Phone"]);

    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> l, int maxLength) =>
        rule.Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(l["Validation.Required"])
            .Must(v => v is null || v.Trim().Length <= maxLength).WithMessage(l["Validation.TooLong", maxLength])
            .PlainText(l);

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> l, int maxLength) =>
        rule.Must(v => v is null || v.Trim().Length <= maxLength).WithMessage(l["Validation.TooLong", maxLength])
            .PlainText(l);

    /// <summary>
    /// Text people type holds no control characters (NUL, escape, bell, the C1 range…), which no screen shows and a
    /// name made of them would be blank everywhere; line breaks and tabs are text.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> l) =>
        rule.Must(v => v is null || !HasControlCharacters(v)).WithMessage(l["Validation.ControlCharacters"]);

    public static bool HasControlCharacters(string text) => text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'));

    /// <summary>A file name as an upload gives it, fit to show: the name alone, without control characters, 200 characters at most.</summary>
    public static string UploadedName(string? fileName)
    {
        var name = new string([.. Path.GetFileName(fileName ?? string.Empty).Where(c => !char.IsControl(c))]).Trim();
        return name.Length == 0 ? "?" : name.Length > 200 ? name[..200] : name;
    }
}
