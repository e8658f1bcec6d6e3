using CustomerManager.Infrastructure.Identity;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Account;

/// <summary>Sign-in, sign-out, access denied, change password and the language switch.</summary>
[Authorize(Policy = Policies.SignedIn)]
[AllowWithTemporaryPassword]
public sealed class AccountController(
    SignInManager<AppUser> signInManager,
    UserManager<AppUser> userManager,
    IValidator<SignInModel> signInValidator,
    IValidator<ChangePasswordModel> changePasswordValidator,
    IStringLocalizer<SharedResource> l,
    ILogger<AccountController> logger) : Controller
{
    [HttpGet]
    [AllowAnonymous]
    public IActionResult SignIn(string? returnUrl)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(User.HomeOf());
        }

        return View(new SignInModel { ReturnUrl = returnUrl });
    }

    [HttpPost]
    [AllowAnonymous]
    public async Task<IActionResult> SignIn(SignInModel model)
    {
        if (IsLanguageSwitchRepost())
        {
            return PasswordsToTypeAgain(model with { Password = null });
        }

        if (!await signInValidator.ValidateIntoAsync(model, ModelState))
        {
            return View(model);
        }

        var user = await userManager.FindByNameAsync(model.UserName!.Trim());
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signInManager.PasswordSignInAsync(user, model.Password!, model.RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning("User {UserId} is locked out", user!.Id);
            ModelState.AddModelError(string.Empty, l[user.LockoutEnd == Users.UserAdministration.LockedUntil ? "Account.LockedByAdministrator" : "Account.LockedOut"]);
            return View(model);
        }

        if (!result.Succeeded)
        {
            if (result.IsNotAllowed)
            {
                logger.LogInformation("Sign-in refused for deactivated user {UserId}", user!.Id);
            }

            ModelState.AddModelError(string.Empty, l["Account.SignInFailed"]);
            return View(model);
        }

        logger.LogInformation("User {UserId} signed in", user!.Id);
        if (user.MustChangePassword)
        {
            return RedirectToAction(nameof(ChangePassword));
        }

        return Url.IsLocalUrl(model.ReturnUrl) && model.ReturnUrl != "/"
            ? LocalRedirect(model.ReturnUrl)
            : LocalRedirect(AppClaims.HomeFor((await userManager.GetRolesAsync(user)).Contains));
    }

    [HttpPost]
    public new async Task<IActionResult> SignOut()
    {
        await signInManager.SignOutAsync();
        return RedirectToAction(nameof(SignIn));
    }

    [HttpGet]
    [AllowAnonymous]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    [HttpGet]
    public IActionResult ChangePassword() =>
        View(new ChangePasswordModel { IsRequired = User.HasClaim(AppClaims.MustChangePassword, "true") });

    [HttpPost]
    public async Task<IActionResult> ChangePassword(ChangePasswordModel model)
    {
        model.IsRequired = User.HasClaim(AppClaims.MustChangePassword, "true");
        if (IsLanguageSwitchRepost())
        {
            return PasswordsToTypeAgain(new ChangePasswordModel { IsRequired = model.IsRequired });
        }

        if (!await changePasswordValidator.ValidateIntoAsync(model, ModelState))
        {
            return View(model);
        }

        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await userManager.ChangePasswordAsync(user, model.CurrentPassword!, model.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(model.CurrentPassword) : nameof(model.NewPassword);
                ModelState.AddModelError(field, error.Description);
            }

            return View(model);
        }

        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            await userManager.UpdateAsync(user);
        }

        await signInManager.RefreshSignInAsync(user);
        logger.LogInformation("User {UserId} changed their password", user.Id);
        TempData.Flash(l["Account.PasswordChanged"]);
        return LocalRedirect(User.HomeOf());
    }

    /// <summary>Switches the UI language and remembers the choice for a year.</summary>
    [HttpPost]
    [AllowAnonymous]
    public IActionResult SetLanguage(string culture, string? returnUrl)
    {
        RememberLanguage(culture);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    /// <summary>
    /// The language switch on a page that answered a form (a validation error, a preview): the page's form,
    /// with everything typed, comes here with the language and the address it was posted to, and goes back
    /// there by a 307 redirect, which makes the browser post the same body again. The page comes back in the
    /// other language with nothing lost (site.js; without JavaScript the switch returns to the page the form
    /// was on).
    /// </summary>
    [HttpPost]
    [AllowAnonymous]
    public IActionResult SetLanguageAndRepost([FromForm(Name = "__culture")] string? culture, [FromForm(Name = PostedToField)] string? postedTo)
    {
        RememberLanguage(culture);
        return Url.IsLocalUrl(postedTo) ? new RedirectResult(postedTo, permanent: false, preserveMethod: true) : LocalRedirect("/");
    }

    /// <summary>The hidden field site.js adds to a form it sends again through <see cref="SetLanguageAndRepost"/>.</summary>
    private const string PostedToField = "__postedTo";

    private bool IsLanguageSwitchRepost() => Request.HasFormContentType && Request.Form.ContainsKey(PostedToField);

    /// <summary>
    /// A password form sent again by the language switch: passwords are never written back into a page, so
    /// it came without them. Rather than refuse an empty password the user never sent, the form is shown
    /// again in the new language with what it kept and a word that the password needs typing again.
    /// </summary>
    private ViewResult PasswordsToTypeAgain(object model)
    {
        ModelState.Clear();
        ViewData["PasswordNotKept"] = true;
        return View(model);
    }

    private void RememberLanguage(string? culture)
    {
        if (Cultures.IsSupported(culture))
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        }
    }
}
