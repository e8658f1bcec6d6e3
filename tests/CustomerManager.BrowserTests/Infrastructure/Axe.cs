using System.Text.Json;
using Microsoft.Playwright;

namespace CustomerManager.BrowserTests.Infrastructure;

/// <summary>One node that breaks an axe rule: where it is, its markup and what is wrong with it.</summary>
public sealed record AxeNode(string Target, string Html, string FailureSummary);

/// <summary>An axe-core rule that a page breaks, with every node that breaks it.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, string HelpUrl, IReadOnlyList<AxeNode> Nodes)
{
    /// <summary>What WCAG AA makes a failure: "serious" and "critical" (not "moderate" or "minor").</summary>
    public bool IsSeriousOrWorse => Impact is "serious" or "critical";

    public string Describe(string page) =>
        $"{page}: [{Impact}] {Id}: {Help} ({HelpUrl})" + string.Concat(Nodes.Select(n => $"\n    {n.Target}\n      {n.Html}\n      {n.FailureSummary.ReplaceLineEndings("\n      ")}"));
}

/// <summary>
/// The axe-core accessibility engine (vendored, see <c>Accessibility/axe-core/README.md</c>), injected into every
/// page of a browser context by Playwright: as an init script, so the app's content security policy, which
/// forbids inline scripts, stays as it is.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        using var stream = typeof(Axe).Assembly.GetManifestResourceStream("axe.min.js")
                           ?? throw new InvalidOperationException("axe.min.js is not embedded in the test assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Makes axe available on every page the context opens from now on.</summary>
    public static Task InjectAsync(IBrowserContext context) => context.AddInitScriptAsync(Source.Value);

    /// <summary>Runs every axe rule (WCAG 2.x A and AA, and best practices) on the page as it is now.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>(
            """
            async () => {
                const results = await window.axe.run(document, { resultTypes: ['violations'] });
                return JSON.stringify(results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html, failureSummary: n.failureSummary || '' }))
                })));
            }
            """);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, Json) ?? [];
    }
}
