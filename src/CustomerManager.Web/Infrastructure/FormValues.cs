using Microsoft.AspNetCore.Mvc.Rendering;

namespace CustomerManager.Web.Infrastructure;

public static class FormValues
{
    /// <summary>
    /// What the user typed into <paramref name="field"/> when it was refused (so that nothing typed is lost),
    /// otherwise the model's value as the form writes it.
    /// </summary>
    public static string? TypedOr(this ViewContext view, string field, string? value) =>
        view.ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.AttemptedValue : value;
}
