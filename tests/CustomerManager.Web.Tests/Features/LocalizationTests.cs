using System.Globalization;
using System.Net;
using System.Reflection;
using System.Resources;
using CustomerManager.Domain.Common;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Tests.Features;

public class LocalizationTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private static async Task<string> SignInHeadingAsync(HttpClient client, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/SignIn");
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        using var response = await client.SendAsync(request);
        return (await response.ToDocumentAsync()).QuerySelector("h1")!.TextContent.Trim();
    }

    [Theory]
    [InlineData(null, "登录")]
    [InlineData("fr-FR", "登录")]
    [InlineData("zh-CN", "登录")]
    [InlineData("en-US", "Sign in")]
    [InlineData("en", "Sign in")]
    public async Task LanguageFollowsTheBrowserWithChineseAsDefault(string? acceptLanguage, string expected)
    {
        using var client = factory.CreateBrowserlessClient();

        Assert.Equal(expected, await SignInHeadingAsync(client, acceptLanguage));
    }

    [Fact]
    public async Task LanguageSwitchIsRememberedOverTheBrowsersLanguage()
    {
        using var client = factory.CreateBrowserlessClient();

        using var switched = await client.SubmitFormAsync("/Account/SignIn", "#language-switch", new Dictionary<string, string>
        {
            ["culture"] = "en",
            ["returnUrl"] = "/Account/SignIn",
        });

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Account/SignIn", switched.Headers.Location!.OriginalString);
        Assert.Equal("Sign in", await SignInHeadingAsync(client, "zh-CN"));
        Assert.Equal("en", (await client.GetDocumentAsync("/Account/SignIn")).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task LanguageSwitchIgnoresAnUnknownCultureAndAForeignReturnUrl()
    {
        using var client = factory.CreateBrowserlessClient();

        using var switched = await client.SubmitFormAsync("/Account/SignIn", "#language-switch", new Dictionary<string, string>
        {
            ["culture"] = "xx-YY",
            ["returnUrl"] = "https://evil.example/",
        });

        Assert.Equal("/", switched.Headers.Location!.OriginalString);
        Assert.Equal("登录", await SignInHeadingAsync(client, null));
    }

    [Fact]
    public async Task ValidationMessagesFollowTheLanguage()
    {
        using var client = factory.CreateBrowserlessClient();
        using var _ = await client.SubmitFormAsync("/Account/SignIn", "#language-switch", new Dictionary<string, string> { ["culture"] = "en" });

        using var response = await client.SignInAsync("", "");

        var page = await response.ToDocumentAsync();
        Assert.Equal("Enter your user name.", page.QuerySelector("[data-valmsg-for=UserName]")!.TextContent.Trim());
    }

    [Fact]
    public async Task SignedInPagesAreTranslatedToo()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var chinese = await client.GetDocumentAsync("/Admin");

        using var _ = await client.SubmitFormAsync("/Admin", "#language-switch", new Dictionary<string, string> { ["culture"] = "en" });
        var english = await client.GetDocumentAsync("/Admin");

        Assert.Equal("管理首页", chinese.QuerySelector("h1")!.TextContent);
        Assert.Equal("Dashboard", english.QuerySelector("h1")!.TextContent);
        Assert.Contains("Active account managers", english.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void BothLanguagesHaveTheSameKeysAndNoEmptyText()
    {
        var resources = new ResourceManager("CustomerManager.Web.Resources.Localization.SharedResource", typeof(SharedResource).Assembly);
        Dictionary<string, string> Read(string culture) =>
            resources.GetResourceSet(new CultureInfo(culture), createIfNotExists: true, tryParents: false)!
                .Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

        var chinese = Read("zh-CN");
        var english = Read("en");

        Assert.True(chinese.Count > 50);
        Assert.Equal(chinese.Keys.Order(), english.Keys.Order());
        Assert.All(chinese.Concat(english), e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
    }

    [Fact]
    public void EveryErrorCodeHasAChineseAndAnEnglishText()
    {
        var resources = new ResourceManager("CustomerManager.Web.Resources.Localization.SharedResource", typeof(SharedResource).Assembly);
        var codes = typeof(ErrorCodes).GetNestedTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.True(codes.Count > 80, $"only {codes.Count} codes found");
        Assert.Equal(codes.Count, codes.Distinct().Count());
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            var texts = resources.GetResourceSet(new CultureInfo(culture), createIfNotExists: true, tryParents: false)!;
            var missing = codes.Where(c => string.IsNullOrWhiteSpace(texts.GetString(c))).ToList();
            Assert.True(missing.Count == 0, $"{culture} has no text for {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void EveryTextTheCodeAsksForExists()
    {
        // l["Key"], L["Key"] and l.Count("Key", …) with a literal key, in controllers, services and views.
        var root = Path.Combine(RepositoryRoot(), "src", "CustomerManager.Web");
        var keys = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"\b[lL](?:\[|\.Count\()""([A-Za-z][A-Za-z0-9.]*)""").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        var english = new ResourceManager("CustomerManager.Web.Resources.Localization.SharedResource", typeof(SharedResource).Assembly)
            .GetResourceSet(new CultureInfo("en"), createIfNotExists: true, tryParents: false)!;

        Assert.True(keys.Count > 300, $"only {keys.Count} keys found");
        Assert.DoesNotContain(keys, k => english.GetString(k) is null);
    }

    [Theory]
    [InlineData("en", 1, "Import 1 row")]
    [InlineData("en", 2, "Import 2 rows")]
    [InlineData("en", 0, "Import 0 rows")]
    [InlineData("en", 1234, "Import 1,234 rows")]
    [InlineData("zh-CN", 1, "确认导入 1 行")]
    [InlineData("zh-CN", 3, "确认导入 3 行")]
    public void ACountedTextAgreesWithItsNumber(string culture, int count, string expected)
    {
        var l = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        Assert.Equal(expected, InCulture(culture, () => l.Count("Import.Confirm", count).Value));
    }

    [Fact]
    public void ARuleMessageCountingOneIsSingular()
    {
        var l = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        Assert.StartsWith("This manager still serves 1 customer.", InCulture("en", () => l.Message(ErrorCodes.AccountManager.HasCustomers, [1])), StringComparison.Ordinal);
        Assert.StartsWith("This manager still serves 2 customers.", InCulture("en", () => l.Message(ErrorCodes.AccountManager.HasCustomers, [2])), StringComparison.Ordinal);
    }

    [Fact]
    public void EverySingularTextHasItsPluralAndTheSameOtherPlaceholders()
    {
        var english = new ResourceManager("CustomerManager.Web.Resources.Localization.SharedResource", typeof(SharedResource).Assembly)
            .GetResourceSet(new CultureInfo("en"), createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        static string[] Others(string text) => [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{[1-9]\}").Select(m => m.Value).Order()];

        var singulars = english.Keys.Where(k => k.EndsWith(Plurals.OneSuffix, StringComparison.Ordinal)).ToList();

        Assert.True(singulars.Count >= 15, $"only {singulars.Count} singular texts");
        Assert.All(singulars, k =>
        {
            var plural = k[..^Plurals.OneSuffix.Length];
            Assert.True(english.ContainsKey(plural), $"{k} has no plural {plural}");
            Assert.Equal(Others(english[plural]), Others(english[k]));
        });
    }

    [Theory]
    [InlineData("订货量", "销量")]
    [InlineData("走访", "拜访")]
    [InlineData("考评", "评定")]
    [InlineData("员工号", "工号")]
    public void TheChineseTextsUseOneTermPerThing(string avoided, string term)
    {
        var chinese = new ResourceManager("CustomerManager.Web.Resources.Localization.SharedResource", typeof(SharedResource).Assembly)
            .GetResourceSet(new CultureInfo("zh-CN"), createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .ToList();

        Assert.Contains(chinese, e => ((string)e.Value!).Contains(term, StringComparison.Ordinal));
        Assert.DoesNotContain(chinese, e => ((string)e.Value!).Contains(avoided, StringComparison.Ordinal));
    }

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CustomerManager.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (CustomerManager.sln) was not found.");
    }
}
