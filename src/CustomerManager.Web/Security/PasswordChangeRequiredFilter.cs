using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CustomerManager.Web.Security;

/// <summary>Marks actions a user with a temporary password may still use (change password, sign out).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithTemporaryPasswordAttribute : Attribute;

/// <summary>Sends a user who signed in with a temporary password to the change-password page first.</summary>
public sealed class PasswordChangeRequiredFilter : IAsyncActionFilter
{
    public Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (context.HttpContext.User.HasClaim(AppClaims.MustChangePassword, "true")
            && !context.ActionDescriptor.EndpointMetadata.OfType<AllowWithTemporaryPasswordAttribute>().Any())
        {
            context.Result = new RedirectToActionResult("ChangePassword", "Account", null);
            return Task.CompletedTask;
        }

        return next();
    }
}
