using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CustomerManager.Web.Features.Home;

/// <summary>The site root sends each user to the home page of their role.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class HomeController : Controller
{
    [HttpGet]
    public IActionResult Index() => LocalRedirect(User.HomeOf());
}
