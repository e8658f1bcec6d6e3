namespace CustomerManager.Infrastructure.Persistence;

/// <summary>
/// An uploaded customer table between its preview and its confirmation, kept in the database so that any app node
/// can confirm what another previewed. Not a record anyone manages: not audited, deleted once confirmed or two
/// hours old.
/// </summary>
public sealed class ImportUpload
{
    public const int TokenLength = 32;

    public const int FileNameMaxLength = 200;

    /// <summary>32 hex digits, the preview's address.</summary>
    public required string Token { get; init; }

    public required string UserId { get; init; }

    public required string FileName { get; init; }

    /// <summary>The table as read from the file, as JSON.</summary>
    public required string Table { get; init; }

    public DateTime CreatedUtc { get; init; }
}
