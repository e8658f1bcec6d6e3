using System.Globalization;

namespace CustomerManager.Domain.Common;

/// <summary>Why a typed number was refused.</summary>
public enum NumberTextError
{
    None = 0,

    /// <summary>Nothing was typed (only spaces).</summary>
    Empty = 1,

    /// <summary>Anything but digits and one decimal point: "8,5", "1,00", "1e2", "0x10", "¥5", "8 5", "-3".</summary>
    NotANumber = 2,

    /// <summary>A decimal point where only whole numbers are taken.</summary>
    NotWhole = 3,

    /// <summary>More digits than any number in this application has.</summary>
    TooLong = 4,

    /// <summary>A minus sign before a number: every number typed here is zero or more.</summary>
    Negative = 5,
}

/// <summary>
/// The one reader of numbers people type (scores, weights, tier bounds, cartons…), the same in every form and
/// every language: digits with at most one decimal point, nothing else. Group separators, exponents, hex,
/// currency signs, signs and inner spaces are refused, never reinterpreted: "8,5" is not 85 and "1,00" is not
/// 100. Spaces around the number are ignored. Full-width digits and the full-width point a Chinese input method
/// types ("８５．５") are read as the same number (85.5); the ideographic full stop "。" is refused.
/// </summary>
public static class NumberText
{
    /// <summary>Digits before and after the point together; 18 fit a decimal and an int64 without loss.</summary>
    public const int MaxDigits = 18;

    public static NumberTextError TryParseDecimal(string? text, out decimal value) => Parse(text, wholeOnly: false, out value);

    public static NumberTextError TryParseWhole(string? text, out long value)
    {
        var error = Parse(text, wholeOnly: true, out var number);
        value = error == NumberTextError.None ? (long)number : 0;
        return error;
    }

    private static NumberTextError Parse(string? text, bool wholeOnly, out decimal value)
    {
        value = 0;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return NumberTextError.Empty;
        }

        if (trimmed[0] is '-' or '－' && trimmed.Length > 1)
        {
            // Said as such ("zero or more"), rather than as a character that does not belong in a number.
            return Parse(trimmed[1..], wholeOnly, out _) == NumberTextError.None ? NumberTextError.Negative : NumberTextError.NotANumber;
        }

        Span<char> ascii = stackalloc char[Math.Min(trimmed.Length, MaxDigits + 2)];
        var length = 0;
        var digits = 0;
        var points = 0;
        foreach (var c in trimmed)
        {
            var normal = c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '．' => '.',
                _ => c,
            };
            if (normal == '.')
            {
                points++;
            }
            else if (char.IsAsciiDigit(normal))
            {
                digits++;
            }
            else
            {
                return NumberTextError.NotANumber;
            }

            if (points > 1)
            {
                return NumberTextError.NotANumber;
            }

            if (digits > MaxDigits)
            {
                return NumberTextError.TooLong;
            }

            ascii[length++] = normal;
        }

        if (digits == 0)
        {
            return NumberTextError.NotANumber;
        }

        if (wholeOnly && points > 0)
        {
            return NumberTextError.NotWhole;
        }

        // Only digits and at most one point are left: the invariant parse cannot reinterpret anything.
        value = decimal.Parse(ascii[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return NumberTextError.None;
    }
}
