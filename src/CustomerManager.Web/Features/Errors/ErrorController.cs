using System.Diagnostics;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CustomerManager.Web.Features.Errors;

/// <summary>The friendly error page (with a request id to quote) and the status-code pages.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorController : Controller
{
    /// <summary>
    /// After an exception: the friendly 500 page, or, when the database could not be reached (its server down or
    /// restarting, SQLite locked beyond the wait), a 503 saying to try again shortly, with Retry-After.
    /// </summary>
    [Route("Error")]
    public IActionResult Index()
    {
        if (!Retries.DatabaseUnavailable(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error))
        {
            return View("Error", Model(StatusCodes.Status500InternalServerError));
        }

        Response.Headers.RetryAfter = "30";
        return View("Error", Model(StatusCodes.Status503ServiceUnavailable));
    }

    /// <summary>
    /// The code comes from the route alone, read without model binding: the page is re-executed for the request that
    /// failed, whose posted form may be what was refused (a NUL byte, too many fields) or may carry a "code" of its
    /// own, and binding any parameter would read that form.
    /// </summary>
    [Route("Error/{code:int}")]
    public IActionResult Status() =>
        View("Error", Model(int.TryParse(RouteData.Values["code"]?.ToString(), out var code) && code is >= 400 and < 600 ? code : StatusCodes.Status500InternalServerError));

    private ErrorViewModel Model(int code)
    {
        Response.StatusCode = code;
        return new ErrorViewModel(code, Activity.Current?.Id ?? HttpContext.TraceIdentifier);
    }
}

public sealed record ErrorViewModel(int StatusCode, string RequestId);
