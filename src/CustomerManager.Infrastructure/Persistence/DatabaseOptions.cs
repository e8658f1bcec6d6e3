namespace CustomerManager.Infrastructure.Persistence;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up (on by default in Development and on SQLite).</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>Seed the demo data when the database is empty (on by default in Development).</summary>
    public bool? SeedDemoData { get; set; }
}
