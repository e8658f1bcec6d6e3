using System.Net;
using System.Reflection;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CustomerManager.Web.Tests.Features;

public class AuthorizationTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Theory]
    [InlineData("admin", "/Panel")]
    [InlineData("admin", "/MyWork")]
    [InlineData("monopoly", "/Admin")]
    [InlineData("monopoly", "/MyWork")]
    [InlineData("am01", "/Admin")]
    [InlineData("am01", "/Panel")]
    public async Task RoleCannotOpenAnotherRolesPages(string userName, string url)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("无权访问", (await denied.ToDocumentAsync()).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/SignIn")]
    [InlineData("/Account/SignOut")]
    [InlineData("/Account/ChangePassword")]
    [InlineData("/Account/SetLanguage")]
    public async Task PostWithoutAntiforgeryTokenIsRejected(string url)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am02");

        using var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin",
            ["Password"] = "Demo#2026",
            ["culture"] = "en",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void EveryControllerDeclaresWhoMayUseIt()
    {
        var anonymousAllowed = new[] { "ErrorController" };
        var controllers = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();

        Assert.NotEmpty(controllers);
        foreach (var controller in controllers)
        {
            var authorize = controller.GetCustomAttribute<AuthorizeAttribute>();
            if (anonymousAllowed.Contains(controller.Name))
            {
                Assert.NotNull(controller.GetCustomAttribute<AllowAnonymousAttribute>());
                continue;
            }

            Assert.False(string.IsNullOrEmpty(authorize?.Policy), $"{controller.Name} has no [Authorize(Policy = ...)]");
            var anonymousActions = controller.GetMethods()
                .Where(m => m.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
                .Select(m => $"{controller.Name}.{m.Name}")
                .Distinct();
            Assert.All(anonymousActions, a => Assert.Contains(a, new[] { "AccountController.SignIn", "AccountController.AccessDenied", "AccountController.SetLanguage", "AccountController.SetLanguageAndRepost" }));
        }
    }
}
