namespace CustomerManager.Web.Security;

/// <summary>
/// Security headers on every response. The content security policy allows only the app's own scripts and
/// styles (no inline script or style), which every page of the app satisfies.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            // The visit form asks for the phone's location at check-in and check-out (签到/签退); nothing else may.
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
