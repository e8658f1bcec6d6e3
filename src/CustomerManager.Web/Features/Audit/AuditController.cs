using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CustomerManager.Web.Features.Audit;

/// <summary>The audit log: who changed what, when, with old and new values.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AuditController(AuditLogQuery query) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] AuditLogFilter filter, CancellationToken cancellationToken) =>
        View(await query.RunAsync(filter, cancellationToken));
}
