using System.Text.Json;
using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Persistence.Interceptors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace CustomerManager.Web.Tests.Infrastructure;

/// <summary>The audit trail on a real SQLite database: who changed what, when, old and new values.</summary>
public class AuditTrailTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private AppDbContext NewContext(string? userName)
    {
        var user = new Mock<ICurrentUser>();
        user.SetupGet(u => u.UserName).Returns(userName);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var options = factory.UseTestDatabase(new DbContextOptionsBuilder<AppDbContext>())
            .AddInterceptors(new AuditStampInterceptor(clock, user.Object), new AuditTrailInterceptor(clock, user.Object))
            .Options;
        return new AppDbContext(options);
    }

    private static Dictionary<string, JsonElement> Parse(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Fact]
    public async Task CreatingARecordIsAuditedWithItsNewIdAndValues()
    {
        _ = factory.Services;
        await using var db = NewContext("admin");
        var manager = new AccountManager("A100", "审计甲", "13900000000", await db.DistrictAsync("城北片区"));
        db.AccountManagers.Add(manager);

        await db.SaveChangesAsync();

        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(AccountManager) && a.EntityId == manager.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(AuditTrailInterceptor.Created, entry.Action);
        Assert.Equal("admin", entry.UserName);
        Assert.Equal(Now.UtcDateTime, entry.AtUtc);
        Assert.Null(entry.OldValues);
        var values = Parse(entry.NewValues);
        Assert.Equal("A100", values["EmployeeNumber"].GetString());
        Assert.Equal(manager.DistrictId, values["DistrictId"].GetInt32());
        Assert.False(values.ContainsKey("CreatedUtc"));
    }

    [Fact]
    public async Task UpdateRecordsOnlyTheChangedValuesOldAndNew()
    {
        _ = factory.Services;
        await using (var setup = NewContext("admin"))
        {
            setup.AccountManagers.Add(new AccountManager("A101", "审计乙", "13900000001", await setup.DistrictAsync("城北片区")));
            await setup.SaveChangesAsync();
        }

        await using var db = NewContext("chief");
        var manager = await db.AccountManagers.SingleAsync(m => m.EmployeeNumber == "A101");
        manager.UpdateProfile("审计乙", "13900000009", await db.DistrictAsync("城北片区"));
        manager.Deactivate(currentCustomers: 0);
        await db.SaveChangesAsync();

        var entry = await db.AuditEntries.Where(a => a.EntityType == nameof(AccountManager) && a.Action == AuditTrailInterceptor.Updated)
            .OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal("chief", entry.UserName);
        Assert.Equal(["IsActive", "Phone"], Parse(entry.NewValues).Keys.Order());
        Assert.Equal("13900000001", Parse(entry.OldValues)["Phone"].GetString());
        Assert.Equal("13900000009", Parse(entry.NewValues)["Phone"].GetString());
        Assert.False(Parse(entry.NewValues)["IsActive"].GetBoolean());
    }

    [Fact]
    public async Task ReassigningACustomerAuditsTheCustomerAndTheNewAssignment()
    {
        _ = factory.Services;
        await using var db = NewContext("admin");
        var managers = await db.AccountManagers.OrderBy(m => m.Id).Take(2).ToListAsync();
        var customer = new RetailCustomer("990100000001", "审计店", "店主", null, "路", BusinessType.Grocery);
        customer.AssignTo(managers[0].Id, new DateOnly(2026, 1, 1), "新开户", "admin");
        db.Customers.Add(customer);
        await db.SaveChangesAsync();

        customer.AssignTo(managers[1].Id, new DateOnly(2026, 3, 1), "片区调整", "admin");
        await db.SaveChangesAsync();

        var customerId = customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var customerEntries = await db.AuditEntries.Where(a => a.EntityType == nameof(RetailCustomer) && a.EntityId == customerId).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditTrailInterceptor.Created, AuditTrailInterceptor.Updated], customerEntries.Select(e => e.Action));
        Assert.Equal(managers[1].Id, Parse(customerEntries[1].NewValues)["CurrentManagerId"].GetInt32());
        var assignments = await db.AuditEntries.Where(a => a.EntityType == nameof(CustomerAssignment)).OrderByDescending(a => a.Id).Take(3).ToListAsync();
        Assert.Contains(assignments, a => a.Action == AuditTrailInterceptor.Created && Parse(a.NewValues)["Reason"].GetString() == "片区调整"
            && Parse(a.NewValues)["CustomerId"].GetInt32() == customer.Id);
        Assert.Contains(assignments, a => a.Action == AuditTrailInterceptor.Updated && Parse(a.NewValues)["To"].GetString() == "2026-03-01");
    }

    [Fact]
    public async Task ChangingTierBoundsIsAuditedAsAChangeOfTheSettings()
    {
        _ = factory.Services;
        await using var db = NewContext("admin");
        var settings = await db.RatingSettings.SingleAsync();
        settings.ChangeBounds(new TierBounds(92, 82, 72, 62));

        await db.SaveChangesAsync();

        var entry = await db.AuditEntries.Where(a => a.EntityType == nameof(RatingSettings)).OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(90, Parse(entry.OldValues)["Bounds.FiveStar"].GetDecimal());
        Assert.Equal(92, Parse(entry.NewValues)["Bounds.FiveStar"].GetDecimal());
    }

    [Fact]
    public async Task AFailedSaveLeavesNoAuditEntry()
    {
        _ = factory.Services;
        await using var db = NewContext("admin");
        var before = await db.AuditEntries.CountAsync();
        db.AccountManagers.Add(new AccountManager("KM001", "重复工号", null, await db.DistrictAsync("城东片区")));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        db.ChangeTracker.Clear();
        Assert.Equal(before, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task RoleChangesAndLockoutsOfUsersAreAuditedWithoutSecrets()
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = new AppUser { UserName = "audited-user", DisplayName = "被审计" };
        Assert.True((await users.CreateAsync(user, "Audit#Pass1")).Succeeded);
        await users.AddToRoleAsync(user, AppRoles.PanelMember);
        await users.SetLockoutEndDateAsync(user, Now.AddDays(1));

        var entries = await db.AuditEntries.Where(a => a.EntityType == nameof(AppUser) && a.EntityId == user.Id).OrderBy(a => a.Id).ToListAsync();

        Assert.Equal(AuditTrailInterceptor.Created, entries[0].Action);
        Assert.Contains(entries, e => e.Action == AuditTrailInterceptor.RoleAdded && Parse(e.NewValues)["Role"].GetString() == AppRoles.PanelMember);
        Assert.Contains(entries, e => e.Action == AuditTrailInterceptor.Updated && Parse(e.NewValues).ContainsKey("LockoutEnd"));
        Assert.All(entries, e => Assert.DoesNotContain("PasswordHash", e.NewValues ?? string.Empty, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("SecurityStamp", e.NewValues ?? string.Empty, StringComparison.Ordinal));
    }
}
