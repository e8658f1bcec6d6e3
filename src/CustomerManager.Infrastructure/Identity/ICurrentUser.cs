namespace CustomerManager.Infrastructure.Identity;

/// <summary>Who is making the current change (the web layer answers from the signed-in user).</summary>
public interface ICurrentUser
{
    string? UserName { get; }
}
