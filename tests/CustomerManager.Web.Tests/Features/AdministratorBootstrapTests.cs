using CustomerManager.Infrastructure.Identity;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>Outside Development: no demo data, no default password; the first administrator comes from configuration.</summary>
public sealed class ProductionLikeFactory : CustomerManagerFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:SeedDemoData"] = "false",
        // SQLite migrates by default, even outside Development; a server database is migrated by its script, here by the app.
        ["Database:MigrateOnStartup"] = Provider == CustomerManager.Infrastructure.Persistence.DatabaseProvider.Sqlite ? null : "true",
        ["Bootstrap:AdminUserName"] = "chief",
        ["Bootstrap:AdminPassword"] = "First#Admin2026",
    };
}

public class AdministratorBootstrapTests(ProductionLikeFactory factory) : IClassFixture<ProductionLikeFactory>
{
    [Fact]
    public async Task FirstAdministratorComesFromConfigurationAndMustChangeThePassword()
    {
        using var client = factory.CreateBrowserlessClient();

        using var demo = await client.SignInAsync("admin");
        Assert.Equal(System.Net.HttpStatusCode.OK, demo.StatusCode);

        using var chief = await client.SignInAsync("chief", "First#Admin2026");
        Assert.Equal("/Account/ChangePassword", chief.Headers.Location!.OriginalString);

        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(["chief"], await db.Users.Select(u => u.UserName).ToListAsync());
            Assert.Empty(await db.AccountManagers.ToListAsync());
            var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
            Assert.Equal([AppRoles.Administrator], roles);
        });
    }
}
