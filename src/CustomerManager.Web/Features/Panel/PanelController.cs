using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CustomerManager.Web.Features.Panel;

/// <summary>The panel member's home.</summary>
[Authorize(Policy = Policies.PanelMember)]
public sealed class PanelController(PanelHomeQuery home) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await home.RunAsync(User.UserIdOf()!, User.PanelRoleOf()!.Value, cancellationToken));
}
