namespace CustomerManager.Web.Infrastructure;

/// <summary>Phone numbers as links a phone dials when tapped.</summary>
public static class PhoneLinks
{
    /// <summary>
    /// The <c>tel:</c> address of a number as people type it ("020-8123 4567", "+86 138…"): its digits, and a
    /// leading plus; null when it has no digits.
    /// </summary>
    public static string? TelHref(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var trimmed = phone.Trim();
        var digits = new string([.. trimmed.Where(char.IsAsciiDigit)]);
        if (digits.Length == 0)
        {
            return null;
        }

        return "tel:" + (trimmed.StartsWith('+') ? "+" : string.Empty) + digits;
    }
}
