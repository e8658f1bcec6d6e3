using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// The pager of every paged list: no link to page 0, a page jump and a page size that keep the list's filters
/// and sort, and the inbox, which pages at its own size.
/// </summary>
public class PagerTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private static string[] Hidden(IElement form) =>
        [.. form.QuerySelectorAll("input[type=hidden]").Cast<IHtmlInputElement>().Select(i => $"{i.Name}={i.Value}")];

    [Fact]
    public async Task OnTheFirstPagePreviousIsNotALinkAndTheJumpAndSizeFormsKeepTheFilters()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/Customers?status=Active&sort=store");

        var pager = page.QuerySelector("nav.pager")!;
        Assert.Null(pager.QuerySelector("a[rel=prev]"));
        Assert.DoesNotContain(pager.QuerySelectorAll("a"), a => a.GetAttribute("href")!.Contains("page=0", StringComparison.Ordinal));
        Assert.Equal("上一页", pager.QuerySelector(".page-item.disabled span[aria-disabled=true]")!.TextContent);
        Assert.Equal("/Customers?status=Active&sort=store&page=2", pager.QuerySelector("a[rel=next]")!.GetAttribute("href"));

        var jump = page.QuerySelector("#pager-jump")!;
        Assert.Equal(["status=Active", "sort=store"], Hidden(jump));
        var number = (IHtmlInputElement)jump.QuerySelector("#pager-page")!;
        Assert.Equal("number", number.Type);
        Assert.Equal("1", number.GetAttribute("min"));
        Assert.Equal("6", number.GetAttribute("max"));
        Assert.Equal("1", number.Value);
        Assert.Equal("跳至页码", page.QuerySelector("label[for=pager-page]")!.TextContent);

        var size = page.QuerySelector("#pager-size-form")!;
        Assert.Equal(["status=Active", "sort=store"], Hidden(size)); // a new size starts at page 1
        var options = page.QuerySelectorAll("#pager-size option").Cast<IHtmlOptionElement>().ToList();
        Assert.Equal(["10", "25", "50", "100"], options.Select(o => o.Value));
        Assert.Equal("25", options.Single(o => o.IsSelected).Value);
    }

    [Fact]
    public async Task TheLastPageHasNoNextLinkAndAChosenSizeStaysWithTheJump()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/Customers?pageSize=50&page=3");

        Assert.Null(page.QuerySelector("nav.pager a[rel=next]"));
        Assert.NotNull(page.QuerySelector("nav.pager a[rel=prev]"));
        Assert.Equal(["pageSize=50"], Hidden(page.QuerySelector("#pager-jump")!));
        Assert.Equal("50", page.QuerySelectorAll("#pager-size option").Cast<IHtmlOptionElement>().Single(o => o.IsSelected).Value);
        Assert.Equal("3", page.QuerySelector("#pager-page")!.GetAttribute("max"));
    }

    [Fact]
    public async Task EveryPagedListOffersTheJumpAndTheSizeExceptTheInboxWhichPagesAtItsOwnSize()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var monopoly = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");

        foreach (var list in new[] { "/Customers", "/Visits", "/Users?pageSize=10", "/Audit" })
        {
            var page = await admin.GetDocumentAsync(list);
            Assert.True(page.QuerySelector("#pager-jump") is not null, $"{list} has no page jump");
            Assert.True(page.QuerySelector("#pager-size") is not null, $"{list} has no page size");
        }

        var managers = await admin.GetDocumentAsync("/AccountManagers?pageSize=5");
        Assert.NotNull(managers.QuerySelector("#pager-jump"));
        Assert.Equal(["5", "10", "25", "50", "100"], managers.QuerySelectorAll("#pager-size option").Select(o => o.GetAttribute("value")));

        var inbox = await monopoly.GetDocumentAsync("/Inbox");
        Assert.Null(inbox.QuerySelector("#pager-size"));
    }
}
