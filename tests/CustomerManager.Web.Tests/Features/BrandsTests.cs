using System.Net;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

public class BrandsTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Fact]
    public async Task AddedBrandsAreOfferedAndRetiredOnesAreNot()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var added = await admin.SubmitFormAsync("/Brands", "#brand-form", new Dictionary<string, string> { ["Name"] = " 钻石 " });
        var duplicate = await (await admin.SubmitFormAsync("/Brands", "#brand-form", new Dictionary<string, string> { ["Name"] = "钻石" })).ToDocumentAsync();
        var retireId = 0;
        await factory.WithDbAsync(async db => retireId = await db.Brands.Where(b => b.Name == "白沙").Select(b => b.Id).SingleAsync());
        using var retired = await admin.SubmitFormAsync("/Brands", $"form[action='/Brands/Retire/{retireId}']", new Dictionary<string, string>());

        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am01");
        var form = await manager.GetDocumentAsync("/Visits/Create");
        var offered = form.QuerySelectorAll("#brands input[name=Brands]").Select(i => i.GetAttribute("value")).ToList();

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("该品牌已在目录中。", duplicate.QuerySelector("[data-valmsg-for=Name]")!.TextContent.Trim());
        Assert.Contains("钻石", offered);
        Assert.DoesNotContain("白沙", offered);
    }

    [Theory]
    [InlineData("am01")]
    [InlineData("sales")]
    public async Task OnlyAdministratorsKeepTheCatalogue(string userName)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);

        using var response = await client.GetAsync("/Brands");

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
