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

    [Route("Error/{code:int}")]
    public IActionResult Status(int code) => View("Error", Model(code is >= 400 and < 600 ? code : StatusCodes.Status500InternalServerError));

    private ErrorViewModel Model(int code)
    {
        Response.StatusCode = code;
        return new ErrorViewModel(code, Activity.Current?.Id ?? HttpContext.TraceIdentifier);
    }
}

public sealed record ErrorViewModel(int StatusCode, string RequestId);
