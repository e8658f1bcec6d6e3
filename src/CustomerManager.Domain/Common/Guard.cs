namespace CustomerManager.Domain.Common;

/// <summary>Guard clauses that throw <see cref="DomainException"/> with a stable code.</summary>
public static class Guard
{
    public static string Required(string? value, int maxLength, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException($"{field}.Required", $"{field} is required.");
        }

        return trimmed.Length > maxLength
            ? throw new DomainException($"{field}.TooLong", $"{field} is longer than {maxLength} characters.")
            : trimmed;
    }

    public static string? Optional(string? value, int maxLength, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength
            ? throw new DomainException($"{field}.TooLong", $"{field} is longer than {maxLength} characters.")
            : trimmed;
    }
}
