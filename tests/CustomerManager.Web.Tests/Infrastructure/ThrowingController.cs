using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CustomerManager.Web.Tests.Infrastructure;

/// <summary>A test-only endpoint that fails, to see what a user sees when the app has a bug.</summary>
[AllowAnonymous]
public sealed class ThrowingController : Controller
{
    [HttpGet("/__test/throw")]
    public IActionResult Throw() => HttpContext is null ? Ok() : throw new InvalidOperationException("Secret internal detail 42");

    /// <summary>What a page meets when the database server is down: a connection refused.</summary>
    [HttpGet("/__test/database-down")]
    public IActionResult DatabaseDown() => HttpContext is null
        ? Ok()
        : throw new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111)));
}
