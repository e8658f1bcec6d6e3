namespace CustomerManager.Web.Features.Account;

public sealed record SignInModel
{
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordModel
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    public string? ConfirmPassword { get; set; }

    /// <summary>True when the user signed in with a temporary password and must change it first.</summary>
    public bool IsRequired { get; set; }
}
