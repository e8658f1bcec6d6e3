using CustomerManager.Infrastructure;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CustomerManager.Migrations.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the SQL Server model with this project as its own startup project (no server needed).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlServer("Server=localhost;Database=CustomerManager;Integrated Security=true;TrustServerCertificate=true",
                sql => sql.MigrationsAssembly(DependencyInjection.SqlServerMigrationsAssembly))
            .Options);
}
