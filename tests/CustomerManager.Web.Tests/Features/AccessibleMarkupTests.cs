using AngleSharp.Dom;
using CustomerManager.Web.Tests.Infrastructure;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// What the accessibility scan of the browser tests relies on, checked on the markup: a skip link first, every
/// box of the visit form labelled, no positive tab order, no page-0 link.
/// </summary>
public class AccessibleMarkupTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Theory]
    [InlineData("zh-CN", "跳到主要内容")]
    [InlineData("en", "Skip to main content")]
    public async Task EveryPageStartsWithASkipLinkToTheMainContent(string culture, string text)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        var page = await client.GetDocumentAsync("/Panel");

        var first = page.Body!.QuerySelector("a[href], button, input, select, textarea")!;
        Assert.Equal("#main", first.GetAttribute("href"));
        Assert.Equal(text, first.TextContent);
        Assert.Contains("visually-hidden-focusable", first.ClassList);
        var main = page.QuerySelector("main#main")!;
        Assert.Equal("-1", main.GetAttribute("tabindex"));
    }

    [Fact]
    public async Task TheNavigationSaysWhichPageIsCurrent()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/Customers");

        var current = Assert.Single(page.QuerySelectorAll("#main-nav a[aria-current=page]"));
        Assert.Equal("/Customers", current.GetAttribute("href"));
        Assert.Contains("active", current.ClassList);
    }

    [Fact]
    public async Task EveryBoxOfTheVisitFormHasALabel()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am01");

        var form = await client.GetDocumentAsync("/Visits/Create");

        var boxes = form.QuerySelectorAll("#visit-form textarea, #visit-form select, #visit-form input:not([type=hidden]):not([type=radio]):not([type=checkbox])");
        Assert.NotEmpty(boxes);
        Assert.All(boxes, box => Assert.True(Label(form, box) is { Length: > 0 }, $"#{box.Id} has no label"));
        Assert.Equal("违规情况说明", Label(form, form.QuerySelector("#ViolationDescription")!));
        Assert.Equal("无证经营情况说明", Label(form, form.QuerySelector("#UnlicensedDescription")!));
    }

    [Fact]
    public async Task TheScoringPageKeepsTheNaturalTabOrder()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");
        var scoring = await client.GetDocumentAsync("/Scoring");
        var link = scoring.QuerySelector("a[href^='/Scoring/Score']")!.GetAttribute("href")!;

        var page = await client.GetDocumentAsync(link);

        Assert.NotNull(page.QuerySelector("#save-next"));
        Assert.DoesNotContain(page.QuerySelectorAll("[tabindex]"), e => int.TryParse(e.GetAttribute("tabindex"), out var i) && i > 0);
    }

    private static string? Label(IDocument page, IElement box) => page.QuerySelector($"label[for='{box.Id}']")?.TextContent.Trim();
}
