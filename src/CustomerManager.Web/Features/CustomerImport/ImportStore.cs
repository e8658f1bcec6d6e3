using System.Text.Json;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.CustomerImport;

/// <summary>
/// Keeps an uploaded table between the preview and the confirmation, for the user who uploaded it, for two hours,
/// in the database (<see cref="ImportUpload"/>): the confirmation may reach another app node than the upload did.
/// Nothing reaches the customers until the user confirms.
/// </summary>
public sealed class ImportStore(AppDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    public sealed record StoredImport(string UserId, string FileName, TableData Table);

    public async Task<string> SaveAsync(string userId, string fileName, TableData table, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ImportUploads.Where(u => u.CreatedUtc < now - Lifetime).ExecuteDeleteAsync(cancellationToken);
        var upload = new ImportUpload
        {
            Token = Guid.NewGuid().ToString("N"),
            UserId = userId,
            FileName = fileName.Length > ImportUpload.FileNameMaxLength ? fileName[..ImportUpload.FileNameMaxLength] : fileName,
            Table = JsonSerializer.Serialize(table),
            CreatedUtc = now,
        };
        db.ImportUploads.Add(upload);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(upload).State = EntityState.Detached;
        return upload.Token;
    }

    /// <summary>The stored table, or null when the token is unknown, expired or belongs to another user.</summary>
    public async Task<StoredImport?> LoadAsync(string? token, string userId, CancellationToken cancellationToken)
    {
        if (token is null || !Guid.TryParseExact(token, "N", out _))
        {
            return null;
        }

        var since = clock.GetUtcNow().UtcDateTime - Lifetime;
        var upload = await db.ImportUploads.AsNoTracking()
            .Where(u => u.Token == token && u.UserId == userId && u.CreatedUtc >= since)
            .Select(u => new { u.FileName, u.Table })
            .SingleOrDefaultAsync(cancellationToken);
        return upload is null || JsonSerializer.Deserialize<TableData>(upload.Table) is not { } table ? null : new StoredImport(userId, upload.FileName, table);
    }

    public Task DeleteAsync(string token, CancellationToken cancellationToken) =>
        db.ImportUploads.Where(u => u.Token == token).ExecuteDeleteAsync(cancellationToken);
}
