using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CustomerManager.Web.Infrastructure;

public static class ValidationExtensions
{
    /// <summary>Runs a FluentValidation validator and copies its failures into <paramref name="modelState"/>.</summary>
    /// <returns>True when the model is valid and model binding reported no errors either.</returns>
    public static Task<bool> ValidateIntoAsync<T>(this IValidator<T> validator, T model, ModelStateDictionary modelState, CancellationToken cancellationToken = default) =>
        validator.ValidateIntoAsync(model, modelState, null, cancellationToken);

    /// <summary>
    /// Runs a FluentValidation validator and copies its failures into <paramref name="modelState"/>, under the form fields'
    /// <paramref name="prefix"/> when the model was bound from one (<c>Spec.Name</c>).
    /// </summary>
    /// <returns>True when the model is valid and model binding reported no errors either.</returns>
    public static async Task<bool> ValidateIntoAsync<T>(this IValidator<T> validator, T model, ModelStateDictionary modelState, string? prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(modelState);
        var result = await validator.ValidateAsync(model, cancellationToken);
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(prefix is null ? error.PropertyName : $"{prefix}.{error.PropertyName}", error.ErrorMessage);
        }

        return modelState.IsValid;
    }
}
