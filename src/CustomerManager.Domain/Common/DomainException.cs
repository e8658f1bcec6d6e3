namespace CustomerManager.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Code"/> is a stable key the web layer translates into the
/// user's language; <see cref="Exception.Message"/> is an English sentence for logs and tests.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public DomainException()
        : this("Domain.Error", "A business rule was broken.")
    {
    }

    public DomainException(string message)
        : this("Domain.Error", message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "Domain.Error";
    }

    public string Code { get; } = "Domain.Error";
}
