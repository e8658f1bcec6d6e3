using System.Net;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Web.Tests.Features;

public class SignInTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Theory]
    [InlineData("admin", "/Admin", "管理首页")]
    [InlineData("monopoly", "/Panel", "专卖分管领导")]
    [InlineData("logistics", "/Panel", "物流代表")]
    [InlineData("am01", "/MyWork", "陈晓东")]
    public async Task EachRoleSignsInAndLandsOnItsOwnHome(string userName, string home, string expectedText)
    {
        using var client = factory.CreateBrowserlessClient();

        using var response = await client.SignInAsync(userName);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, response.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync(home);
        Assert.Contains(expectedText, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", new[] { "/Admin" }, new[] { "/Panel", "/MyWork" })]
    [InlineData("sales", new[] { "/Panel" }, new[] { "/Admin", "/MyWork" })]
    [InlineData("am02", new[] { "/MyWork" }, new[] { "/Admin", "/Panel" })]
    public async Task NavigationShowsOnlyTheRolesOwnPages(string userName, string[] shown, string[] hidden)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);

        var page = await client.GetDocumentAsync(shown[0]);
        var links = page.QuerySelectorAll("#main-nav a.nav-link").Select(a => a.GetAttribute("href")).ToList();

        Assert.All(shown, s => Assert.Contains(s, links));
        Assert.All(hidden, h => Assert.DoesNotContain(h, links));
    }

    [Fact]
    public async Task RootSendsASignedInUserToTheirHome()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am03");

        using var response = await client.GetAsync("/");

        Assert.Equal("/MyWork", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task WrongPasswordShowsAMessageAndSignsNobodyIn()
    {
        using var client = factory.CreateBrowserlessClient();

        using var response = await client.SignInAsync("am04", "Wrong#Password1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Contains("用户名或密码不正确", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("am04", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("input[name=UserName]")!).Value);
        using var home = await client.GetAsync("/MyWork");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task UnknownUserGetsTheSameMessageAsAWrongPassword()
    {
        using var client = factory.CreateBrowserlessClient();

        var page = await (await client.SignInAsync("nobody-here", "Whatever#1")).ToDocumentAsync();

        Assert.Contains("用户名或密码不正确", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyFormGetsAMessagePerField()
    {
        using var client = factory.CreateBrowserlessClient();

        using var response = await client.SignInAsync("", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal("请输入用户名。", page.QuerySelector("[data-valmsg-for=UserName]")!.TextContent.Trim());
        Assert.Equal("请输入密码。", page.QuerySelector("[data-valmsg-for=Password]")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnAccountAnAdministratorLockedSaysSo()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var id = await factory.QueryAsync(db => db.Users.Where(u => u.UserName == "am07").Select(u => u.Id).SingleAsync());
        using var locked = await admin.SubmitFormAsync($"/Users/Edit/{id}", $"form[action='/Users/Lock/{id}']", new Dictionary<string, string>());
        using var client = factory.CreateBrowserlessClient();

        using var response = await client.SignInAsync("am07");

        var page = await response.ToDocumentAsync();
        Assert.Equal("此账号已被管理员锁定，请联系管理员解锁。", page.QuerySelector(".validation-summary-errors")!.TextContent.Trim());
        using var unlocked = await admin.SubmitFormAsync($"/Users/Edit/{id}", $"form[action='/Users/Unlock/{id}']", new Dictionary<string, string>());
        using var again = await factory.CreateBrowserlessClient().SignInAsync("am07");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task FiveFailedAttemptsLockTheAccountEvenForTheRightPassword()
    {
        using var client = factory.CreateBrowserlessClient();
        for (var i = 0; i < 5; i++)
        {
            using var _ = await client.SignInAsync("am05", "Wrong#Password1");
        }

        using var response = await client.SignInAsync("am05");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Contains("15", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "am05");
            Assert.True(user.LockoutEnd > factory.Clock.GetUtcNow().AddMinutes(14));
        });
    }

    [Fact]
    public async Task DeactivatedUserCannotSignIn()
    {
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "am06");
            user.IsActive = false;
            await db.SaveChangesAsync();
        });
        using var client = factory.CreateBrowserlessClient();

        using var response = await client.SignInAsync("am06");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignOutEndsTheSession()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am07");

        using var signOut = await client.SubmitFormAsync("/MyWork", "form[action='/Account/SignOut']", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var home = await client.GetAsync("/MyWork");
        Assert.StartsWith("/Account/SignIn", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserWithATemporaryPasswordMustChangeItBeforeAnythingElse()
    {
        const string userName = "temp-admin";
        const string temporary = "Temp#Pass1";
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, DisplayName = "临时管理员", MustChangePassword = true };
            Assert.True((await users.CreateAsync(user, temporary)).Succeeded);
            await users.AddToRoleAsync(user, AppRoles.Administrator);
        }

        using var client = factory.CreateBrowserlessClient();
        using var signIn = await client.SignInAsync(userName, temporary);
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
        using var blocked = await client.GetAsync("/Admin");
        Assert.Equal("/Account/ChangePassword", blocked.Headers.Location!.OriginalString);

        using var changed = await client.SubmitFormAsync("/Account/ChangePassword", "main form", new Dictionary<string, string>
        {
            ["CurrentPassword"] = temporary,
            ["NewPassword"] = "Brand#New2026",
            ["ConfirmPassword"] = "Brand#New2026",
        });

        Assert.Equal("/Admin", changed.Headers.Location!.OriginalString);
        using var home = await client.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task ChangePasswordExplainsEachProblemAndKeepsTheOldPassword()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("callcentre");

        using var mismatch = await client.SubmitFormAsync("/Account/ChangePassword", "main form", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Demo#2026",
            ["NewPassword"] = "Another#2027",
            ["ConfirmPassword"] = "Another#2028",
        });
        var page = await mismatch.ToDocumentAsync();
        Assert.Equal("两次输入的新密码不一致。", page.QuerySelector("[data-valmsg-for=ConfirmPassword]")!.TextContent.Trim());

        using var weak = await client.SubmitFormAsync("/Account/ChangePassword", "main form", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Demo#2026",
            ["NewPassword"] = "short",
            ["ConfirmPassword"] = "short",
        });
        var weakPage = await weak.ToDocumentAsync();
        Assert.Contains("至少需要 8 个字符", weakPage.QuerySelector("[data-valmsg-for=NewPassword]")!.TextContent, StringComparison.Ordinal);

        using var wrongCurrent = await client.SubmitFormAsync("/Account/ChangePassword", "main form", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Not#TheRight1",
            ["NewPassword"] = "Another#2027",
            ["ConfirmPassword"] = "Another#2027",
        });
        var wrongPage = await wrongCurrent.ToDocumentAsync();
        Assert.Equal("当前密码不正确。", wrongPage.QuerySelector("[data-valmsg-for=CurrentPassword]")!.TextContent.Trim());

        using var again = factory.CreateBrowserlessClient();
        using var stillOld = await again.SignInAsync("callcentre");
        Assert.Equal("/Panel", stillOld.Headers.Location!.OriginalString);
    }
}
