using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Persistence.Interceptors;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Default";
    public const string SqliteMigrationsAssembly = "CustomerManager.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "CustomerManager.Migrations.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "CustomerManager.Migrations.PostgreSql";

    /// <summary>
    /// Registers the <see cref="AppDbContext"/> on the provider <c>Database:Provider</c> names, with its
    /// migrations from the matching <c>CustomerManager.Migrations.&lt;Provider&gt;</c> assembly.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        services.AddSingleton(options);
        // The one place the system clock is read; everything else injects TimeProvider (tests replace it).
#pragma warning disable RS0030
        services.AddSingleton(TimeProvider.System);
#pragma warning restore RS0030
        services.AddScoped<AuditStampInterceptor>();
        services.AddScoped<AuditTrailInterceptor>();

        services.AddDbContext<AppDbContext>((sp, db) =>
        {
            switch (options.Provider)
            {
                case DatabaseProvider.SqlServer:
                    db.UseSqlServer(
                        connectionString ?? throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Default is missing."),
                        sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly).ExecutionStrategy(d => new SqlServerRetries(d)));
                    break;
                case DatabaseProvider.PostgreSql:
                    db.UseNpgsql(
                        connectionString ?? throw new InvalidOperationException("Database:Provider is PostgreSql but ConnectionStrings:Default is missing."),
                        pg => pg.MigrationsAssembly(PostgreSqlMigrationsAssembly).ExecutionStrategy(d => new PostgreSqlRetries(d)));
                    break;
                default:
                    db.UseSqlite(SqliteConnectionString(connectionString, AppContext.BaseDirectory), sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                    // The SQLite migrations rebuild tables around their data fixes, with foreign keys off outside a
                    // transaction where SQLite requires it; each was reviewed and is applied from scratch by every
                    // test run, so EF's warnings about those patterns would only alarm a new user at first start.
                    db.ConfigureWarnings(w => w.Log(
                        (SqliteEventId.TableRebuildPendingWarning, LogLevel.Debug),
                        (RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)));
                    break;
            }

            db.AddInterceptors(sp.GetRequiredService<AuditStampInterceptor>(), sp.GetRequiredService<AuditTrailInterceptor>());
        });
        return services;
    }

    /// <summary>
    /// The SQLite connection string; with none configured, a file in a <c>data</c> folder beside the app's
    /// binaries (whatever the working directory), created on demand. A relative path is taken from there too.
    /// </summary>
    public static string SqliteConnectionString(string? configured, string appDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/customermanager.db" : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.Combine(appDirectory, builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        builder.ForeignKeys = true;
        return builder.ToString();
    }
}
