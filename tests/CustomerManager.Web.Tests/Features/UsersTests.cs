using System.Globalization;
using System.Net;
using CustomerManager.Domain.Common;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Web.Features.Users;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

public class UserAdministrationRulesTests
{
    [Fact]
    public void AdministratorCannotRemoveTheirOwnAccess() =>
        Assert.Equal(ErrorCodes.Users.NotYourself, UserAdministrationRules.CheckRemovalOfAdministrator("me", "me", targetIsActiveAdministrator: true, activeAdministrators: 3));

    [Fact]
    public void LastActiveAdministratorCannotBeRemoved() =>
        Assert.Equal(ErrorCodes.Users.LastAdministrator, UserAdministrationRules.CheckRemovalOfAdministrator("me", "other", targetIsActiveAdministrator: true, activeAdministrators: 1));

    [Fact]
    public void AnotherAdministratorCanBeRemovedWhileOneRemains() =>
        Assert.Null(UserAdministrationRules.CheckRemovalOfAdministrator("me", "other", targetIsActiveAdministrator: true, activeAdministrators: 2));

    [Fact]
    public void NonAdministratorsAreNotConcerned() =>
        Assert.Null(UserAdministrationRules.CheckRemovalOfAdministrator("me", "me", targetIsActiveAdministrator: false, activeAdministrators: 0));

    [Theory]
    [InlineData(AppRoles.PanelMember, false, false, "Users.PanelRoleRequired")]
    [InlineData(AppRoles.PanelMember, true, false, null)]
    [InlineData(AppRoles.AccountManager, false, false, "Users.ManagerRequired")]
    [InlineData(AppRoles.AccountManager, false, true, null)]
    [InlineData(AppRoles.Administrator, false, false, null)]
    [InlineData("Superuser", false, false, "Users.UnknownRole")]
    public void EachRoleNeedsItsDetails(string role, bool hasPanelRole, bool hasManager, string? expected) =>
        Assert.Equal(expected, UserAdministrationRules.CheckRoleDetails(role, hasPanelRole ? CustomerManager.Domain.Evaluation.PanelRole.SalesLeader : null, hasManager ? 1 : null));
}

public class UsersTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private async Task<string> UserIdAsync(string userName)
    {
        var id = string.Empty;
        await factory.WithDbAsync(async db => id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        return id;
    }

    [Fact]
    public async Task AdministratorSeesEveryUserWithRoleAndSeat()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/Users");

        var rows = page.QuerySelectorAll("#users tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(18, rows.Count); // admin, 8 panel members (two departments' panels), 8 managers, the supervisor
        Assert.Contains(rows, r => r.Contains("supervisor", StringComparison.Ordinal) && r.Contains("机构负责人", StringComparison.Ordinal) && r.Contains("城区营销部", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("monopoly", StringComparison.Ordinal) && r.Contains("专卖分管领导", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("am01", StringComparison.Ordinal) && r.Contains("陈晓东", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("monopoly")]
    [InlineData("am01")]
    public async Task OnlyAdministratorsManageUsersAndReadTheAuditLog(string userName)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);

        foreach (var url in new[] { "/Users", "/Users/Create", "/Audit" })
        {
            using var response = await client.GetAsync(url);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NewUserGetsOneRoleWithItsSeatAndMustChangeTheTemporaryPassword()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var created = await admin.SubmitFormAsync("/Users/Create", "#user-form", new Dictionary<string, string>
        {
            ["UserName"] = "deputy.sales",
            ["DisplayName"] = "副销售",
            ["Role"] = AppRoles.PanelMember,
            ["PanelRole"] = "SalesLeader",
            ["TemporaryPassword"] = "Temp#Pass2026",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var user = factory.CreateBrowserlessClient();
        using var signIn = await user.SignInAsync("deputy.sales", "Temp#Pass2026");
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
        await factory.WithDbAsync(async db =>
        {
            var saved = await db.Users.SingleAsync(u => u.UserName == "deputy.sales");
            Assert.Equal(CustomerManager.Domain.Evaluation.PanelRole.SalesLeader, saved.PanelRole);
            Assert.Null(saved.AccountManagerId);
        });
    }

    [Fact]
    public async Task MissingSeatTakenManagerAndWeakPasswordAreExplained()
    {
        var linked = await factory.ManagerIdAsync("KM001");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var panel = await (await admin.SubmitFormAsync("/Users/Create", "#user-form", new Dictionary<string, string>
        {
            ["UserName"] = "monopoly",
            ["DisplayName"] = "",
            ["Role"] = AppRoles.PanelMember,
            ["PanelRole"] = "",
            ["TemporaryPassword"] = "",
        })).ToDocumentAsync();
        var manager = await (await admin.SubmitFormAsync("/Users/Create", "#user-form", new Dictionary<string, string>
        {
            ["UserName"] = "someone-new",
            ["DisplayName"] = "新人",
            ["Role"] = AppRoles.AccountManager,
            ["AccountManagerId"] = linked.ToString(CultureInfo.InvariantCulture),
            ["TemporaryPassword"] = "weak",
        })).ToDocumentAsync();

        Assert.Equal("该用户名已被使用。", panel.QuerySelector("[data-valmsg-for=UserName]")!.TextContent.Trim());
        Assert.Equal("此项为必填。", panel.QuerySelector("[data-valmsg-for=DisplayName]")!.TextContent.Trim());
        Assert.Equal("评定小组成员必须有且只有一个评定身份。", panel.QuerySelector("[data-valmsg-for=PanelRole]")!.TextContent.Trim());
        Assert.Equal("请输入临时密码。", panel.QuerySelector("[data-valmsg-for=TemporaryPassword]")!.TextContent.Trim());
        Assert.Equal("该客户经理档案已停用或已有登录账号。", manager.QuerySelector("[data-valmsg-for=AccountManagerId]")!.TextContent.Trim());
        // The weak password is reported with the other problems, and stays in its field to be corrected.
        var passwordMessage = manager.QuerySelector("[data-valmsg-for=TemporaryPassword]")!.TextContent;
        Assert.Contains("8", passwordMessage, StringComparison.Ordinal);
        Assert.Contains("大写", passwordMessage, StringComparison.Ordinal);
        Assert.Equal("weak", manager.QuerySelector("#TemporaryPassword")!.GetAttribute("value"));
        await factory.WithDbAsync(async db => Assert.False(await db.Users.AnyAsync(u => u.UserName == "someone-new")));
    }

    [Fact]
    public async Task AUsersEmailAddressIsCheckedSavedAndClearedOnTheirForm()
    {
        var id = await UserIdAsync("logistics2");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var refused = await (await admin.SubmitFormAsync($"/Users/Edit/{id}", "#user-form", new Dictionary<string, string> { ["Email"] = "zhao qiang@example" })).ToDocumentAsync();
        var kept = await factory.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Email).SingleAsync());
        using var saved = await admin.SubmitFormAsync($"/Users/Edit/{id}", "#user-form", new Dictionary<string, string> { ["Email"] = " zhaoqiang@tobacco.example.cn " });
        var savedEmail = await factory.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Email).SingleAsync());
        var form = await admin.GetDocumentAsync($"/Users/Edit/{id}");
        using var cleared = await admin.SubmitFormAsync($"/Users/Edit/{id}", "#user-form", new Dictionary<string, string> { ["Email"] = "" });

        Assert.Contains("请输入邮箱地址", refused.QuerySelector("[data-valmsg-for=Email]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("zhao qiang@example", refused.QuerySelector("#Email")!.GetAttribute("value"));
        Assert.Equal("logistics2@example.com", kept);
        Assert.Equal("zhaoqiang@tobacco.example.cn", savedEmail);
        Assert.Equal("zhaoqiang@tobacco.example.cn", form.QuerySelector("#Email")!.GetAttribute("value"));
        Assert.Null(await factory.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Email).SingleAsync()));
    }

    [Fact]
    public async Task AdministratorCannotDeactivateOrDemoteThemself()
    {
        var me = await UserIdAsync("admin");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var deactivate = await admin.SubmitFormAsync($"/Users/Edit/{me}", "form[action$='/Users/Deactivate/" + me + "']", new Dictionary<string, string>());
        var demote = await (await admin.SubmitFormAsync($"/Users/Edit/{me}", "#user-form", new Dictionary<string, string>
        {
            ["Role"] = AppRoles.PanelMember,
            ["PanelRole"] = "SalesLeader",
        })).ToDocumentAsync();

        Assert.Contains("不能停用、锁定或降级您自己的管理员账号", demote.QuerySelector("[data-valmsg-for=Role]")!.TextContent, StringComparison.Ordinal);
        await factory.WithDbAsync(async db =>
        {
            var self = await db.Users.SingleAsync(u => u.Id == me);
            Assert.True(self.IsActive);
            Assert.Null(self.PanelRole);
        });
        using var stillAdmin = await admin.GetAsync("/Users");
        Assert.Equal(HttpStatusCode.OK, stillAdmin.StatusCode);
    }

    [Fact]
    public async Task LockedUserCannotSignInUntilUnlocked()
    {
        var id = await UserIdAsync("am07");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var locked = await admin.SubmitFormAsync($"/Users/Edit/{id}", "form[action$='/Users/Lock/" + id + "']", new Dictionary<string, string>());
        using var refused = await factory.CreateBrowserlessClient().SignInAsync("am07");
        using var unlocked = await admin.SubmitFormAsync($"/Users/Edit/{id}", "form[action$='/Users/Unlock/" + id + "']", new Dictionary<string, string>());
        using var allowed = await factory.CreateBrowserlessClient().SignInAsync("am07");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("/MyWork", allowed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task DeactivatedUserCannotSignInAgain()
    {
        var id = await UserIdAsync("am08");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var _ = await admin.SubmitFormAsync($"/Users/Edit/{id}", "form[action$='/Users/Deactivate/" + id + "']", new Dictionary<string, string>());
        using var again = await factory.CreateBrowserlessClient().SignInAsync("am08");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await factory.WithDbAsync(async db => Assert.False((await db.Users.SingleAsync(u => u.Id == id)).IsActive));
    }

    [Fact]
    public async Task TemporaryPasswordReplacesTheOldAndMustBeChanged()
    {
        var id = await UserIdAsync("am06");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var weak = await (await admin.SubmitFormAsync($"/Users/Edit/{id}", "#reset-password", new Dictionary<string, string> { ["NewPassword"] = "abc" })).ToDocumentAsync();
        using var reset = await admin.SubmitFormAsync($"/Users/Edit/{id}", "#reset-password", new Dictionary<string, string> { ["NewPassword"] = "Reset#Pass99" });
        using var old = await factory.CreateBrowserlessClient().SignInAsync("am06");
        using var fresh = await factory.CreateBrowserlessClient().SignInAsync("am06", "Reset#Pass99");

        Assert.Contains("8", weak.QuerySelector("[data-valmsg-for=NewPassword]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal("/Account/ChangePassword", fresh.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AuditLogShowsWhoChangedWhatAndFilters()
    {
        var id = await UserIdAsync("logistics");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var _ = await admin.SubmitFormAsync($"/Users/Edit/{id}", "#user-form", new Dictionary<string, string> { ["DisplayName"] = "赵强（物流）" });

        var page = await admin.GetDocumentAsync($"/Audit?entityType=AppUser&entityId={id}&userName=admin");

        var rows = page.QuerySelectorAll("#audit tbody tr").Select(r => r.TextContent).ToList();
        Assert.NotEmpty(rows);
        Assert.Contains("赵强（物流）", rows[0], StringComparison.Ordinal);
        Assert.Contains("修改", rows[0], StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Contains("admin", r, StringComparison.Ordinal));
    }
}
