using CustomerManager.Domain.Common;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Infrastructure;

/// <summary>
/// Edit forms carry the version of the record they showed. Saving compares it with the row's version (the
/// concurrency token): a change someone saved in between is never overwritten unseen.
/// </summary>
public static class SeenVersions
{
    /// <summary>Saves, expecting <paramref name="entity"/> still at the version <paramref name="seen"/> the form showed.</summary>
    /// <returns>
    /// Null when saved; otherwise the current version, after a message in <paramref name="modelState"/>: the
    /// form keeps what was typed and carries the new version, so that saving again is a conscious choice.
    /// </returns>
    public static async Task<int?> SaveSeenAsync<T>(this AppDbContext db, T entity, int seen, ModelStateDictionary modelState, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
        where T : Entity
    {
        ArgumentNullException.ThrowIfNull(modelState);
        db.Entry(entity).Property(e => e.Version).OriginalValue = seen;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            modelState.AddModelError(string.Empty, l.Message(ErrorCodes.General.ChangedMeanwhile, []));
            return await db.Set<T>().AsNoTracking().Where(e => e.Id == entity.Id).Select(e => e.Version).SingleOrDefaultAsync(cancellationToken);
        }
    }
}
