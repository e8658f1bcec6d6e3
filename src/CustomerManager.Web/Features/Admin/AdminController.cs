using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CustomerManager.Web.Features.Admin;

/// <summary>The administrator's home.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AdminController(AdminDashboardQuery dashboard) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await dashboard.RunAsync(cancellationToken));
}
