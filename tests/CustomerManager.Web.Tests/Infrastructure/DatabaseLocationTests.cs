using CustomerManager.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CustomerManager.Web.Tests.Infrastructure;

public sealed class DatabaseLocationTests : IDisposable
{
    private readonly string _appDirectory = Path.Combine(Path.GetTempPath(), "cm-location-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_appDirectory))
        {
            Directory.Delete(_appDirectory, recursive: true);
        }
    }

    [Fact]
    public void WithNoConnectionStringTheDatabaseLivesInADataFolderBesideTheApp()
    {
        var connection = new SqliteConnectionStringBuilder(DependencyInjection.SqliteConnectionString(null, _appDirectory));

        Assert.Equal(Path.Combine(_appDirectory, "data", "customermanager.db"), connection.DataSource);
        Assert.True(Directory.Exists(Path.Combine(_appDirectory, "data")));
        Assert.True(connection.ForeignKeys);
    }

    [Fact]
    public void RelativePathIsTakenFromTheAppFolderAndAbsolutePathAsGiven()
    {
        var relative = new SqliteConnectionStringBuilder(DependencyInjection.SqliteConnectionString("Data Source=db/cm.db", _appDirectory));
        var absolutePath = Path.Combine(_appDirectory, "elsewhere", "cm.db");
        var absolute = new SqliteConnectionStringBuilder(DependencyInjection.SqliteConnectionString($"Data Source={absolutePath}", _appDirectory));

        Assert.Equal(Path.Combine(_appDirectory, "db", "cm.db"), relative.DataSource);
        Assert.Equal(absolutePath, absolute.DataSource);
    }

    [Fact]
    public void InMemoryDatabaseIsLeftAlone()
    {
        var memory = new SqliteConnectionStringBuilder(DependencyInjection.SqliteConnectionString("Data Source=:memory:", _appDirectory));

        Assert.Equal(":memory:", memory.DataSource);
        Assert.False(Directory.Exists(_appDirectory));
    }
}
