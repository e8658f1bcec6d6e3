using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CustomerManager.Web.Features.Errors;

/// <summary>The friendly error page (with a request id to quote) and the status-code pages.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorController : Controller
{
    [Route("Error")]
    public IActionResult Index() => View("Error", Model(StatusCodes.Status500InternalServerError));

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
