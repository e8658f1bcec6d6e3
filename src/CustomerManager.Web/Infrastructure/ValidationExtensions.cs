using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CustomerManager.Web.Infrastructure;

public static class ValidationExtensions
{
    /// <summary>Runs a FluentValidation validator and copies its failures into <paramref name="modelState"/>.</summary>
    /// <returns>True when the model is valid and model binding reported no errors either.</returns>
    public static async Task<bool> ValidateIntoAsync<T>(this IValidator<T> validator, T model, ModelStateDictionary modelState, CancellationToken cancellationToken = default)
    {
        var result = await validator.ValidateAsync(model, cancellationToken);
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }

        return modelState.IsValid;
    }
}
