using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CustomerManager.Web.Features.MyWork;

/// <summary>The account manager's home.</summary>
[Authorize(Policy = Policies.AccountManager)]
public sealed class MyWorkController(MyWorkHomeQuery home) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var model = await home.RunAsync(User.AccountManagerIdOf()!.Value, cancellationToken);
        return model is null ? NotFound() : View(model);
    }
}
