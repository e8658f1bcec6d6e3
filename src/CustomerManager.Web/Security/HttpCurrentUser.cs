using CustomerManager.Infrastructure.Identity;

namespace CustomerManager.Web.Security;

/// <summary>The signed-in user of the current request, for audit stamps.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string? UserName => accessor.HttpContext?.User.Identity?.Name;
}
