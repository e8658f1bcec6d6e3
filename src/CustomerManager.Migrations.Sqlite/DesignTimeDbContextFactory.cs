using CustomerManager.Infrastructure;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CustomerManager.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model with this project as its own startup project.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsAssembly(DependencyInjection.SqliteMigrationsAssembly))
            .Options);
}
