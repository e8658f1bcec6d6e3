using System.Net;
using CustomerManager.Web.Tests.Infrastructure;

namespace CustomerManager.Web.Tests.Features;

public class AnonymousAccessTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Admin")]
    [InlineData("/Panel")]
    [InlineData("/MyWork")]
    [InlineData("/Account/ChangePassword")]
    public async Task AnonymousUserIsSentToSignIn(string url)
    {
        using var client = factory.CreateBrowserlessClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPageIsOpenToEveryone()
    {
        using var client = factory.CreateBrowserlessClient();

        using var response = await client.GetAsync("/Account/SignIn");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.NotNull(page.QuerySelector("input[name=UserName]"));
        Assert.NotNull(page.QuerySelector("input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task HealthIsOkAndChecksTheDatabase()
    {
        using var client = factory.CreateBrowserlessClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/lib/bootstrap/dist/css/bootstrap.min.css", "text/css", ".navbar")]
    [InlineData("/css/site.css", "text/css", ".stat-value")]
    [InlineData("/lib/bootstrap/dist/js/bootstrap.bundle.min.js", "text/javascript", "Bootstrap")]
    public async Task StylesheetsAndScriptsAreServedWithTheirContent(string url, string contentType, string expected)
    {
        using var client = factory.CreateBrowserlessClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Length > 1000 || url.EndsWith("site.css", StringComparison.Ordinal), $"{url} has only {body.Length} characters");
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageLinksOnlyStylesheetsAndScriptsThatAreServed()
    {
        using var client = factory.CreateBrowserlessClient();
        var page = await client.GetDocumentAsync("/Account/SignIn");

        var assets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .ToList();

        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            using var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task UnknownPageGetsTheFriendlyNotFoundPage()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am01");

        using var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Contains("页面不存在", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("link[rel=stylesheet]"));
    }

    [Fact]
    public async Task FailureShowsTheFriendlyErrorPageWithARequestIdAndNoStackTrace()
    {
        using var client = factory.CreateBrowserlessClient();

        using var response = await client.GetAsync("/__test/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Secret internal detail", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", html, StringComparison.Ordinal);
        var page = await response.ToDocumentAsync();
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("#request-id")?.TextContent));
    }

    [Theory]
    [InlineData("zh-CN", "数据库暂时无法访问")]
    [InlineData("en", "The database is not answering")]
    public async Task ADatabaseThatCannotBeReachedGetsAFriendly503InTheUsersLanguage(string culture, string title)
    {
        using var client = factory.CreateBrowserlessClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        using var response = await client.GetAsync("/__test/database-down");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("5432", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.Contains(title, (await response.ToDocumentAsync()).Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryResponseCarriesSecurityHeaders()
    {
        using var client = factory.CreateBrowserlessClient();

        using var response = await client.GetAsync("/Account/SignIn");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagesHaveNoInlineScriptsOrStylesTheContentSecurityPolicyWouldBlock()
    {
        using var client = factory.CreateBrowserlessClient();
        var page = await client.GetDocumentAsync("/Account/SignIn");

        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }
}
