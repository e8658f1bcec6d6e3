using CustomerManager.Domain.Organisation;
using CustomerManager.Infrastructure;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CustomerManager.Web.Tests.Infrastructure;

/// <summary>
/// Issue 12's migration on a database made by the previous version (migrated to the migration before it, with free-text
/// districts long made into a managed list): every district becomes a district unit with its id, under one company and
/// one department, and every manager stays in their district; the one panel there was becomes that department's panel,
/// and a cycle opened before keeps its company-wide seats. On the engine the suite runs on.
/// </summary>
public sealed class OrganisationUnitsMigrationTests : IAsyncLifetime
{
    private const string PreviousVersion = "VisitedCustomerQuarters";

    private readonly string _sqlitePath = Path.Combine(Path.GetTempPath(), "cm-migration-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly string _postgresDatabase = "cm_migration_" + Guid.NewGuid().ToString("N");

    private static bool Postgres => CustomerManagerFactory.Provider == DatabaseProvider.PostgreSql;

    private string ConnectionString => Postgres
        ? new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("CM_TEST_POSTGRES")) { Database = _postgresDatabase }.ConnectionString
        : $"Data Source={_sqlitePath}";

    private AppDbContext Context() => new(new DbContextOptionsBuilder<AppDbContext>()
        .UseProvider(Postgres, ConnectionString)
        .Options);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_sqlitePath);
        if (Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            var server = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task DistrictsBecomeUnitsUnderOneCompanyAndDepartmentAndManagersStayInThem()
    {
        await using (var previous = Context())
        {
            await previous.GetService<IMigrator>().MigrateAsync(PreviousVersion);
            await previous.Database.ExecuteSqlAsync($"""INSERT INTO "Districts" ("Name", "NameSortKey", "CreatedUtc", "Version") VALUES ({"城东片区"}, {"chengdong"}, '2026-06-01 08:00:00', 3)""");
            await previous.Database.ExecuteSqlAsync($"""INSERT INTO "Districts" ("Name", "NameSortKey", "CreatedUtc", "Version") VALUES ({"河西片区"}, {"hexi"}, '2026-06-01 08:00:00', 1)""");
            var east = await previous.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Districts" WHERE "Name" = {"城东片区"}""").SingleAsync();
            var west = await previous.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Districts" WHERE "Name" = {"河西片区"}""").SingleAsync();
            await previous.Database.ExecuteSqlAsync($"""INSERT INTO "AccountManagers" ("EmployeeNumber", "Name", "NameSortKey", "DistrictId", "IsActive", "CreatedUtc", "Version") VALUES ({"KM001"}, {"陈晓东"}, {"chen"}, {east}, {true}, '2026-06-01 08:00:00', 1)""");
            await previous.Database.ExecuteSqlAsync($"""INSERT INTO "AccountManagers" ("EmployeeNumber", "Name", "NameSortKey", "DistrictId", "IsActive", "CreatedUtc", "Version") VALUES ({"KM002"}, {"刘芳"}, {"liu"}, {west}, {false}, '2026-06-01 08:00:00', 1)""");

            // The panel: two monopoly leaders (the first by id takes the seat), a sales leader, a logistics rep who
            // left, and an administrator; a cycle opened with the old company-wide panel.
            await previous.Database.ExecuteSqlAsync($"""INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName") VALUES ('r-panel', 'PanelMember', 'PANELMEMBER'), ('r-admin', 'Administrator', 'ADMINISTRATOR')""");
            foreach (var (id, role, active, appRole) in new[] { ("u-a", (int?)1, true, "r-panel"), ("u-b", 1, true, "r-panel"), ("u-c", 2, true, "r-panel"), ("u-d", 3, false, "r-panel"), ("u-e", null, true, "r-admin") })
            {
                await previous.Database.ExecuteSqlAsync($"""
                    INSERT INTO "AspNetUsers" ("Id", "UserName", "DisplayName", "PanelRole", "IsActive", "MustChangePassword", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                    VALUES ({id}, {id}, {id}, {role}, {active}, {false}, {true}, {false}, {false}, {true}, 0)
                    """);
                await previous.Database.ExecuteSqlAsync($"""INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES ({id}, {appRole})""");
            }

            // A visit of KM001's that passed an item on (the inbox finds a department's items by their manager).
            var km001 = await previous.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "AccountManagers" WHERE "EmployeeNumber" = {"KM001"}""").SingleAsync();
            await previous.Database.ExecuteSqlAsync($"""
                INSERT INTO "Customers" ("LicenceNumber", "StoreName", "StoreNameSortKey", "Owner", "OwnerSortKey", "Address", "BusinessType", "Status", "CreatedUtc", "Version")
                VALUES ('440103100001', '好又多便利店', 'haoyouduo', '张伟', 'zhangwei', '人民路1号', 1, 1, '2026-06-01 08:00:00', 1)
                """);
            var customer = await previous.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Customers" """).SingleAsync();
            // The brands are a text array on PostgreSQL, JSON text on SQLite.
            var visitSql = Postgres
                ? (FormattableString)$"""
                    INSERT INTO "Visits" ("AccountManagerId", "CustomerId", "VisitedAt", "Kind", "BrandsRecommended", "BrandCount", "VolumeCartons", "ComplaintResolvedOnSpot", "CreatedUtc", "Version")
                    VALUES ({km001}, {customer}, '2026-06-02 10:00:00', 1, ARRAY[]::text[], 0, 0, FALSE, '2026-06-02 10:05:00', 1)
                    """
                : $"""
                    INSERT INTO "Visits" ("AccountManagerId", "CustomerId", "VisitedAt", "Kind", "BrandsRecommended", "BrandCount", "VolumeCartons", "ComplaintResolvedOnSpot", "CreatedUtc", "Version")
                    VALUES ({km001}, {customer}, '2026-06-02 10:00:00', 1, '[]', 0, 0, 0, '2026-06-02 10:05:00', 1)
                    """;
            await previous.Database.ExecuteSqlAsync(visitSql);
            var visit = await previous.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Visits" """).SingleAsync();
            await previous.Database.ExecuteSqlAsync($"""
                INSERT INTO "VisitReports" ("VisitId", "VisitedAt", "Kind", "Message", "Status", "CreatedUtc", "Version")
                VALUES ({visit}, '2026-06-02 10:00:00', 1, '希望改为上午送货', 0, '2026-06-02 10:05:00', 1)
                """);

            await previous.Database.ExecuteSqlAsync($"""INSERT INTO "Cycles" ("Name", "PeriodStart", "PeriodEnd", "Status", "CreatedUtc", "Version") VALUES ('2026 Q3', '2026-07-01', '2026-09-30', 1, '2026-07-01 08:00:00', 1)""");
            await previous.Database.ExecuteSqlAsync($"""INSERT INTO "CyclePanel" ("CycleId", "UserId", "Role") SELECT "Id", 'u-a', 1 FROM "Cycles" """);
        }

        await using var db = Context();
        await db.Database.MigrateAsync();

        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.Id).ToListAsync();
        var company = Assert.Single(units, u => u.Kind == UnitKind.Company);
        var department = Assert.Single(units, u => u.Kind == UnitKind.Department);
        Assert.Equal(("HQ", (int?)null, "DEPT", (int?)company.Id), (company.Code, company.ParentId, department.Code, department.ParentId));
        var districts = units.Where(u => u.Kind == UnitKind.District).Select(u => (u.Name, u.Code, u.ParentId, u.IsActive, u.Version)).ToList();
        var ids = await db.OrgUnits.Where(u => u.Kind == UnitKind.District).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync();
        Assert.Equal([("城东片区", $"D{ids[0]}", (int?)department.Id, true, 3), ("河西片区", $"D{ids[1]}", (int?)department.Id, true, 1)], districts);
        var managers = await db.AccountManagers.AsNoTracking().OrderBy(m => m.EmployeeNumber).Select(m => new { m.EmployeeNumber, m.District.Name, m.District.Parent!.Parent!.Code }).ToListAsync();
        Assert.Equal([("KM001", "城东片区", "HQ"), ("KM002", "河西片区", "HQ")], managers.Select(m => (m.EmployeeNumber, m.Name, m.Code)));

        // The old panel is the department's; the cycle opened before keeps its company-wide seat.
        Assert.Equal(
            [(department.Id, Domain.Evaluation.PanelRole.MonopolyLeader, "u-a"), (department.Id, Domain.Evaluation.PanelRole.SalesLeader, "u-c")],
            await db.DepartmentSeats.OrderBy(s => s.Role).Select(s => new ValueTuple<int, Domain.Evaluation.PanelRole, string>(s.UnitId, s.Role, s.UserId)).ToListAsync());
        var cycle = await db.Cycles.AsNoTracking().SingleAsync();
        Assert.Equal([new Domain.Evaluation.PanelSeat("u-a", Domain.Evaluation.PanelRole.MonopolyLeader)], cycle.Panel);
        Assert.Null(cycle.DepartmentsOf("u-a"));

        // The item carries its visit's manager.
        Assert.Equal(
            await db.AccountManagers.Where(m => m.EmployeeNumber == "KM001").Select(m => m.Id).SingleAsync(),
            await db.VisitReports.Select(r => r.AccountManagerId).SingleAsync());

        // Issue 13 (field work): each business type has its default frequency, customers their first route week, old visits
        // no plan match and no marks; the monthly totals, emptied, are counted again with the on-site visits.
        Assert.Equal(
            [(Domain.Customers.BusinessType.ConvenienceStore, Domain.Customers.VisitFrequency.Weekly), (Domain.Customers.BusinessType.Supermarket, Domain.Customers.VisitFrequency.Weekly),
             (Domain.Customers.BusinessType.Grocery, Domain.Customers.VisitFrequency.Fortnightly), (Domain.Customers.BusinessType.TobaccoAndLiquor, Domain.Customers.VisitFrequency.Weekly),
             (Domain.Customers.BusinessType.Other, Domain.Customers.VisitFrequency.Monthly)],
            (await db.VisitFrequencyDefaults.OrderBy(d => d.BusinessType).ToListAsync()).Select(d => (d.BusinessType, d.Frequency)));
        var planned = await db.Customers.Select(c => new { c.RouteWeek, c.RouteDay }).SingleAsync();
        Assert.Equal((1, (DayOfWeek?)null), (planned.RouteWeek, planned.RouteDay));
        var marked = await db.Visits.Select(v => new { v.Verification, v.PlannedOn }).SingleAsync();
        Assert.Equal((Domain.Visits.VisitVerification.Unverified, (DateOnly?)null), (marked.Verification, marked.PlannedOn));
        Assert.True(await CustomerManager.Infrastructure.Persistence.VisitTotals.EnsureBuiltAsync(db));
        var month = await db.VisitMonthTotals.Select(t => new { t.Visits, t.OnSiteVisits, t.VerifiedVisits }).SingleAsync();
        Assert.Equal((1, 1, 0), (month.Visits, month.OnSiteVisits, month.VerifiedVisits));

        // A new unit gets an id after the kept ones, and the foreign keys point at the units.
        var added = OrgUnit.DistrictOf(await db.OrgUnits.SingleAsync(u => u.Kind == UnitKind.Department), "NEW", "新片区");
        db.OrgUnits.Add(added);
        await db.SaveChangesAsync();
        Assert.True(added.Id > units.Max(u => u.Id));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"""UPDATE "AccountManagers" SET "DistrictId" = {99999} WHERE "EmployeeNumber" = {"KM001"}"""));
    }
}

internal static class MigrationTestProviders
{
    public static DbContextOptionsBuilder<AppDbContext> UseProvider(this DbContextOptionsBuilder<AppDbContext> builder, bool postgres, string connectionString) =>
        postgres
            ? builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(DependencyInjection.PostgreSqlMigrationsAssembly))
            : builder.UseSqlite(connectionString, o => o.MigrationsAssembly(DependencyInjection.SqliteMigrationsAssembly));
}
