namespace CustomerManager.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Code"/> is one of the <see cref="ErrorCodes"/>, a stable key the web
/// layer translates into the user's language, filling in <see cref="Arguments"/> (a cycle's name, a date, a
/// limit); <see cref="Exception.Message"/> is an English sentence for logs and tests.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message, params object[] arguments)
        : base(message)
    {
        Code = code;
        Arguments = arguments;
    }

    public DomainException()
        : this(ErrorCodes.General.RuleBroken, "A business rule was broken.")
    {
    }

    public DomainException(string message)
        : this(ErrorCodes.General.RuleBroken, message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ErrorCodes.General.RuleBroken;
    }

    public string Code { get; } = ErrorCodes.General.RuleBroken;

    /// <summary>The values the localized text of <see cref="Code"/> shows, in order ({0}, {1}, …).</summary>
    public IReadOnlyList<object> Arguments { get; } = [];
}
