namespace CustomerManager.Infrastructure.Persistence;

/// <summary>The database engines the application runs on, chosen by <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}
