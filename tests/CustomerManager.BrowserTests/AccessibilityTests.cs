using System.Text;
using System.Text.RegularExpressions;
using CustomerManager.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CustomerManager.BrowserTests;

/// <summary>
/// axe-core over every screen each role can reach, in both languages, on a desktop: the scan starts at the
/// role's home, follows every link in the app (one page per kind of screen: <c>/Customers/Details/7</c> stands for
/// every customer's details), then adds what no link leads to — refused forms, previews, error pages. Any
/// "serious" or "critical" violation fails the test, printed with where it is and how to fix it; lesser ones are
/// printed only. Collapsed sections are opened first, so what they hide is checked too.
/// </summary>
public partial class AccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const int MaxScreens = 80;

    [GeneratedRegex(@"/(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?=/|$)")]
    private static partial Regex NumericSegment();

    /// <summary>Screens every signed-in role has that links may not reach.</summary>
    private static readonly string[] EveryRoleExtras = ["/Account/ChangePassword", "/Error/404"];

    [BrowserTheory]
    [InlineData("admin", "zh-CN")]
    [InlineData("admin", "en-US")]
    [InlineData("monopoly", "zh-CN")]
    [InlineData("monopoly", "en-US")]
    [InlineData("am01", "zh-CN")]
    [InlineData("am01", "en-US")]
    public async Task EveryScreenOfTheRoleHasNoSeriousAccessibilityViolation(string userName, string locale)
    {
        var page = await browser.NewPageAsync(1366, 900, locale);
        await Axe.InjectAsync(page.Context);
        var scan = new Scan(page, output);

        await page.GotoAsync("/Account/SignIn");
        await scan.CheckAsync("/account/signin");
        await page.SignInAsync(userName);

        await scan.CrawlAsync(["/", .. EveryRoleExtras, .. LinklessScreens(userName)]);
        foreach (var (path, submit, name) in RefusedForms(userName))
        {
            await page.GotoAsync(path);
            await page.Locator(submit).First.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await scan.CheckAsync(name);
        }

        if (userName == "admin")
        {
            await page.GotoAsync("/CustomerImport");
            await page.SetInputFilesAsync("#file", ImportFile());
            await page.ClickAsync("#preview");
            await page.WaitForURLAsync("**/CustomerImport/Preview**");
            await scan.CheckAsync("/customerimport/preview");
        }

        output.WriteLine($"{userName} ({locale}): {scan.Screens.Count} screens: {string.Join(", ", scan.Screens.Order(StringComparer.Ordinal))}");
        var missing = ExpectedScreens(userName).Except(scan.Screens).ToList();
        Assert.True(
            missing.Count == 0 && scan.Failures.Count == 0,
            $"{scan.Failures.Count} serious or critical accessibility violations for {userName} ({locale})"
            + (missing.Count == 0 ? ":" : $", and the scan did not reach {string.Join(", ", missing)}:")
            + "\n\n" + string.Join("\n\n", scan.Failures));
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("zh-CN", "跳到主要内容")]
    [InlineData("en-US", "Skip to main content")]
    public async Task TheFirstTabShowsASkipLinkThatTakesTheKeyboardPastTheNavigation(string locale, string text)
    {
        var page = await browser.NewPageAsync(1366, 900, locale);
        await page.SignInAsync("monopoly");
        await page.GotoAsync("/Customers");
        Assert.True(await page.Locator(".skip-link").IsHiddenAsync() || await page.Locator(".skip-link").BoundingBoxAsync() is { Width: <= 1 });

        await page.Keyboard.PressAsync("Tab");
        var focused = page.Locator(":focus");
        Assert.Equal(text, (await focused.InnerTextAsync()).Trim());
        Assert.True((await focused.BoundingBoxAsync())!.Width > 50, "the skip link shows when it has the focus");
        await BrowserFixture.ScreenshotAsync(page, $"a11y-{locale}-skip-link");

        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"), "the next tab stays in the main content");
        await page.Context.CloseAsync();
    }

    /// <summary>Screens only a form leads to (a GET form, or an address another role's page holds).</summary>
    private static string[] LinklessScreens(string userName) => userName switch
    {
        "admin" => ["/Assignments/Bulk?ids=1&ids=2", "/Calibration/Index/1"], // the published cycle's calibration
        "am01" => ["/Admin"], // "access denied"
        _ => [],
    };

    /// <summary>Forms sent empty, to check the page that refuses them: (where, the submit button, name of the screen).</summary>
    private static (string Path, string Submit, string Name)[] RefusedForms(string userName) => userName switch
    {
        "admin" =>
        [
            ("/Customers/Create", "main form[method=post] button.btn-primary[type=submit]", "/customers/create (refused)"),
            ("/AccountManagers/Create", "main form[method=post] button.btn-primary[type=submit]", "/accountmanagers/create (refused)"),
            ("/Users/Create", "main form[method=post] button.btn-primary[type=submit]", "/users/create (refused)"),
            ("/Cycles", "main form[method=post] button.btn-primary[type=submit]", "/cycles/create (refused)"),
            ("/Criteria", "#preview-settings", "/criteria/preview"),
        ],
        "am01" => [("/Visits/Create", "#save-visit", "/visits/create (refused)")],
        _ => [],
    };

    /// <summary>What the crawl must at least have reached: if links change, the scan must not silently shrink.</summary>
    private static IEnumerable<string> ExpectedScreens(string userName) => userName switch
    {
        "admin" =>
        [
            "/admin", "/accountmanagers", "/accountmanagers/details/{id}", "/accountmanagers/create", "/accountmanagers/edit/{id}",
            "/customers", "/customers/details/{id}", "/customers/create", "/customers/edit/{id}", "/assignments/reassign", "/assignments/bulk",
            "/customerimport", "/visits", "/visits/details/{id}", "/results", "/results/form", "/cycles", "/cycles/details/{id}",
            "/criteria", "/criteria/create", "/criteria/edit/{id}", "/brands", "/brands/spec/{id}", "/market", "/users", "/users/create", "/users/edit/{id}", "/audit",
            "/account/changepassword", "/error/{id}", "/notifications", "/appeals", "/calibration/index/{id}",
        ],
        "monopoly" =>
        [
            "/panel", "/scoring", "/scoring/score", "/inbox", "/results", "/results/form", "/accountmanagers", "/accountmanagers/details/{id}",
            "/customers", "/customers/details/{id}", "/visits", "/visits/details/{id}", "/market", "/notifications",
        ],
        _ =>
        [
            "/mywork", "/customers", "/customers/details/{id}", "/visits", "/visits/details/{id}", "/visits/create", "/results/mine",
            "/results/form", "/account/accessdenied", "/notifications",
        ],
    };

    private static string ImportFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "a11y-import.csv");
        File.WriteAllText(path, "许可证号,店名,负责人,电话,地址,业态,状态\n440199900001,无障碍店,店主,13800001111,幸福路1号,便利店,营业\nABC,,店主,12345,幸福路2号,宇宙飞船,营业\n", new UTF8Encoding(true));
        return path;
    }

    /// <summary>The pages checked so far, and what failed.</summary>
    private sealed class Scan(IPage page, ITestOutputHelper output)
    {
        public HashSet<string> Screens { get; } = [];

        public List<string> Failures { get; } = [];

        /// <summary>"/Customers/Details/7?x=1" and "/customers/details/12" are the same screen: "/customers/details/{id}".</summary>
        private static string ScreenOf(Uri url)
        {
            var path = NumericSegment().Replace(url.AbsolutePath.ToLowerInvariant(), "/{id}");
            path = path.EndsWith("/index", StringComparison.Ordinal) ? path[..^"/index".Length] : path;
            return path.Length == 0 ? "/" : path;
        }

        private static bool IsScreen(Uri url, Uri origin) =>
            url.Authority == origin.Authority
            && !Path.HasExtension(url.AbsolutePath)
            && !url.AbsolutePath.Contains("/Export", StringComparison.OrdinalIgnoreCase)
            && !url.AbsolutePath.StartsWith("/Account/Sign", StringComparison.OrdinalIgnoreCase)
            && !url.AbsolutePath.StartsWith("/Account/SetLanguage", StringComparison.OrdinalIgnoreCase);

        /// <summary>Opens each address and every screen linked from the pages found, one page per screen.</summary>
        public async Task CrawlAsync(IEnumerable<string> start)
        {
            var origin = new Uri(page.Url);
            var queue = new Queue<Uri>(start.Select(s => new Uri(origin, s)));
            var given = queue.ToHashSet();
            var queued = queue.Select(ScreenOf).ToHashSet();
            while (queue.TryDequeue(out var url) && Screens.Count < MaxScreens)
            {
                IResponse? response;
                try
                {
                    response = await page.GotoAsync(url.ToString());
                }
                catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
                {
                    continue; // a file (an export, a template), not a screen
                }

                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                var landed = new Uri(page.Url);
                var status = response?.Status ?? 0;
                if (status >= 400 && !given.Contains(url))
                {
                    // A link that leads to an error or a refusal.
                    Failures.Add($"{url.PathAndQuery}: HTTP {status}");
                }

                queued.Add(ScreenOf(landed));
                if (!Screens.Contains(ScreenOf(landed)))
                {
                    await CheckAsync(ScreenOf(landed));
                }

                var links = await page.EvalOnSelectorAllAsync<string[]>("a[href]:not([download])", "links => links.map(a => a.href)");
                foreach (var link in links.Select(l => new Uri(l)).Where(l => IsScreen(l, origin)))
                {
                    if (queued.Add(ScreenOf(link)))
                    {
                        queue.Enqueue(link);
                    }
                }
            }
        }

        /// <summary>Runs axe on the page as it is, with every collapsed section opened.</summary>
        public async Task CheckAsync(string screen)
        {
            Screens.Add(screen);
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
            var violations = await Axe.RunAsync(page);
            foreach (var violation in violations)
            {
                var text = violation.Describe($"{screen} ({page.Url})");
                if (violation.IsSeriousOrWorse)
                {
                    Failures.Add(text);
                }
                else
                {
                    output.WriteLine("(not failing) " + text);
                }
            }
        }
    }
}
