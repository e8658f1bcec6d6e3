using System.Globalization;
using CustomerManager.Domain.Common;
using CustomerManager.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Infrastructure;

/// <summary>
/// Binds every int, long and decimal a form or URL carries with the one strict reader, <see cref="NumberText"/>:
/// what was typed is read exactly or refused with a message in the user's language, never reinterpreted by the
/// culture ("8,5" is not 85). Dates and times are read in the one format date inputs send (2026-11-27,
/// 2026-11-27T09:30), whatever the language. The typed text stays in the model state, so the form shows it again.
/// </summary>
public sealed class StrictInputModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type == typeof(decimal) || type == typeof(int) || type == typeof(long) ? new StrictNumberModelBinder()
            : type == typeof(DateOnly) || type == typeof(DateTime) ? new StrictDateModelBinder()
            : null;
    }
}

public sealed class StrictDateModelBinder : IModelBinder
{
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var posted = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (posted == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, posted);
        var modelType = bindingContext.ModelMetadata.ModelType;
        var isDate = (Nullable.GetUnderlyingType(modelType) ?? modelType) == typeof(DateOnly);
        var text = posted.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (Nullable.GetUnderlyingType(modelType) is not null)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
                return Task.CompletedTask;
            }
        }
        else if (isDate && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            bindingContext.Result = ModelBindingResult.Success(date);
            return Task.CompletedTask;
        }
        else if (!isDate && DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            bindingContext.Result = ModelBindingResult.Success(time);
            return Task.CompletedTask;
        }

        var l = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, string.IsNullOrEmpty(text) ? l["Validation.Required"] : l[isDate ? "Validation.Date" : "Validation.DateTime"]);
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}

public sealed class StrictNumberModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var posted = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (posted == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, posted);
        var modelType = bindingContext.ModelMetadata.ModelType;
        var type = Nullable.GetUnderlyingType(modelType) ?? modelType;
        var whole = type != typeof(decimal);
        long integer = 0;
        decimal number = 0;
        var error = whole ? NumberText.TryParseWhole(posted.FirstValue, out integer) : NumberText.TryParseDecimal(posted.FirstValue, out number);
        if (error == NumberTextError.Empty && Nullable.GetUnderlyingType(modelType) is not null)
        {
            bindingContext.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }

        object? value = error != NumberTextError.None ? null
            : !whole ? number
            : type == typeof(long) ? integer
            : integer is >= int.MinValue and <= int.MaxValue ? (int)integer
            : null;
        if (value is null)
        {
            var l = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, error switch
            {
                NumberTextError.Empty => l["Validation.Required"],
                NumberTextError.Negative => l["Validation.NotNegative"],
                NumberTextError.NotANumber or NumberTextError.NotWhole when whole => l["Validation.WholeNumber"],
                NumberTextError.NotANumber => l["Validation.Number"],
                _ => l["Validation.NumberTooLong"],
            });
            bindingContext.Result = ModelBindingResult.Failed();
            return Task.CompletedTask;
        }

        bindingContext.Result = ModelBindingResult.Success(value);
        return Task.CompletedTask;
    }
}

/// <summary>Puts the strict number and date binder first and every message of model binding into the resources.</summary>
public sealed class LocalizedModelBindingSetup(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ModelBinderProviders.Insert(0, new StrictInputModelBinderProvider());
        var l = factory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => l["Validation.ValueInvalid", value]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Validation.ValueInvalid", value]);
        messages.SetValueIsInvalidAccessor(value => l["Validation.ValueInvalid", value]);
        messages.SetUnknownValueIsInvalidAccessor(_ => l["Validation.Choose"]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.Choose"]);
        messages.SetValueMustBeANumberAccessor(_ => l["Validation.Number"]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.Number"]);
        messages.SetValueMustNotBeNullAccessor(_ => l["Validation.Required"]);
        messages.SetMissingBindRequiredValueAccessor(_ => l["Validation.Required"]);
        messages.SetMissingKeyOrValueAccessor(() => l["Validation.Required"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.Required"]);
    }
}
