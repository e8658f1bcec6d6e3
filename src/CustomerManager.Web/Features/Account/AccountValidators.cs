using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Account;

public sealed class SignInModelValidator : AbstractValidator<SignInModel>
{
    public SignInModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.UserName).NotEmpty().WithMessage(l["Account.UserNameRequired"])
            .MaximumLength(256).WithMessage(l["Validation.TooLong", 256]);
        RuleFor(m => m.Password).NotEmpty().WithMessage(l["Account.PasswordRequired"])
            .MaximumLength(128).WithMessage(l["Validation.TooLong", 128]);
    }
}

public sealed class ChangePasswordModelValidator : AbstractValidator<ChangePasswordModel>
{
    public const int MaxPasswordLength = 128;

    public ChangePasswordModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.CurrentPassword).NotEmpty().WithMessage(l["Account.CurrentPasswordRequired"]);
        RuleFor(m => m.NewPassword).NotEmpty().WithMessage(l["Account.NewPasswordRequired"])
            .MaximumLength(MaxPasswordLength).WithMessage(l["Validation.TooLong", MaxPasswordLength])
            .NotEqual(m => m.CurrentPassword).WithMessage(l["Account.NewPasswordSameAsOld"]);
        RuleFor(m => m.ConfirmPassword).Equal(m => m.NewPassword).WithMessage(l["Account.PasswordsDoNotMatch"]);
    }
}
