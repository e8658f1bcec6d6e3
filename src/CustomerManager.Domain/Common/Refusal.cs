namespace CustomerManager.Domain.Common;

/// <summary>A rule's "no": the code of the rule (one of the <see cref="ErrorCodes"/>) and the values its message shows.</summary>
public sealed record Refusal(string Code, params object[] Arguments)
{
    public DomainException ToException(string message) => new(Code, message, Arguments);
}
