using System.Text.Json;

namespace CustomerManager.Web.Features.CustomerImport;

/// <summary>
/// Keeps an uploaded table between the preview and the confirmation (a file in the temp folder, for the user
/// who uploaded it, for two hours). Nothing reaches the database until the user confirms.
/// </summary>
public sealed class ImportStore(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "customermanager-imports");

    public sealed record StoredImport(string UserId, string FileName, TableData Table);

    public async Task<string> SaveAsync(string userId, string fileName, TableData table, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_directory);
        RemoveExpired();
        var token = Guid.NewGuid().ToString("N");
        await using var stream = File.Create(PathOf(token));
        await JsonSerializer.SerializeAsync(stream, new StoredImport(userId, fileName, table), cancellationToken: cancellationToken);
        return token;
    }

    /// <summary>The stored table, or null when the token is unknown, expired or belongs to another user.</summary>
    public async Task<StoredImport?> LoadAsync(string? token, string userId, CancellationToken cancellationToken)
    {
        if (token is null || !Guid.TryParseExact(token, "N", out _) || !File.Exists(PathOf(token)))
        {
            return null;
        }

        if (File.GetLastWriteTimeUtc(PathOf(token)) < clock.GetUtcNow().UtcDateTime - Lifetime)
        {
            Delete(token);
            return null;
        }

        await using var stream = File.OpenRead(PathOf(token));
        var stored = await JsonSerializer.DeserializeAsync<StoredImport>(stream, cancellationToken: cancellationToken);
        return stored?.UserId == userId ? stored : null;
    }

    public void Delete(string token)
    {
        if (Guid.TryParseExact(token, "N", out _))
        {
            File.Delete(PathOf(token));
        }
    }

    private string PathOf(string token) => Path.Combine(_directory, token + ".json");

    private void RemoveExpired()
    {
        var limit = clock.GetUtcNow().UtcDateTime - Lifetime;
        foreach (var file in Directory.EnumerateFiles(_directory, "*.json").Where(f => File.GetLastWriteTimeUtc(f) < limit))
        {
            File.Delete(file);
        }
    }
}
