using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CustomerManager.Web.Tests.Infrastructure;

/// <summary>A test-only endpoint that fails, to see what a user sees when the app has a bug.</summary>
[AllowAnonymous]
public sealed class ThrowingController : Controller
{
    [HttpGet("/__test/throw")]
    public IActionResult Throw() => HttpContext is null ? Ok() : throw new InvalidOperationException("Secret internal detail 42");
}
