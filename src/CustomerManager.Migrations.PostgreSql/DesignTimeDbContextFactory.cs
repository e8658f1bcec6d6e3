using CustomerManager.Infrastructure;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CustomerManager.Migrations.PostgreSql;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model with this project as its own startup project (no server needed).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql("Host=localhost;Database=customermanager;Username=customermanager",
                pg => pg.MigrationsAssembly(DependencyInjection.PostgreSqlMigrationsAssembly))
            .Options);
}
