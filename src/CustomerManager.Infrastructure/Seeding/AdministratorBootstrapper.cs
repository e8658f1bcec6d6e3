using CustomerManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Infrastructure.Seeding;

/// <summary>
/// Outside Development there are no default passwords: when no administrator exists, the first one comes
/// from configuration (<c>Bootstrap:AdminUserName</c> and <c>Bootstrap:AdminPassword</c>, e.g. the
/// environment variables <c>Bootstrap__AdminUserName</c> and <c>Bootstrap__AdminPassword</c>).
/// </summary>
public sealed class AdministratorBootstrapper(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IConfiguration configuration, ILogger<AdministratorBootstrapper> logger)
{
    public async Task EnsureAdministratorAsync()
    {
        await DemoDataSeeder.EnsureRolesAsync(roles);
        if ((await users.GetUsersInRoleAsync(AppRoles.Administrator)).Count > 0)
        {
            return;
        }

        var userName = configuration["Bootstrap:AdminUserName"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrWhiteSpace(password))
        {
            logger.LogWarning(
                "No administrator exists. Set the environment variables Bootstrap__AdminUserName and Bootstrap__AdminPassword " +
                "(or the Bootstrap section of the configuration) and restart to create the first administrator.");
            return;
        }

        var admin = new AppUser { UserName = userName, DisplayName = userName, EmailConfirmed = true, MustChangePassword = true };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            logger.LogError("The first administrator could not be created: {Errors}", string.Join(", ", created.Errors.Select(e => e.Code)));
            return;
        }

        await users.AddToRoleAsync(admin, AppRoles.Administrator);
        logger.LogInformation("Created the first administrator {UserName} from configuration; the password must be changed at first sign-in", userName);
    }
}
