namespace CustomerManager.Domain.Common;

/// <summary>Guard clauses that throw <see cref="DomainException"/> with one of the <see cref="ErrorCodes"/>.</summary>
public static class Guard
{
    /// <summary>Trimmed text, required and at most <paramref name="maxLength"/> characters.</summary>
    public static string Required(string? value, int maxLength, string requiredCode, string tooLongCode) =>
        Optional(value, maxLength, tooLongCode) ?? throw new DomainException(requiredCode, "A required text is missing.");

    /// <summary>Trimmed text or null, at most <paramref name="maxLength"/> characters.</summary>
    public static string? Optional(string? value, int maxLength, string tooLongCode)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength
            ? throw new DomainException(tooLongCode, $"A text is longer than {maxLength} characters.", maxLength)
            : trimmed;
    }
}
