using CustomerManager.Domain.Common;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Infrastructure;

/// <summary>
/// The safety net of optimistic concurrency: a save that lost a race (someone changed the same record, or took
/// the same unique value, a moment earlier) and that the action did not answer itself never shows an error
/// page. Nothing was saved; the user goes back to the page they came from and is told why. A save that failed
/// because the database was out of reach is not a conflict: it goes on to the "try again shortly" page.
/// </summary>
public sealed class ConcurrencyConflictFilter(IStringLocalizer<SharedResource> l, ITempDataDictionaryFactory tempData, ILogger<ConcurrencyConflictFilter> logger) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        // A concurrency token that moved on, or a unique value (a name, a licence number) someone took first.
        if (context.Exception is not DbUpdateException || Retries.DatabaseUnavailable(context.Exception))
        {
            return;
        }

        logger.LogWarning("Concurrent change refused on {Path}", context.HttpContext.Request.Path);
        tempData.GetTempData(context.HttpContext).Warn(l.Message(ErrorCodes.General.ChangedMeanwhile, []));
        var referer = context.HttpContext.Request.Headers.Referer.ToString();
        var back = Uri.TryCreate(referer, UriKind.Absolute, out var uri) && uri.Host == context.HttpContext.Request.Host.Host ? uri.PathAndQuery : "/";
        context.Result = new LocalRedirectResult(back);
        context.ExceptionHandled = true;
    }
}
